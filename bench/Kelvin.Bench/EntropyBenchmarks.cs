using BenchmarkDotNet.Attributes;
using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Bench;

/// <summary>
/// The entropy estimators of docs/theory.md §8 on 10⁷ Normal(0, 1) samples: the sort shared by all of them
/// (SortedSample) and each estimator on the sorted sample.
/// Run: <c>dotnet run -c Release --project bench/Kelvin.Bench -- --filter '*EntropyBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class EntropyBenchmarks
{
    private double[] _values = [];
    private SortedSample _sample = null!;

    [Params(10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = new Normal(0, 1).Samples(new Rng(1), N);
        _sample = SortedSample.From(_values);
    }

    [Benchmark(Description = "sort (SortedSample.From)")]
    public int Sort() => SortedSample.From(_values).Count;

    [Benchmark] public double Gaussian() => new GaussianEntropy().Estimate(_sample);
    [Benchmark] public double Vasicek() => new VasicekEntropy().Estimate(_sample);
    [Benchmark] public double Ebrahimi() => new EbrahimiEntropy().Estimate(_sample);
    [Benchmark] public double Knn() => new KnnEntropy().Estimate(_sample);
    [Benchmark] public double Histogram() => new HistogramEntropy().Estimate(_sample);
}
