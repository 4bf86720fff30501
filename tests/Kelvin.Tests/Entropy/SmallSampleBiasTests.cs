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
    public void TheMixedInitBiasShrinksWithNAsTheSpacingWindowNarrows()
    {
        var estimator = new EbrahimiEntropy();
        double previous = double.PositiveInfinity;
        foreach (int n in new[] { 160, 640, 2560, 10240 })
        {
            var (bias, se) = Bias(MixedInit, estimator, n, 200);
            output.WriteLine($"n = {n}: {bias:+0.0000;-0.0000} ± {se:0.0000}");
            Assert.True(bias < previous, $"bias at n = {n} ({bias}) not below the previous ({previous})");
            previous = bias;
        }
        Assert.InRange(previous, -0.005, 0.015);
    }

    [Fact(Skip = "measurement table for docs/entropy.md; run by hand with --filter SmallSampleBias")]
    public void Table()
    {
        var dists = new (string Name, IUnivariateDistribution D)[] { ("normal", new Normal(0, 1)), ("uniform", Uniform.Symmetric(1)), ("mixed", MixedInit) };
        foreach (var (name, d) in dists)
            foreach (var e in new IEntropyEstimator[] { new VasicekEntropy(), new EbrahimiEntropy(), new KnnEntropy() })
                output.WriteLine($"{name} {e.Name} " + string.Join(" | ", new[] { 64, 160, 320, 640, 1280, 2560, 10240 }.Select(n =>
                {
                    var (b, se) = Bias(d, e, n);
                    return $"{b:+0.0000;-0.0000} ± {se:0.0000}";
                })));
    }
}
