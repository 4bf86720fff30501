using System.Security.Cryptography;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Entropy;
using Kelvin.Networks;
using Kelvin.Networks.Kernels;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;

namespace Kelvin.Bench.Compare;

/// <summary>
/// <c>checksum</c>: SHA-256 of the bits of sgemm results (awkward shapes, every transpose, accumulate)
/// of MLP weights after a few training steps, and of every entropy estimate on continuous and tied samples. An optimisation must leave it unchanged: run it
/// before and after (and with DOTNET_PROCESSOR_COUNT=1) and compare.
/// </summary>
public static class Checksum
{
    public static Dictionary<string, object> Run(CompareOptions o)
    {
        using var gemm = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 13, 5), (37, 129, 300), (128, 1024, 784), (1024, 784, 128), (250, 260, 513), (10, 1024, 128) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    var a = TrainingComparison.Gaussian(m * k, 11);
                    var b = TrainingComparison.Gaussian(k * n, 12);
                    var c = TrainingComparison.Gaussian(m * n, 13);
                    Gemm.Multiply(a, ta, b, tb, c, m, n, k, accumulate: ta);
                    gemm.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.AsSpan()));
                }
        using var training = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (layers, batch) in new[] { ("64-128-128-10", 32), ("784-256-100-10", 100) })
            foreach (var optimizer in new[] { OptimizerSettings.Sgd(0.01), OptimizerSettings.Sgd(0.01, 0.9), OptimizerSettings.Adam(0.001) })
            {
                var arch = MlpArchitecture.Parse(layers, "relu");
                var net = Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(3));
                var data = Kelvin.Bench.Networks.NetworkQuickBench.Synthetic(arch, 1000);
                Trainer.Train(net, data, new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = optimizer, BatchSize = batch, Epochs = 2, Seed = 5 });
                training.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(net.Parameters.AsSpan()));
            }
        using var entropy = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (int n in new[] { 1000, 100_000, 1_000_000 })
        {
            var x = new Normal(0, 1).Samples(new Rng(9, (ulong)n), n);
            // (+ 0.0 turns −0.0 into +0.0: Kelvin before the radix sort seeded the atom at zero with whichever zero sorted first.)
            var quantized = x.Select(v => Math.Round(v / 0.05) * 0.05 + 0.0).ToArray();
            foreach (var sample in new[] { x, quantized })
            {
                var sorted = SortedSample.From(sample);
                foreach (var estimator in EntropyEstimators.All)
                    entropy.AppendData(BitConverter.GetBytes(estimator.Estimate(sorted)));
            }
        }
        return new Dictionary<string, object>
        {
            ["entropy_sha256"] = Convert.ToHexString(entropy.GetHashAndReset()),
            ["gemm_sha256"] = Convert.ToHexString(gemm.GetHashAndReset()),
            ["training_sha256"] = Convert.ToHexString(training.GetHashAndReset()),
        };
    }
}
