using Kelvin.Bench.Networks;
using Kelvin.Networks.Kernels;
using Kelvin.Randomness;

namespace Kelvin.Bench.Compare;

/// <summary>
/// sgemm C = A·B at <c>--m --n --k</c>: Kelvin's kernel (the machine's best micro-kernel), Kelvin's
/// AVX2 6×16 kernel, and OpenBLAS (P/Invoke, threads = cores), alternating in one process
/// (<c>--ta 1</c>, <c>--tb 1</c>: op(A) = Aᵀ, op(B) = Bᵀ), <c>--reps</c> rounds: GFLOP/s = 2mnk /
/// median seconds, and from the best round (the least disturbed by other load on a shared machine).
/// </summary>
public static class GemmComparison
{
    public static Dictionary<string, object> Run(CompareOptions o)
    {
        int m = o.Int("m", 1024), n = o.Int("n", 1024), k = o.Int("k", 1024);
        bool ta = o.Int("ta", 0) != 0, tb = o.Int("tb", 0) != 0;
        var a = TrainingComparison.Gaussian(m * k, 1);
        var b = TrainingComparison.Gaussian(k * n, 2);
        var c = new float[m * n];
        double flops = 2.0 * m * n * k;
        // Several products per timing for small shapes (≥ ~0.05 s per sample).
        int inner = (int)Math.Clamp(5e9 / flops, 1, 1000);
        void Kelvin() { for (int i = 0; i < inner; i++) Gemm.Multiply(a, ta, b, tb, c, m, n, k); }
        void Avx2() { Gemm.ForceAvx2 = true; try { Kelvin(); } finally { Gemm.ForceAvx2 = false; } }
        void Blas() { for (int i = 0; i < inner; i++) OpenBlas.Multiply(a, ta, b, tb, c, m, n, k); }
        bool blas = OpenBlas.IsAvailable;
        if (blas) OpenBlas.Threads(Environment.ProcessorCount);
        var kelvin = new List<double>();
        var avx2 = new List<double>();
        var peer = new List<double>();
        Kelvin(); Avx2(); if (blas) Blas();
        // Each timed call follows an untimed call of the same side: the other side's threads spin for a
        // while after their last product (OpenBLAS's by design, .NET's pool workers as configured in
        // the project file) and would otherwise take a core from the first timed product.
        for (int r = 0; r < o.Reps; r++)
        {
            kelvin.Add(Timing.Seconds(1, Kelvin)[0] / inner);
            avx2.Add(Timing.Seconds(1, Avx2)[0] / inner);
            if (blas) peer.Add(Timing.Seconds(1, Blas)[0] / inner);
        }
        var result = new Dictionary<string, object>
        {
            ["shape"] = $"{m}x{n}x{k}{(ta ? " Aᵀ" : "")}{(tb ? " Bᵀ" : "")}",
            ["kelvin_gflops"] = flops / Timing.Median(kelvin) / 1e9,
            ["kelvin_best_gflops"] = flops / kelvin.Min() / 1e9,
            ["avx2_gflops"] = flops / Timing.Median(avx2) / 1e9,
            ["avx2_best_gflops"] = flops / avx2.Min() / 1e9,
            ["vectorized"] = Gemm.IsVectorized, ["kernel"] = Gemm.KernelName,
        };
        if (blas)
        {
            result["openblas_gflops"] = flops / Timing.Median(peer) / 1e9;
            result["openblas_best_gflops"] = flops / peer.Min() / 1e9;
            result["openblas_core"] = OpenBlas.Core;
        }
        else result["openblas_error"] = "libopenblas.so.0 not found (install libopenblas0)";
        return result;
    }
}
