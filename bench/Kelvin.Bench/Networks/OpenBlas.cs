using System.Runtime.InteropServices;

namespace Kelvin.Bench.Networks;

/// <summary>OpenBLAS sgemm through P/Invoke (bench only). Install with bench/install-peers.sh
/// (Debian: libopenblas0). <see cref="IsAvailable"/> is false when the library is absent.</summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;
    private static readonly delegate* unmanaged<int, void> SetThreads;
    private static readonly delegate* unmanaged<nint> CoreName;

    static OpenBlas()
    {
        if (!NativeLibrary.TryLoad("libopenblas.so.0", out nint lib)) return;
        Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)NativeLibrary.GetExport(lib, "cblas_sgemm");
        if (NativeLibrary.TryGetExport(lib, "openblas_set_num_threads", out nint st)) SetThreads = (delegate* unmanaged<int, void>)st;
        if (NativeLibrary.TryGetExport(lib, "openblas_get_corename", out nint cn)) CoreName = (delegate* unmanaged<nint>)cn;
    }

    /// <summary>The kernel family OpenBLAS dispatched to on this CPU (e.g. Haswell = AVX2, SkylakeX =
    /// AVX-512; OPENBLAS_CORETYPE overrides its detection), or "unknown".</summary>
    public static string Core => CoreName == null ? "unknown" : Marshal.PtrToStringAnsi(CoreName()) ?? "unknown";

    public static bool IsAvailable => Sgemm != null;

    public static void Threads(int n) { if (SetThreads != null) SetThreads(n); }

    /// <summary>C = op(A)·op(B), row-major, dense.</summary>
    public static void Multiply(float[] a, bool ta, float[] b, bool tb, float[] c, int m, int n, int k)
    {
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            Sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, m, n, k, 1f, pa, ta ? m : k, pb, tb ? k : n, 0f, pc, n);
    }
}
