using System.Runtime.CompilerServices;

namespace Kelvin.Networks.Kernels;

/// <summary>Pinned, 64-byte aligned scratch buffers for packing, one set per thread, grown on demand
/// and reused: the hot loop never allocates.</summary>
internal static unsafe class PackBuffers
{
    [ThreadStatic] private static float[]? _a, _b, _tb;

    /// <summary>The calling thread's buffer for packed op(A) (at least <paramref name="length"/> floats).</summary>
    public static float* ThreadA(long length) => Aligned(ref _a, length);

    /// <summary>The calling thread's buffer for the op(B) columns of the tile it computes.</summary>
    public static float* ThreadB(long length) => Aligned(ref _tb, length);

    /// <summary>The calling thread's buffer for packed op(B), read by every worker of one product.</summary>
    public static float* SharedB(long length) => Aligned(ref _b, length);

    private static float* Aligned(ref float[]? buffer, long length)
    {
        // 16 floats for alignment, 16 of slack past the end (the A packer's overlapping stores).
        if (buffer is null || buffer.Length < length + 32)
            buffer = GC.AllocateUninitializedArray<float>((int)Math.Max(length + 32, 4096), pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref buffer[0]);
        nint aligned = (p + 63) & ~(nint)63;
        return (float*)aligned;
    }
}
