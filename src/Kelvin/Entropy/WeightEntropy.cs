namespace Kelvin.Entropy;

/// <summary>
/// The entropy of a weight vector in one call: the particle-view entropy of a layer (docs/theory.md §2),
/// S = n·h(w₁, …, w_n) in nats, with h the estimator given (default ebrahimi, Kelvin's estimator for
/// trajectories). Differences of S between two states of the same layer are the ΔS_l of a temperature.
/// </summary>
public static class WeightEntropy
{
    /// <summary>S = n·h(<paramref name="weights"/>) in nats.</summary>
    /// <exception cref="KelvinException">for fewer than 2 distinct weights (a point, S = −∞), NaN or ±∞.</exception>
    public static double Of(ReadOnlySpan<double> weights, IEntropyEstimator? estimator = null) =>
        weights.Length * (estimator ?? new EbrahimiEntropy()).Estimate(weights);

    /// <summary>S = n·h(<paramref name="weights"/>) in nats, from float32 weights.</summary>
    /// <exception cref="KelvinException">for fewer than 2 distinct weights (a point, S = −∞), NaN or ±∞.</exception>
    public static double Of(ReadOnlySpan<float> weights, IEntropyEstimator? estimator = null) =>
        weights.Length * (estimator ?? new EbrahimiEntropy()).Estimate(weights);

    /// <summary>S = n·h(<paramref name="weights"/>) in nats.</summary>
    public static double Of(double[] weights, IEntropyEstimator? estimator = null) => Of((ReadOnlySpan<double>)weights, estimator);

    /// <summary>S = n·h(<paramref name="weights"/>) in nats, from float32 weights.</summary>
    public static double Of(float[] weights, IEntropyEstimator? estimator = null) => Of((ReadOnlySpan<float>)weights, estimator);
}
