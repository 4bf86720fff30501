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
/// <para>Each record's weights are sorted once; a half-sample in ascending order is then the sorted
/// weights whose index is in J_b (one pass instead of a sort per replicate and record: the same sorted
/// values, hence the same estimate bit for bit).</para>
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
        var records = late.Prepend(0).Distinct().ToArray();
        var sorted = new (double[] Values, int[] Index)[weights.Count];
        Parallel.For(0, records.Length, options, r => sorted[records[r]] = SortedCheckpoints.WithIndex(weights[records[r]]));
        Parallel.For(0, replicates, options,
            () => (InHalf: new bool[n], Half: new double[m], Resolved: new double[m]),
            (b, _, scratch) =>
            {
                var rng = new Rng(seed, ((ulong)layer << 32) | (uint)b);
                var permutation = rng.Permutation(n);
                Array.Clear(scratch.InHalf);
                for (int j = 0; j < m; j++) scratch.InHalf[permutation[j]] = true;
                try
                {
                    double from = n * Entropy(sorted[0], estimator, scratch), to = 0;
                    foreach (int i in late) to += n * Entropy(sorted[i], estimator, scratch);
                    result[b] = to / late.Length - from;
                }
                catch (KelvinException) { result[b] = double.NaN; } // a half with fewer than 2 distinct values
                return scratch;
            },
            _ => { });
        return result;
    }

    /// <summary>h of the half J_b of one record: its sorted weights filtered by membership (written
    /// without a data-dependent branch: each value is stored, and the position advances for members).</summary>
    private static double Entropy((double[] Values, int[] Index) record, IEntropyEstimator estimator,
                                  (bool[] InHalf, double[] Half, double[] Resolved) scratch)
    {
        var (values, index) = record;
        var (inHalf, half, resolved) = scratch;
        int at = 0;
        for (int r = 0; at < half.Length; r++)
        {
            half[at] = values[r];
            at += inHalf[index[r]] ? 1 : 0;
        }
        return estimator.Estimate(SortedSample.OwnSorted(half, resolved));
    }
}
