using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kelvin.Networks.Kernels;

/// <summary>
/// The 6×16 micro-kernel: C[6×16] (+)= Σ_p a_p b_pᵀ over packed panels (6 floats of A and 16 of B
/// per depth step). Twelve Vector256 accumulators stay in registers; each step broadcasts six A values
/// and issues twelve fused multiply-adds. The portable kernel does the same sums in the same order
/// with scalar fused multiply-adds.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    public const int MR = 6, NR = 16;

    public static bool IsHardwareAccelerated => Fma.IsSupported && Avx2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(bool vector, int depth, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        if (vector) Avx(depth, a, b, c, ldc, accumulate);
        else Portable(depth, a, b, c, ldc, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Avx(int depth, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                         c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < depth; p++)
        {
            Vector256<float> b0 = System.Runtime.Intrinsics.X86.Avx.LoadVector256(b);
            Vector256<float> b1 = System.Runtime.Intrinsics.X86.Avx.LoadVector256(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, b0, c00); c01 = Fma.MultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, b0, c10); c11 = Fma.MultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, b0, c20); c21 = Fma.MultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, b0, c30); c31 = Fma.MultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(x, b0, c40); c41 = Fma.MultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(x, b0, c50); c51 = Fma.MultiplyAdd(x, b1, c51);
            a += MR; b += NR;
        }
        Store(c, accumulate, c00, c01); c += ldc;
        Store(c, accumulate, c10, c11); c += ldc;
        Store(c, accumulate, c20, c21); c += ldc;
        Store(c, accumulate, c30, c31); c += ldc;
        Store(c, accumulate, c40, c41); c += ldc;
        Store(c, accumulate, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, bool accumulate, Vector256<float> lo, Vector256<float> hi)
    {
        if (accumulate)
        {
            lo = Vector256.Load(c) + lo;
            hi = Vector256.Load(c + 8) + hi;
        }
        Vector256.Store(lo, c);
        Vector256.Store(hi, c + 8);
    }

    private static void Portable(int depth, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        float* acc = stackalloc float[MR * NR];
        new Span<float>(acc, MR * NR).Clear();
        for (int p = 0; p < depth; p++)
        {
            for (int r = 0; r < MR; r++)
            {
                float x = a[r];
                float* row = acc + r * NR;
                for (int q = 0; q < NR; q++) row[q] = MathF.FusedMultiplyAdd(x, b[q], row[q]);
            }
            a += MR; b += NR;
        }
        for (int r = 0; r < MR; r++)
        {
            float* dst = c + (long)r * ldc, src = acc + r * NR;
            if (accumulate) for (int q = 0; q < NR; q++) dst[q] += src[q];
            else for (int q = 0; q < NR; q++) dst[q] = src[q];
        }
    }
}
