namespace Kelvin.Checkpoints;

/// <summary>Whether a tensor enters the entropy (docs/theory.md §1: weights do; biases and normalization
/// parameters, which usually start as a point mass, do not).</summary>
public enum TensorRole
{
    /// <summary>A weight: a matrix, a convolution kernel, an embedding (rank ≥ 2).</summary>
    Weight,
    /// <summary>A bias, a normalization scale/shift or a running statistic (rank ≤ 1 or so named).</summary>
    BiasOrNorm,
}

/// <summary>A tensor's role and the rule that decided it.</summary>
public readonly record struct TensorClassification(TensorRole Role, string Reason)
{
    /// <summary>True for <see cref="TensorRole.Weight"/>.</summary>
    public bool IsWeight => Role == TensorRole.Weight;
}
