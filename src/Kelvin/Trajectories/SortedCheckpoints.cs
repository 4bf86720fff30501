namespace Kelvin.Trajectories;

/// <summary>
/// Member 0's weights of every layer at every checkpoint, sorted once (values as float64, −0.0 as +0.0),
/// for the bootstrap of a single run (<see cref="PhaseReplicates"/>). A bootstrap replicate draws the
/// weight indices with replacement; drawn c_j times, weight j appears c_j times in the resample, so
/// the resample in ascending order is the sorted weights each repeated by its multiplicity: O(n) per
/// replicate instead of a sort, and the same sorted sample (equal values are indistinguishable), hence
/// the same entropy bit for bit.
/// </summary>
internal sealed class SortedCheckpoints
{
    // [checkpoint][layer]: the sorted values, and the weight index of each.
    private readonly double[][][] _values;
    private readonly int[][][] _order;

    private SortedCheckpoints(double[][][] values, int[][][] order) { _values = values; _order = order; }

    public static SortedCheckpoints Of(RecordedTraining run)
    {
        int n = run.CheckpointCount, layers = run.Layers.Count;
        var values = new double[n][][];
        var order = new int[n][][];
        Parallel.For(0, n, i =>
        {
            values[i] = new double[layers][];
            order[i] = new int[layers][];
            for (int l = 0; l < layers; l++)
                (values[i][l], order[i][l]) = WithIndex(run.MemberWeights(0, i, l));
        });
        return new SortedCheckpoints(values, order);
    }

    /// <summary>Weights in ascending order as float64 (−0.0 as +0.0), with the index of each: the form in
    /// which a resample or a half-sample of them is emitted in order without a sort.</summary>
    public static (double[] Values, int[] Index) WithIndex(float[] weights)
    {
        var values = new double[weights.Length];
        var index = new int[weights.Length];
        for (int j = 0; j < weights.Length; j++) { values[j] = weights[j] == 0 ? 0.0 : weights[j]; index[j] = j; }
        Array.Sort(values, index);
        return (values, index);
    }

    /// <summary>c_j: how often index j occurs in <paramref name="indices"/>.</summary>
    public static int[] Multiplicities(int[] indices)
    {
        var counts = new int[indices.Length];
        foreach (int j in indices) counts[j]++;
        return counts;
    }

    /// <summary>The resample of layer <paramref name="layer"/> at checkpoint <paramref name="checkpoint"/>
    /// with multiplicities <paramref name="counts"/>, in ascending order, written into
    /// <paramref name="result"/> (the layer's weight count long) and returned.</summary>
    public double[] Resample(int checkpoint, int layer, int[] counts, double[] result)
    {
        var keys = _values[checkpoint][layer];
        var idx = _order[checkpoint][layer];
        if (result.Length != keys.Length) throw new ArgumentException($"the resample of a layer of {keys.Length} weights needs as many places (got {result.Length})", nameof(result));
        int n = keys.Length, at = 0, r = 0;
        // Multiplicities are Poisson(1)-like: 0–3 for 98% of the weights. Writing each value three times
        // and advancing by its count needs no data-dependent branch; the surplus copies are overwritten
        // by the next (larger or equal) values. Safe while three places remain.
        for (; r < n && at <= n - 3; r++)
        {
            int c = counts[idx[r]];
            double x = keys[r];
            result[at] = x; result[at + 1] = x; result[at + 2] = x;
            if (c > 3) for (int t = 3; t < c && at + t < n; t++) result[at + t] = x;
            at += c;
        }
        for (; r < n; r++)
        {
            int c = counts[idx[r]];
            double x = keys[r];
            for (int t = 0; t < c; t++) result[at++] = x;
        }
        return result;
    }
}
