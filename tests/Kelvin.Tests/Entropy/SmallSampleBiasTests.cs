using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;
using Xunit.Abstractions;

namespace Kelvin.Tests.Entropy;

/// <summary>The small-n bias of the spacing and neighbour estimators, measured over seeds (docs/entropy.md,
/// "Bias at small n"). The equal-variance mixed init of `kelvin linear`/`kelvin run` (π = ½, a = σ√3) has
/// density jumps at ±a; m-spacings straddle them and smooth the density, which raises the estimate.</summary>
public class SmallSampleBiasTests(ITestOutputHelper output)
{
    private const int Seeds = 400;

    /// <summary>Mean and standard error over <see cref="Seeds"/> seeds of h_est − h_exact at sample size n.</summary>
    internal static (double Bias, double Se) Bias(IUnivariateDistribution d, IEntropyEstimator estimator, int n, int seeds = Seeds)
    {
        var errors = new double[seeds];
        for (int s = 0; s < seeds; s++)
            errors[s] = estimator.Estimate(SortedSample.From(d.Samples(new Rng(7000 + (ulong)s, (ulong)n), n))) - d.Entropy;
        double mean = errors.Average(), ss = errors.Sum(e => (e - mean) * (e - mean));
        return (mean, Math.Sqrt(ss / (seeds - 1) / seeds));
    }

    private static IUnivariateDistribution MixedInit => new Mixed(0.5, 1, Math.Sqrt(3));

    [Fact]
    public void EbrahimiOnTheMixedInitIsBiasedUpwardAt640BySeveralHundredthsOfANat()
    {
        var (bias, se) = Bias(MixedInit, new EbrahimiEntropy(), 640);
        output.WriteLine($"ebrahimi, mixed, n = 640: bias {bias:+0.0000;-0.0000} ± {se:0.0000}");
        Assert.InRange(bias, 0.02, 0.05);  // the +0.0355 per weight seen in the linear panel
        Assert.True(bias > 10 * se);       // systematic, not sampling noise
        // On a smooth density of the same variance the same estimator is far closer: the jumps cause it.
        var (normal, _) = Bias(new Normal(0, 1), new EbrahimiEntropy(), 640);
        Assert.True(bias - normal > 0.015, $"mixed {bias} vs normal {normal}");
    }

    [Fact]
    public void TheMixedInitBiasShrinksOnceTheSpacingWindowNarrowsAndKnnStaysClose()
    {
        // Above n ≈ 640 the window 2m/n ≈ 2/√n that straddles the jumps narrows and the bias falls
        // (+0.034, +0.027, +0.016 at 640, 2560, 10240 over 400 seeds); below, the usual negative small-n bias
        // of m-spacings takes over (docs/entropy.md).
        var estimator = new EbrahimiEntropy();
        double previous = double.PositiveInfinity;
        foreach (int n in new[] { 640, 2560, 10240 })
        {
            var (bias, se) = Bias(MixedInit, estimator, n, 200);
            output.WriteLine($"n = {n}: {bias:+0.0000;-0.0000} ± {se:0.0000}");
            Assert.True(bias < previous, $"bias at n = {n} ({bias}) not below the previous ({previous})");
            previous = bias;
        }
        Assert.InRange(previous, 0.005, 0.025);
        var (knn, knnSe) = Bias(MixedInit, new KnnEntropy(), 640, 200);
        Assert.InRange(knn, -0.01 - 4 * knnSe, 0.01 + 4 * knnSe);
    }
}
