using System.Runtime.Intrinsics;

namespace Kelvin.Networks.Activations;

/// <summary>Vectorized float32 helpers behind the built-in activations' span forms. Every output
/// element depends only on the same element of the inputs, so the destination may alias an input.</summary>
internal static class ActivationKernels
{
    /// <summary>One chunk of an elementwise map: z, the incoming values g, the destination d and a
    /// scratch span, all of the same length.</summary>
    public delegate void ChunkKernel(ReadOnlySpan<float> z, ReadOnlySpan<float> g, Span<float> d, Span<float> scratch);

    private const int Chunk = 512;

    /// <summary>d = (z &gt; 0 ? g : α·g) elementwise: ReLU/leaky ReLU forward (g = z) and backward.</summary>
    public static void Piecewise(ReadOnlySpan<float> z, ReadOnlySpan<float> g, Span<float> d, float alpha)
    {
        if (g.Length != z.Length || d.Length < z.Length) throw new ArgumentException("activation spans differ in length");
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; i + 8 <= z.Length; i += 8)
            {
                var zv = Vector256.Create(z.Slice(i, 8));
                var gv = Vector256.Create(g.Slice(i, 8));
                Vector256.ConditionalSelect(Vector256.GreaterThan(zv, Vector256<float>.Zero), gv, gv * a).CopyTo(d.Slice(i, 8));
            }
        }
        for (; i < z.Length; i++) d[i] = z[i] > 0 ? g[i] : alpha * g[i];
    }

    /// <summary>Runs <paramref name="kernel"/> over chunks of 512 elements with a stack scratch buffer.</summary>
    public static void Chunked(ReadOnlySpan<float> z, ReadOnlySpan<float> g, Span<float> d, ChunkKernel kernel)
    {
        if (g.Length != z.Length || d.Length < z.Length) throw new ArgumentException("activation spans differ in length");
        Span<float> scratch = stackalloc float[Chunk];
        for (int i = 0; i < z.Length; i += Chunk)
        {
            int len = Math.Min(Chunk, z.Length - i);
            kernel(z.Slice(i, len), g.Slice(i, len), d.Slice(i, len), scratch[..len]);
        }
    }
}
