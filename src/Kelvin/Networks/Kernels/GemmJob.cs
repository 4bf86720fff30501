namespace Kelvin.Networks.Kernels;

/// <summary>One matrix product in flight: packs op(B) once, then computes the fixed tile grid of C,
/// serially or with Parallel.For (each tile entirely on one thread).</summary>
internal readonly unsafe struct GemmJob
{
    private readonly float* _a, _b, _c;
    private readonly bool _transA, _transB, _accumulate, _vector;
    private readonly int _m, _n, _k;

    public GemmJob(float* a, bool transA, float* b, bool transB, float* c, int m, int n, int k, bool accumulate, bool vector)
    {
        _vector = vector;
        _a = a; _b = b; _c = c; _transA = transA; _transB = transB; _m = m; _n = n; _k = k; _accumulate = accumulate;
    }

    public void Run(ParallelOptions? parallel)
    {
        int nPadded = Gemm.RoundUp(_n, GemmMicroKernel.NR);
        float* packedB = PackBuffers.SharedB((long)nPadded * _k);
        GemmPacking.PackB(_b, _transB, _k, _n, packedB);

        int rowTiles = (_m + Gemm.MBlock - 1) / Gemm.MBlock;
        int colTiles = (_n + Gemm.NBlock - 1) / Gemm.NBlock;
        int tiles = rowTiles * colTiles;
        if (tiles == 1 || (long)_m * _n * _k < Gemm.ParallelThreshold)
        {
            for (int t = 0; t < tiles; t++) ComputeTile(t / colTiles, t % colTiles, packedB);
            return;
        }
        var self = this;
        nint pb = (nint)packedB;
        Parallel.For(0, tiles, parallel ?? DefaultOptions, t => self.ComputeTile(t / colTiles, t % colTiles, (float*)pb));
    }

    private static readonly ParallelOptions DefaultOptions = new();

    /// <summary>C[rows of tile i, columns of tile j] over the whole depth, block by block in k order.</summary>
    private void ComputeTile(int tileRow, int tileCol, float* packedB)
    {
        const int MR = GemmMicroKernel.MR, NR = GemmMicroKernel.NR;
        int i0 = tileRow * Gemm.MBlock, rows = Math.Min(Gemm.MBlock, _m - i0);
        int j0 = tileCol * Gemm.NBlock, cols = Math.Min(Gemm.NBlock, _n - j0);
        int nPadded = Gemm.RoundUp(_n, NR);
        float* packedA = PackBuffers.ThreadA(Gemm.RoundUp(rows, MR) * Gemm.KBlock);
        bool vector = _vector;
        float* edge = stackalloc float[MR * NR];

        for (int p0 = 0; p0 < _k; p0 += Gemm.KBlock)
        {
            int depth = Math.Min(Gemm.KBlock, _k - p0);
            bool add = _accumulate || p0 > 0;
            GemmPacking.PackA(_a, _transA, _m, _k, i0, rows, p0, depth, packedA);
            float* bBlock = packedB + (long)p0 * nPadded;
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
                        GemmMicroKernel.Run(vector, depth, aPanel, bPanel, cTile, _n, add);
                    else
                    {
                        GemmMicroKernel.Run(vector, depth, aPanel, bPanel, edge, NR, false);
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
