using System.Runtime.CompilerServices;

namespace Kelvin.Networks.Kernels;

/// <summary>
/// Kelvin's one matrix kernel: single-precision general matrix multiply on dense row-major
/// matrices, C = op(A)·op(B) (+ C when accumulating), op(X) = X or Xᵀ.
/// <para>Design (BLIS/GotoBLAS): op(B) is packed once into panels of NR columns per block of
/// <see cref="KBlock"/> depth; the output is cut into tiles of at most <see cref="MBlock"/> rows ×
/// <see cref="NBlock"/> columns; each tile packs its op(A) rows into panels of MR and runs an MR×NR
/// register-blocked FMA micro-kernel: 12×32 with Vector512 where the CPU has AVX-512
/// (<see cref="GemmMicroKernel512"/>), else 6×16 with Vector256 + FMA (<see cref="GemmMicroKernel"/>),
/// else a scalar kernel over the same 6×16 panels.</para>
/// <para>Determinism: the tile grid depends on (m, n, k) only, each output element is computed by
/// exactly one thread, and its k-sum runs in a fixed order (blocks of <see cref="KBlock"/> in
/// order, each summed by fused multiply-adds from a zero accumulator, then added to C). The result is
/// therefore bit-identical whatever the number of threads.</para>
/// </summary>
public static unsafe class Gemm
{
    /// <summary>Depth of one packed block (k direction).</summary>
    internal const int KBlock = 256;
    /// <summary>Rows of one output tile (a multiple of the 6-row micro-panel).</summary>
    internal const int MBlock = 96;
    /// <summary>Columns of one output tile (a multiple of the 16-column micro-panel).</summary>
    internal const int NBlock = 1024;
    /// <summary>Below this many multiply-adds (m·n·k) the product runs on the calling thread.</summary>
    internal const long ParallelThreshold = 1L << 20;

    /// <summary>Test hook: products started on this thread run the portable scalar micro-kernel even
    /// where AVX2/FMA exist.</summary>
    [ThreadStatic] internal static bool ForcePortable;

    /// <summary>Test hook: products started on this thread run the 6×16 AVX2 micro-kernel even where
    /// AVX-512 exists.</summary>
    [ThreadStatic] internal static bool ForceAvx2;

    /// <summary>
    /// C (m×n) = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>.
    /// A is m×k row-major (k×m when <paramref name="transposeA"/>), B is k×n (n×k when
    /// <paramref name="transposeB"/>), C is m×n; all dense (leading dimension = row length).
    /// <paramref name="parallel"/> bounds the threads (null: the default scheduler); the result does
    /// not depend on it.
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB,
                                Span<float> c, int m, int n, int k, bool accumulate = false, ParallelOptions? parallel = null)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(m), "matrix sizes must be non-negative");
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
            throw new ArgumentException($"buffers too small for a {m}×{k} by {k}×{n} product");
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
        {
            var job = new GemmJob(pa, transposeA, pb, transposeB, pc, m, n, k, accumulate, Shape);
            job.Run(parallel);
        }
    }

    /// <summary>Whether the vectorized micro-kernel runs on this machine.</summary>
    public static bool IsVectorized => Shape.Kind != KernelKind.Portable;

    /// <summary>The name of the micro-kernel products on this thread run: "avx512 12x32", "avx2 6x16" or "portable 6x16".</summary>
    public static string KernelName => $"{Shape.Kind.ToString().ToLowerInvariant()} {Shape.Rows}x{Shape.Columns}";

    internal static KernelShape Shape =>
        ForcePortable || !GemmMicroKernel.IsHardwareAccelerated ? KernelShape.Portable
        : !ForceAvx2 && GemmMicroKernel512.IsHardwareAccelerated ? KernelShape.Avx512
        : KernelShape.Avx2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
