using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Tests.Entropy;

public class EstimatorAccuracyTests
{
    public static TheoryData<string> Distributions => new() { "normal", "uniform", "laplace", "mixed" };

    internal static IUnivariateDistribution Of(string name) => name switch
    {
        "normal" => new Normal(0, 1),
        "uniform" => Uniform.Symmetric(1),
        "laplace" => new Laplace(0, 1),
        "mixed" => new Mixed(0.5, 1, 1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void SpacingAndNeighbourEstimatorsAreWithin0015NatsAtN100000(string distribution)
    {
        var d = Of(distribution);
        var sample = SortedSample.From(d.Samples(new Rng(2024), 100_000));
        foreach (var estimator in new IEntropyEstimator[] { new VasicekEntropy(), new EbrahimiEntropy(), new KnnEntropy() })
        {
            double h = estimator.Estimate(sample);
            Assert.True(Math.Abs(h - d.Entropy) < 0.015, $"{estimator.Name} on {distribution}: {h} vs exact {d.Entropy}");
        }
        // The histogram is coarser but must be in the neighbourhood (Freedman–Diaconis bias is O(h²)).
        Assert.InRange(new HistogramEntropy().Estimate(sample) - d.Entropy, -0.05, 0.05);
    }

    [Fact]
    public void GaussianEstimatorIsExactForTheVarianceAndAnUpperBoundOtherwise()
    {
        var sample = SortedSample.From(new Laplace(0, 1).Samples(new Rng(1), 50_000));
        double g = new GaussianEntropy().Estimate(sample);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * sample.Variance), g, 12);
        Assert.True(g > new Laplace(0, 1).Entropy);
    }

    [Fact]
    public void AllIsInTheoryOrderAndParseFindsEveryName()
    {
        Assert.Equal(["gaussian", "vasicek", "ebrahimi", "knn", "histogram"], EntropyEstimators.All.Select(e => e.Name));
        foreach (var e in EntropyEstimators.All) Assert.Same(e, EntropyEstimators.Parse(e.Name.ToUpperInvariant()));
        Assert.Throws<KelvinException>(() => EntropyEstimators.Parse("renyi"));
    }

    [Fact]
    public void ParallelHelperGivesTheSameNumbersOnAnyThreadCount()
    {
        var layers = Enumerable.Range(0, 6).Select(i => new Normal(0, 1 + i).Samples(new Rng(5, (ulong)i), 20_000)).ToList();
        foreach (var e in EntropyEstimators.All)
            Assert.Equal(LayerEntropies.Estimate(e, layers, 1), LayerEntropies.Estimate(e, layers, 8));
    }
}
