namespace Kelvin.Networks.Kernels;

/// <summary>Which micro-kernel a product runs, and its register block: <see cref="Rows"/> × <see cref="Columns"/>
/// of C per call (the panel widths of packed op(A) and op(B)).</summary>
internal readonly unsafe record struct KernelShape(KernelKind Kind, int Rows, int Columns)
{
    /// <summary>The 12×32 AVX-512 kernel.</summary>
    public static KernelShape Avx512 => new(KernelKind.Avx512, GemmMicroKernel512.MR, GemmMicroKernel512.NR);
    /// <summary>The 6×16 AVX2/FMA kernel.</summary>
    public static KernelShape Avx2 => new(KernelKind.Avx2, GemmMicroKernel.MR, GemmMicroKernel.NR);
    /// <summary>The scalar kernel on 6×16 panels (the same sums as <see cref="Avx2"/>).</summary>
    public static KernelShape Portable => new(KernelKind.Portable, GemmMicroKernel.MR, GemmMicroKernel.NR);

    /// <summary>The largest register block (edge buffers are sized for it).</summary>
    public const int MaxBlock = GemmMicroKernel512.MR * GemmMicroKernel512.NR;

    /// <summary>C[Rows×Columns] (+)= the packed panels' product over <paramref name="depth"/>.</summary>
    public void Run(int depth, float* a, float* b, float* c, int ldc, bool accumulate)
    {
        switch (Kind)
        {
            case KernelKind.Avx512: GemmMicroKernel512.Run(depth, a, b, c, ldc, accumulate); break;
            case KernelKind.Avx2: GemmMicroKernel.Run(true, depth, a, b, c, ldc, accumulate); break;
            default: GemmMicroKernel.Run(false, depth, a, b, c, ldc, accumulate); break;
        }
    }
}

/// <summary>The instruction set of a micro-kernel.</summary>
internal enum KernelKind { Portable, Avx2, Avx512 }
