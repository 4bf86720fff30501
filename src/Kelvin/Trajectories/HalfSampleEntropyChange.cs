using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Trajectories;

/// <summary>
/// Replicates of a layer's particle-view entropy change by half-sampling its weights: replicate b draws
/// a random half J_b of the weight indices (without replacement, the same J_b at every record, so the
/// change is paired) and gives ΔS*_b = n_l·(mean over the late records of h(w(t)[J_b]) − h(w(0)[J_b])).
/// Given the weights, a half-sample's spread around the full estimate has variance σ²(1/m − 1/n) = σ²/n
/// at m = n/2: the standard deviation of the replicates is the standard error of the full estimate, with
/// no resampled duplicates for the spacing estimators to trip on (a with-replacement bootstrap would tie
/// a third of the weights).
/// </summary>
internal static class HalfSampleEntropyChange
{
    /// <summary>ΔS*_b for b = 0..replicates−1 of one layer; weights[i] are the layer's weights at record i
    /// (the first is the initial state, <paramref name="late"/> the late records). NaN marks a replicate
    /// whose half had no spread.</summary>
    public static double[] Replicates(IReadOnlyList<float[]> weights, int[] late, IEntropyEstimator estimator,
        int replicates, ulong seed, int layer, CancellationToken cancel)
    {
        int n = weights[0].Length, m = n / 2;
        var result = new double[replicates];
        var options = new ParallelOptions { CancellationToken = cancel };
        Parallel.For(0, replicates, options, b =>
        {
            var rng = new Rng(seed, ((ulong)layer << 32) | (uint)b);
            var half = rng.Permutation(n).AsSpan(0, m).ToArray();
            try
            {
                double from = n * Entropy(weights[0], half, estimator), to = 0;
                foreach (int i in late) to += n * Entropy(weights[i], half, estimator);
                result[b] = to / late.Length - from;
            }
            catch (KelvinException) { result[b] = double.NaN; } // a half with fewer than 2 distinct values
        });
        return result;
    }

    private static double Entropy(float[] weights, int[] indices, IEntropyEstimator estimator)
    {
        var values = new double[indices.Length];
        for (int j = 0; j < values.Length; j++) values[j] = weights[indices[j]];
        return estimator.Estimate(SortedSample.Own(values));
    }
}
