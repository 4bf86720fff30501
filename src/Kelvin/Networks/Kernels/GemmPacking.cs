namespace Kelvin.Networks.Kernels;

/// <summary>Copies op(A) and op(B) into the panel layouts the micro-kernel streams through,
/// zero-padding partial panels so edge tiles run the same kernel.</summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs all of op(B) (k×n): for each depth block p0 (of <see cref="Gemm.KBlock"/>), for each
    /// <paramref name="NR"/>-column panel j, <c>depth</c> rows of NR floats; block p0 starts at p0·n̄ (n̄ =
    /// n rounded up to NR) and panel j within it at j·depth.
    /// </summary>
    public static void PackB(float* b, bool transposed, int k, int n, float* dst, int fromColumn, int toColumn, int NR)
    {
        int nPadded = Gemm.RoundUp(n, NR);
        for (int p0 = 0; p0 < k; p0 += Gemm.KBlock)
            PackBBlock(b, transposed, k, n, p0, Math.Min(Gemm.KBlock, k - p0), dst + (long)p0 * nPadded, fromColumn, toColumn, NR);
    }

    /// <summary>
    /// Packs depth rows p0..p0+depth of op(B)'s columns <paramref name="fromColumn"/>..<paramref name="toColumn"/>
    /// (a multiple of <paramref name="NR"/> apart, or to n) as NR-column panels of <c>depth</c> rows; the
    /// panel of column j starts at <paramref name="block"/> + j·depth. <see cref="PackB"/> packs every
    /// block this way; a tile that alone uses its columns packs them into its own buffer (passing
    /// buffer − fromColumn·depth as <paramref name="block"/>).
    /// </summary>
    public static void PackBBlock(float* b, bool transposed, int k, int n, int p0, int depth, float* block, int fromColumn, int toColumn, int NR)
    {
        toColumn = Math.Min(toColumn, n);
        for (int j = fromColumn; j < toColumn; j += NR)
        {
            int w = Math.Min(NR, n - j);
            float* panel = block + (long)j * depth;
            if (!transposed)
            {
                // op(B)[p, j] = B[p·n + j]: rows of B are contiguous.
                for (int p = 0; p < depth; p++)
                {
                    float* src = b + (long)(p0 + p) * n + j;
                    float* d = panel + p * NR;
                    if (w == NR) { Buffer.MemoryCopy(src, d, NR * sizeof(float), NR * sizeof(float)); }
                    else { for (int q = 0; q < w; q++) d[q] = src[q]; for (int q = w; q < NR; q++) d[q] = 0; }
                }
            }
            else if (w == NR && Transpose8x8.IsSupported)
            {
                // op(B)[p, j] = B[j·k + p]: 8×8 blocks transposed in registers.
                int p = 0;
                for (; p + 8 <= depth; p += 8)
                    for (int q = 0; q < NR; q += 8)
                        Transpose8x8.Run(b + (long)(j + q) * k + p0 + p, k, panel + p * NR + q, NR);
                for (; p < depth; p++)
                    for (int q = 0; q < NR; q++) panel[p * NR + q] = b[(long)(j + q) * k + p0 + p];
            }
            else
            {
                // op(B)[p, j] = B[j·k + p]: walk each source row of B contiguously.
                for (int q = 0; q < w; q++)
                {
                    float* src = b + (long)(j + q) * k + p0;
                    for (int p = 0; p < depth; p++) panel[p * NR + q] = src[p];
                }
                for (int q = w; q < NR; q++)
                    for (int p = 0; p < depth; p++) panel[p * NR + q] = 0;
            }
        }
    }

    /// <summary>
    /// Packs rows i0..i0+rows of op(A) (m×k), depth p0..p0+depth, as panels of <paramref name="MR"/>
    /// (6 or 12) rows: panel r holds <c>depth</c> groups of MR floats (one per row) and starts at r·depth.
    /// </summary>
    public static void PackA(float* a, bool transposed, int m, int k, int i0, int rows, int p0, int depth, float* dst, int MR)
    {
        float* t = stackalloc float[128];
        for (int r = 0; r < rows; r += MR)
        {
            int h = Math.Min(MR, rows - r);
            float* panel = dst + r * depth;
            int i = i0 + r;
            if (!transposed)
            {
                // op(A)[i, p] = A[i·k + p].
                if (h == MR)
                {
                    float* s0 = a + (long)i * k + p0;
                    int p = 0;
                    if (Transpose8x8.IsSupported)
                    {
                        // Eight depth steps at a time: transpose each group of six rows (rows 6, 7 repeat
                        // row 5 and are dropped), store each 8-float row at its place in the MR-float
                        // stride; each store's two extra floats are overwritten by the next store (in
                        // increasing address order; the buffer has slack for the last).
                        for (; p + 8 <= depth; p += 8)
                        {
                            float* d = panel + p * MR;
                            for (int g = 0; g < MR; g += 6)
                            {
                                Transpose8x8.Run6(s0 + (long)g * k + p, k, t + 8 * 8 * (g / 6));
                            }
                            for (int q = 0; q < 8; q++)
                                for (int g = 0; g < MR; g += 6)
                                    System.Runtime.Intrinsics.Vector256.Store(System.Runtime.Intrinsics.Vector256.Load(t + 8 * 8 * (g / 6) + 8 * q), d + q * MR + g);
                        }
                    }
                    for (; p < depth; p++)
                    {
                        float* d = panel + p * MR;
                        for (int q = 0; q < MR; q++) d[q] = s0[(long)q * k + p];
                    }
                }
                else
                {
                    for (int q = 0; q < MR; q++)
                    {
                        if (q < h)
                        {
                            float* s = a + (long)(i + q) * k + p0;
                            for (int p = 0; p < depth; p++) panel[p * MR + q] = s[p];
                        }
                        else for (int p = 0; p < depth; p++) panel[p * MR + q] = 0;
                    }
                }
            }
            else
            {
                // op(A)[i, p] = A[p·m + i]: six contiguous values per depth step.
                for (int p = 0; p < depth; p++)
                {
                    float* s = a + (long)(p0 + p) * m + i;
                    float* d = panel + p * MR;
                    int q = 0;
                    for (; q < h; q++) d[q] = s[q];
                    for (; q < MR; q++) d[q] = 0;
                }
            }
        }
    }
}
