using Kelvin.Entropy;
using Kelvin.Randomness;
using Kelvin.Trajectories;
using Xunit;

namespace Kelvin.Tests.Trajectories;

public class HalfSampleEntropyChangeTests
{
    /// <summary>The replicates equal, bit for bit, the definition computed directly: for replicate b, the
    /// half J_b = the first ⌊n/2⌋ indices of Rng(seed, layer·2³² + b)'s permutation, each record's
    /// values at J_b sorted afresh and estimated; ΔS*_b = n·(mean over the late records − first record).
    /// Weights with ties (planted zeros of both signs and repeated values), an odd n, and a layer whose
    /// first record is constant (every replicate NaN).</summary>
    [Theory]
    [InlineData(1001, false)]
    [InlineData(64, false)]
    [InlineData(50, true)]
    public void ReplicatesEqualTheDirectDefinition(int n, bool constantStart)
    {
        var rng = new Rng(5);
        var weights = new List<float[]>();
        for (int t = 0; t < 6; t++)
        {
            var w = new float[n];
            for (int j = 0; j < n; j++) w[j] = constantStart && t == 0 ? 0.25f : (float)(rng.NextGaussian() * (1 + 0.1 * t));
            if (!(constantStart && t == 0)) { w[0] = 0f; w[1] = -0f; w[2] = w[3]; w[4] = w[5] = w[6]; }
            weights.Add(w);
        }
        int[] late = [3, 4, 5];
        var estimator = new VasicekEntropy();
        const ulong seed = 9; const int layer = 2, replicates = 12;
        var fast = HalfSampleEntropyChange.Replicates(weights, late, estimator, replicates, seed, layer, CancellationToken.None);
        for (int b = 0; b < replicates; b++)
        {
            var half = new Rng(seed, ((ulong)layer << 32) | (uint)b).Permutation(n).AsSpan(0, n / 2).ToArray();
            double H(float[] w) => estimator.Estimate(SortedSample.From(half.Select(j => (double)w[j]).ToArray()));
            double expected;
            try { expected = late.Average(i => n * H(weights[i])) - n * H(weights[0]); }
            catch (KelvinException) { expected = double.NaN; }
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast[b]));
        }
        if (constantStart) Assert.All(fast, x => Assert.True(double.IsNaN(x)));
    }
}
