namespace Kelvin.Entropy;

/// <summary>
/// A validated, sorted copy of a one-dimensional sample: the shared input of every entropy estimator
/// (one O(n log n) sort serves them all). Construction rejects NaN, ±∞ and samples with fewer than
/// two distinct values, with a clear <see cref="KelvinException"/>.
/// </summary>
public sealed class SortedSample
{
    private readonly double[] _sorted;

    private SortedSample(double[] sorted)
    {
        _sorted = sorted;
        int distinct = sorted.Length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.Length; i++) if (sorted[i] != sorted[i - 1]) distinct++;
        DistinctCount = distinct;
        if (distinct < 2)
            throw new KelvinException($"entropy needs at least 2 distinct values (got {sorted.Length} values, {distinct} distinct)");
        // Mean and variance in one pass (Welford), in sorted order: deterministic.
        double mean = 0, m2 = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            double d = sorted[i] - mean;
            mean += d / (i + 1);
            m2 += d * (sorted[i] - mean);
        }
        Mean = mean;
        Variance = m2 / (sorted.Length - 1);
    }

    /// <summary>Sorts a copy of <paramref name="values"/>.</summary>
    public static SortedSample From(ReadOnlySpan<double> values)
    {
        var copy = values.ToArray();
        Validate(copy);
        Array.Sort(copy);
        return new SortedSample(copy);
    }

    /// <summary>Sorts a float64 copy of float32 <paramref name="values"/> (e.g. a layer's weights).</summary>
    public static SortedSample From(ReadOnlySpan<float> values)
    {
        var copy = new double[values.Length];
        for (int i = 0; i < values.Length; i++) copy[i] = values[i];
        Validate(copy);
        Array.Sort(copy);
        return new SortedSample(copy);
    }

    private static void Validate(double[] values)
    {
        if (values.Length < 2) throw new KelvinException($"entropy needs at least 2 values (got {values.Length})");
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new KelvinException($"entropy input has a non-finite value ({values[i]}) at position {i}");
    }

    /// <summary>The values in ascending order.</summary>
    public ReadOnlySpan<double> Values => _sorted;
    /// <summary>n, the number of values.</summary>
    public int Count => _sorted.Length;
    /// <summary>The number of distinct values (n minus the ties).</summary>
    public int DistinctCount { get; }
    /// <summary>True when some values repeat (atoms).</summary>
    public bool HasTies => DistinctCount < Count;
    /// <summary>Sample mean.</summary>
    public double Mean { get; }
    /// <summary>Unbiased sample variance.</summary>
    public double Variance { get; }
    /// <summary>The i-th order statistic x₍ᵢ₎ (0-based).</summary>
    public double this[int i] => _sorted[i];
}
