namespace Kelvin.Entropy;

/// <summary>
/// Every estimator on plain values: <c>estimator.Estimate(values)</c> with a <c>double[]</c>,
/// <c>float[]</c> or a span of either sorts a float64 copy (<see cref="SortedSample.From(ReadOnlySpan{double})"/>)
/// and returns h in nats (docs/theory.md §8).
/// </summary>
public static class EntropyEstimatorExtensions
{
    /// <summary>h(values) in nats.</summary>
    /// <exception cref="KelvinException">for fewer than 2 distinct values, NaN or ±∞.</exception>
    public static double Estimate(this IEntropyEstimator estimator, ReadOnlySpan<double> values) =>
        estimator.Estimate(SortedSample.From(values));

    /// <summary>h(values) in nats, from float32 values (widened to float64).</summary>
    /// <exception cref="KelvinException">for fewer than 2 distinct values, NaN or ±∞.</exception>
    public static double Estimate(this IEntropyEstimator estimator, ReadOnlySpan<float> values) =>
        estimator.Estimate(SortedSample.From(values));

    /// <summary>h(values) in nats.</summary>
    public static double Estimate(this IEntropyEstimator estimator, double[] values) => estimator.Estimate((ReadOnlySpan<double>)values);

    /// <summary>h(values) in nats, from float32 values.</summary>
    public static double Estimate(this IEntropyEstimator estimator, float[] values) => estimator.Estimate((ReadOnlySpan<float>)values);
}
