namespace Kelvin.Networks.Kernels;

/// <summary>One matrix product in flight, in GotoBLAS/BLIS order: for each depth block of
/// <see cref="Gemm.KBlock"/> (in k order), op(B)'s block is packed into a shared, cache-resident
/// buffer, then the fixed tile grid of C is computed over that block, serially or with Parallel.For
/// (each tile entirely on one thread). Two B buffers alternate, so the packing of block p + 1 runs in
/// the same parallel pass as the tiles of block p (one fork/join per block).</summary>
internal readonly unsafe struct GemmJob
{
    private readonly float* _a, _b, _c;
    private readonly bool _transA, _transB, _accumulate;
    private readonly KernelShape _shape;
    private readonly int _m, _n, _k;

    public GemmJob(float* a, bool transA, float* b, bool transB, float* c, int m, int n, int k, bool accumulate, KernelShape shape)
    {
        _shape = shape;
        _a = a; _b = b; _c = c; _transA = transA; _transB = transB; _m = m; _n = n; _k = k; _accumulate = accumulate;
    }

    private int NPadded => Gemm.RoundUp(_n, _shape.Columns);
    private int BlockLength => NPadded * Math.Min(Gemm.KBlock, _k);
    private int Blocks => (_k + Gemm.KBlock - 1) / Gemm.KBlock;

    public void Run(ParallelOptions? parallel)
    {
        float* packedB = PackBuffers.SharedB(2L * BlockLength);
        bool parallelWork = (long)_m * _n * _k >= Gemm.ParallelThreshold;
        int threads = parallel is { MaxDegreeOfParallelism: > 0 } ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        if (!parallelWork || threads == 1)
        {
            var grid = new TileGrid(_m, _n, 1, _shape);
            for (int block = 0; block < Blocks; block++)
            {
                PackBlock(block, packedB, 0, NPadded);
                for (int t = 0; t < grid.Count; t++) ComputeTile(grid, t, block, packedB);
            }
            return;
        }
        RunParallel(parallel ?? DefaultOptions, threads, packedB);
    }

    /// <summary>Packs columns from..to of op(B)'s depth block <paramref name="block"/> into its buffer
    /// (blocks alternate between the two halves of <paramref name="packedB"/>).</summary>
    private void PackBlock(int block, float* packedB, int from, int to)
    {
        int p0 = block * Gemm.KBlock;
        GemmPacking.PackB(_b, _transB, _k, _n, p0, Math.Min(Gemm.KBlock, _k - p0), BlockBuffer(block, packedB),
                          from, to, _shape.Columns);
    }

    private float* BlockBuffer(int block, float* packedB) => packedB + (long)(block & 1) * BlockLength;

    /// <summary>The threaded path (a separate method, so the serial path allocates no closure). Pass 0
    /// packs block 0; pass p ≥ 1 packs block p into the other buffer and computes every tile over block
    /// p − 1. One fork/join for the whole product: the workers claim the passes' items in order from a
    /// shared counter, and an item of pass p starts only once every item of pass p − 1 is done, so
    /// every element's block sums are added to C in k order whatever the threads. (No deadlock: a
    /// worker only waits for items already claimed by workers that are running them.)</summary>
    private void RunParallel(ParallelOptions options, int threads, float* packedB)
    {
        var self = this;
        nint pb = (nint)packedB;
        // Packing is pure copying: its split cannot change any number.
        int nr = _shape.Columns, panels = NPadded / nr;
        int packGroups = Math.Min(panels, 2 * threads);
        var tiles = new TileGrid(_m, _n, threads, _shape);
        var passes = new PassCounter(Blocks, packGroups, tiles.Count);
        Parallel.For(0, threads, options, _ =>
        {
            while (passes.Claim(out int pass, out int item))
            {
                // Packing items first in each pass: they are short and the next pass needs them all.
                if (item < passes.PackItems(pass))
                    self.PackBlock(pass, (float*)pb, (int)((long)panels * item / packGroups) * nr,
                                   (int)((long)panels * (item + 1) / packGroups) * nr);
                else self.ComputeTile(tiles, item - passes.PackItems(pass), pass - 1, (float*)pb);
                passes.Done(pass);
            }
        });
    }

    private static readonly ParallelOptions DefaultOptions = new();

    /// <summary>C[rows of tile i, columns of tile j] += (or =, for the first block without accumulate)
    /// the product over depth block <paramref name="block"/>, each element's sum a chain of fused
    /// multiply-adds from zero.</summary>
    private void ComputeTile(TileGrid grid, int tile, int block, float* packedB)
    {
        var shape = _shape;
        int MR = shape.Rows, NR = shape.Columns;
        var (i0, rows, j0, cols) = grid.Tile(tile, _m, _n);
        int p0 = block * Gemm.KBlock;
        int depth = Math.Min(Gemm.KBlock, _k - p0);
        bool add = _accumulate || p0 > 0;
        float* packedA = PackBuffers.ThreadA(Gemm.RoundUp(rows, MR) * Math.Min(Gemm.KBlock, _k));
        float* edge = stackalloc float[KernelShape.MaxBlock];
        GemmPacking.PackA(_a, _transA, _m, _k, i0, rows, p0, depth, packedA, MR);
        float* bBlock = BlockBuffer(block, packedB);
        for (int jp = 0; jp < cols; jp += NR)
        {
            int j = j0 + jp, w = Math.Min(NR, _n - j);
            float* bPanel = bBlock + (long)j * depth;
            for (int ip = 0; ip < rows; ip += MR)
            {
                int i = i0 + ip, h = Math.Min(MR, _m - i);
                float* aPanel = packedA + ip * depth;
                float* cTile = _c + (long)i * _n + j;
                if (h == MR && w == NR)
                    shape.Run(depth, aPanel, bPanel, cTile, _n, add);
                else
                {
                    shape.Run(depth, aPanel, bPanel, edge, NR, false);
                    for (int r = 0; r < h; r++)
                    {
                        float* dst = cTile + (long)r * _n, src = edge + r * NR;
                        if (add) for (int q = 0; q < w; q++) dst[q] += src[q];
                        else for (int q = 0; q < w; q++) dst[q] = src[q];
                    }
                }
            }
        }
    }
}

/// <summary>
/// How C is cut into tiles, each computed whole by one thread. Tiles start at <see cref="Gemm.MBlock"/>
/// × <see cref="Gemm.NBlock"/> and shrink (down to 24 × 64) until there are about eight per thread, for
/// load balance; then the rows (columns) are shared evenly among the row (column) tiles, rounded up to
/// the micro-kernel's block (m = 128 in two row tiles: 72 + 56 rather than 96 + 32). The grid may
/// depend on the thread count, the numbers may not: every element's sum runs in the same order
/// whichever tile holds it.
/// </summary>
internal readonly struct TileGrid
{
    public readonly int RowsPerTile, ColsPerTile, RowTiles, ColTiles;

    public TileGrid(int m, int n, int threads, KernelShape shape)
    {
        int rows = Gemm.MBlock, cols = Gemm.NBlock;
        int Tiles(int r, int c) => ((m + r - 1) / r) * ((n + c - 1) / c);
        // Shrink while there are fewer than 8 tiles per thread and a tile would still hold ≥ 2²¹
        // multiply-adds per 256 of depth (for dynamic load balance within ~1/8).
        while (threads > 1 && Tiles(rows, cols) < 8 * threads && (long)rows * cols >= 8192)
        {
            bool canCols = cols > 64 && n > cols / 2, canRows = rows > 24 && m > rows / 2;
            if (canCols && (!canRows || (n + cols - 1) / cols <= (m + rows - 1) / rows)) cols /= 2;
            else if (canRows) rows /= 2;
            else break;
        }
        int rowTiles = (m + rows - 1) / rows, colTiles = (n + cols - 1) / cols;
        RowsPerTile = Math.Min(rows, Gemm.RoundUp((m + rowTiles - 1) / rowTiles, shape.Rows));
        ColsPerTile = Math.Min(cols, Gemm.RoundUp((n + colTiles - 1) / colTiles, shape.Columns));
        RowTiles = (m + RowsPerTile - 1) / RowsPerTile; ColTiles = (n + ColsPerTile - 1) / ColsPerTile;
    }

    public int Count => RowTiles * ColTiles;

    public (int I0, int Rows, int J0, int Cols) Tile(int t, int m, int n)
    {
        int i0 = t / ColTiles * RowsPerTile, j0 = t % ColTiles * ColsPerTile;
        return (i0, Math.Min(RowsPerTile, m - i0), j0, Math.Min(ColsPerTile, n - j0));
    }
}

/// <summary>The ordered passes of one threaded product (see <see cref="GemmJob"/>): pass 0 holds the
/// packing items of block 0, pass p ≥ 1 those of block p (none after the last block) followed by the
/// tiles of block p − 1. Items are claimed in order; a claim of pass p waits until pass p − 1 is done.</summary>
internal sealed class PassCounter
{
    private readonly int _blocks, _packItems, _tiles;
    private readonly int[] _done;
    private int _pass, _next;
    private readonly object _claim = new();

    public PassCounter(int blocks, int packItems, int tiles)
    {
        _blocks = blocks; _packItems = packItems; _tiles = tiles;
        _done = new int[blocks + 1];
    }

    /// <summary>Packing items of pass p (the first items of the pass).</summary>
    public int PackItems(int pass) => pass < _blocks ? _packItems : 0;

    private int Size(int pass) => PackItems(pass) + (pass > 0 ? _tiles : 0);

    /// <summary>The next item, after waiting for the previous pass to finish; false when none is left.</summary>
    public bool Claim(out int pass, out int item)
    {
        lock (_claim)
        {
            while (_pass <= _blocks && _next >= Size(_pass)) { _pass++; _next = 0; }
            pass = _pass; item = _next++;
            if (pass > _blocks) return false;
        }
        if (pass > 0)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _done[pass - 1]) < Size(pass - 1)) spin.SpinOnce();
        }
        return true;
    }

    /// <summary>Marks one item of <paramref name="pass"/> finished.</summary>
    public void Done(int pass) => Interlocked.Increment(ref _done[pass]);
}
