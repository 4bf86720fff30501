namespace Kelvin.Entropy;

/// <summary>The entropy estimators by name.</summary>
public static class EntropyEstimators
{
    /// <summary>Every estimator of docs/theory.md §8, in its order.</summary>
    public static IReadOnlyList<IEntropyEstimator> All { get; } = [new GaussianEntropy(), new VasicekEntropy(), new EbrahimiEntropy(), new KnnEntropy(), new HistogramEntropy()];

    /// <summary>The estimator called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KelvinException">for an unknown name.</exception>
    public static IEntropyEstimator Parse(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new KelvinException($"unknown entropy estimator '{name}': expected one of {string.Join(", ", All.Select(e => e.Name))}");
}
