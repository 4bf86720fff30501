using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kelvin.Networks.Kernels;

/// <summary>
/// The 12×32 AVX-512 micro-kernel: C[12×32] (+)= Σ_p a_p b_pᵀ over packed panels (12 floats of A and
/// 32 of B per depth step). Twenty-four Vector512 accumulators stay in the 32 zmm registers; each step
/// loads two B vectors, broadcasts twelve A values and issues twenty-four fused multiply-adds (half the
/// loads per FMA of the 6×16 kernel). Every element's sum is the same chain of fused multiply-adds
/// from zero in the same order as <see cref="GemmMicroKernel"/>'s, so both give the same bits.
/// </summary>
internal static unsafe class GemmMicroKernel512
{
    public const int MR = 12, NR = 32;

    public static bool IsHardwareAccelerated => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int depth, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                         c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
                         c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default,
                         c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < depth; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(x, b0, c00); c01 = Avx512F.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(x, b0, c10); c11 = Avx512F.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(x, b0, c20); c21 = Avx512F.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(x, b0, c30); c31 = Avx512F.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(x, b0, c40); c41 = Avx512F.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(x, b0, c50); c51 = Avx512F.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(x, b0, c60); c61 = Avx512F.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(x, b0, c70); c71 = Avx512F.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(a[8]);
            c80 = Avx512F.FusedMultiplyAdd(x, b0, c80); c81 = Avx512F.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9]);
            c90 = Avx512F.FusedMultiplyAdd(x, b0, c90); c91 = Avx512F.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10]);
            ca0 = Avx512F.FusedMultiplyAdd(x, b0, ca0); ca1 = Avx512F.FusedMultiplyAdd(x, b1, ca1);
            x = Vector512.Create(a[11]);
            cb0 = Avx512F.FusedMultiplyAdd(x, b0, cb0); cb1 = Avx512F.FusedMultiplyAdd(x, b1, cb1);
            a += MR; b += NR;
        }
        Store(c, accumulate, c00, c01); c += ldc;
        Store(c, accumulate, c10, c11); c += ldc;
        Store(c, accumulate, c20, c21); c += ldc;
        Store(c, accumulate, c30, c31); c += ldc;
        Store(c, accumulate, c40, c41); c += ldc;
        Store(c, accumulate, c50, c51); c += ldc;
        Store(c, accumulate, c60, c61); c += ldc;
        Store(c, accumulate, c70, c71); c += ldc;
        Store(c, accumulate, c80, c81); c += ldc;
        Store(c, accumulate, c90, c91); c += ldc;
        Store(c, accumulate, ca0, ca1); c += ldc;
        Store(c, accumulate, cb0, cb1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, bool accumulate, Vector512<float> lo, Vector512<float> hi)
    {
        if (accumulate)
        {
            lo = Vector512.Load(c) + lo;
            hi = Vector512.Load(c + 16) + hi;
        }
        Vector512.Store(lo, c);
        Vector512.Store(hi, c + 16);
    }
}
