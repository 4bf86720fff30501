using Kelvin.Entropy;
using Kelvin.Randomness;
using Xunit;

namespace Kelvin.Tests.Entropy;

/// <summary>The spacing estimators' sum is the textbook loop, bit for bit: h = (1/n) Σᵢ ln(n/wᵢ ·
/// (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎)) with clamped order statistics, added in rank order (the implementation
/// computes the interior factor n/(2m) once and skips the clamps there).</summary>
public class SpacingSumTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(1001)]
    [InlineData(40_000)] // above the parallel threshold of the log sum
    public void SpacingEstimatesEqualTheSequentialDefinition(int n)
    {
        var rng = new Rng((ulong)n);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = i % 5 == 0 ? rng.NextInt(3) : rng.NextGaussian() * 0.1; // with ties
        var sample = SortedSample.From(values);
        foreach (var (estimator, weight) in new (IEntropyEstimator, SpacingEntropy.WindowWeight)[]
                 { (new VasicekEntropy(), VasicekEntropy.Weight), (new EbrahimiEntropy(), EbrahimiEntropy.Weight) })
        {
            var x = sample.Resolved;
            int m = VasicekEntropy.DefaultWindow(n);
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Log(n / weight(i, n, m) * (x[Math.Min(i + m, n - 1)] - x[Math.Max(i - m, 0)]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(sum / n), BitConverter.DoubleToInt64Bits(estimator.Estimate(sample)));
        }
    }
}
