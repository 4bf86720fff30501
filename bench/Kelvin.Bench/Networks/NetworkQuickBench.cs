using System.Diagnostics;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Kernels;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;

namespace Kelvin.Bench.Networks;

/// <summary>
/// Rough Stopwatch timings of the network engine (best of a few repetitions), for a quick look on a
/// busy machine: `dotnet run -c Release --project bench/Kelvin.Bench -- networks [gemm|train]`.
/// BenchmarkDotNet versions are in <see cref="GemmBenchmarks"/> and <see cref="TrainingBenchmarks"/>.
/// </summary>
public static class NetworkQuickBench
{
    public static void Run(string[] args)
    {
        string what = args.Length > 1 ? args[1] : "all";
        Console.WriteLine($"cores {Environment.ProcessorCount}, vectorized kernel {Gemm.IsVectorized}, OpenBLAS {(OpenBlas.IsAvailable ? "loaded" : "absent (run bench/install-peers.sh)")}");
        if (what is "all" or "gemm")
        {
            foreach (var (m, n, k) in new[] { (256, 128, 784), (128, 1024, 784), (1024, 1024, 1024), (2048, 2048, 2048) })
                GemmRow(m, n, k);
        }
        if (what is "all" or "train")
        {
            TrainRow("64-128-128-10", 32, 8192);
            TrainRow("784-1024-1024-10", 128, 2048);
        }
    }

    private static float[] Random(int length, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)rng.NextGaussian();
        return x;
    }

    private static double Best(int repetitions, Action action)
    {
        action();
        double best = double.MaxValue;
        for (int r = 0; r < repetitions; r++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static void GemmRow(int m, int n, int k)
    {
        var a = Random(m * k, 1);
        var b = Random(k * n, 2);
        var c = new float[m * n];
        double flops = 2.0 * m * n * k;
        int reps = flops > 1e10 ? 3 : flops > 1e9 ? 5 : 50;
        double kelvin = flops / Best(reps, () => Gemm.Multiply(a, false, b, false, c, m, n, k)) / 1e9;
        string line = $"sgemm {m}×{n}×{k}: Kelvin {kelvin,6:F1} GFLOP/s";
        if (OpenBlas.IsAvailable)
        {
            OpenBlas.Threads(Environment.ProcessorCount);
            double blas = flops / Best(reps, () => OpenBlas.Multiply(a, false, b, false, c, m, n, k)) / 1e9;
            line += $", OpenBLAS {blas,6:F1} GFLOP/s, ratio {kelvin / blas:F2}";
        }
        Console.WriteLine(line);
    }

    /// <summary>Synthetic classification data for an architecture: Gaussian features, random labels.</summary>
    internal static Dataset Synthetic(MlpArchitecture arch, int n)
    {
        var rng = new Rng(5);
        var labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = rng.NextInt(arch.OutputSize);
        return Dataset.Classification("synthetic", Random(n * arch.InputSize, 3), n, arch.InputSize, labels, arch.OutputSize);
    }

    private static void TrainRow(string widths, int batch, int n)
    {
        var arch = MlpArchitecture.Parse(widths, "relu");
        var data = Synthetic(arch, n);
        var net = Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(1));
        var options = new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.01, 0.9), BatchSize = batch, Epochs = 1 };
        double seconds = Best(3, () => Trainer.Train(net, data, options));
        Console.WriteLine($"train epoch {widths} batch {batch}: {n / seconds,10:F0} samples/s ({seconds * 1e3:F1} ms per {n} samples)");
    }
}
