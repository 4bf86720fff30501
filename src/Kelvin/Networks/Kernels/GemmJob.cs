namespace Kelvin.Networks.Kernels;

/// <summary>One matrix product in flight: packs op(B) once, then computes the fixed tile grid of C,
/// serially or with Parallel.For (each tile entirely on one thread).</summary>
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

    public void Run(ParallelOptions? parallel)
    {
        int nPadded = Gemm.RoundUp(_n, _shape.Columns);
        bool parallelWork = (long)_m * _n * _k >= Gemm.ParallelThreshold;
        int threads = parallel is { MaxDegreeOfParallelism: > 0 } ? parallel.MaxDegreeOfParallelism : Environment.ProcessorCount;
        if (!parallelWork || threads == 1)
        {
            float* packedB = PackBuffers.SharedB((long)nPadded * _k);
            GemmPacking.PackB(_b, _transB, _k, _n, packedB, 0, nPadded, _shape.Columns);
            var grid = new TileGrid(_m, _n, 1, _shape);
            for (int t = 0; t < grid.Count; t++) ComputeTile(grid, t, packedB);
            return;
        }
        RunParallel(parallel ?? DefaultOptions, threads, nPadded);
    }

    /// <summary>The threaded path (a separate method, so the serial path allocates no closure).</summary>
    private void RunParallel(ParallelOptions options, int threads, int nPadded)
    {
        var self = this;
        var tiles = new TileGrid(_m, _n, threads, _shape);
        if (tiles.RowTiles == 1)
        {
            // Each column of C lies in one tile: the tile packs its own op(B) columns block by block into
            // a thread-local buffer right before using them (no shared packing pass, one fork/join).
            Parallel.For(0, tiles.Count, options, t => self.ComputeTile(tiles, t, null));
            return;
        }
        // Otherwise all of op(B) is packed once into a buffer every tile reads. Packing is pure copying:
        // its split cannot change any number.
        nint pb = (nint)PackBuffers.SharedB((long)nPadded * _k);
        int nr = _shape.Columns;
        int panelGroups = Math.Min(nPadded / nr, 4 * threads);
        Parallel.For(0, panelGroups, options, g =>
        {
            int panels = nPadded / nr;
            int from = (int)((long)panels * g / panelGroups) * nr, to = (int)((long)panels * (g + 1) / panelGroups) * nr;
            GemmPacking.PackB(self._b, self._transB, self._k, self._n, (float*)pb, from, to, nr);
        });
        Parallel.For(0, tiles.Count, options, t => self.ComputeTile(tiles, t, (float*)pb));
    }

    private static readonly ParallelOptions DefaultOptions = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>C[rows of tile i, columns of tile j] over the whole depth, block by block in k order;
    /// op(B) from the shared packed buffer, or (<paramref name="packedB"/> null) packed by this tile.</summary>
    private void ComputeTile(TileGrid grid, int tile, float* packedB)
    {
        var shape = _shape;
        int MR = shape.Rows, NR = shape.Columns;
        var (i0, rows, j0, cols) = grid.Tile(tile, _m, _n);
        int nPadded = Gemm.RoundUp(_n, NR);
        float* packedA = PackBuffers.ThreadA(Gemm.RoundUp(rows, MR) * Math.Min(Gemm.KBlock, _k));
        float* ownB = packedB is null ? PackBuffers.ThreadB((long)Gemm.RoundUp(cols, NR) * Math.Min(Gemm.KBlock, _k)) : null;
        float* edge = stackalloc float[KernelShape.MaxBlock];

        for (int p0 = 0; p0 < _k; p0 += Gemm.KBlock)
        {
            int depth = Math.Min(Gemm.KBlock, _k - p0);
            bool add = _accumulate || p0 > 0;
            GemmPacking.PackA(_a, _transA, _m, _k, i0, rows, p0, depth, packedA, MR);
            float* bBlock;
            if (ownB is null) bBlock = packedB + (long)p0 * nPadded;
            else
            {
                bBlock = ownB - (long)j0 * depth;
                GemmPacking.PackBBlock(_b, _transB, _k, _n, p0, depth, bBlock, j0, j0 + cols, NR);
            }
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
}

/// <summary>
/// How C is cut into tiles, each computed whole by one thread. Tiles start at <see cref="Gemm.MBlock"/>
/// × <see cref="Gemm.NBlock"/> and shrink (down to 24 × 64) until there are about eight per thread, for
/// load balance (a short C: cut into columns only, one tile per thread); then the rows (columns) are
/// shared evenly among the row (column) tiles, rounded up to the micro-kernel's block (no thin last
/// tile row or column). The grid may depend on the thread count, the numbers may not: every
/// element's sum runs in the same order whichever tile holds it.
/// </summary>
internal readonly struct TileGrid
{
    public readonly int RowsPerTile, ColsPerTile, RowTiles, ColTiles;

    public TileGrid(int m, int n, int threads, KernelShape shape)
    {
        // A short C (m ≤ 2·MBlock, e.g. a batch of 128) keeps all its rows in one tile row: each column
        // of C then lies in one tile, which packs its own op(B) columns (GemmJob), and op(A) is packed
        // once per tile and depth block. Every tile repacks all of op(A), so a short C is cut into one
        // column tile per thread only (m = 128 products: 176–227 → 268–313 GFLOP/s against 8 per thread).
        bool oneRow = threads > 1 && m <= 2 * Gemm.MBlock;
        int perThread = oneRow ? 1 : 8;
        int rows = oneRow ? Gemm.RoundUp(m, shape.Rows) : Gemm.MBlock, cols = Gemm.NBlock;
        int Tiles(int r, int c) => ((m + r - 1) / r) * ((n + c - 1) / c);
        // Shrink while there are fewer than 8 tiles per thread (1 for a short C) and a tile would still
        // hold ≥ 2²¹ multiply-adds per 256 of depth (for dynamic load balance within ~1/8).
        while (threads > 1 && Tiles(rows, cols) < perThread * threads && (long)rows * cols >= 8192)
        {
            bool canCols = cols > 64 && n > cols / 2, canRows = !oneRow && rows > 24 && m > rows / 2;
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
