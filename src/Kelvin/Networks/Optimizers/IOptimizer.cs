namespace Kelvin.Networks.Optimizers;

/// <summary>An in-place first-order update θ ← θ − step(∇U). Holds its own state (momentum,
/// moments), sized on the first step; later steps do not allocate.</summary>
public interface IOptimizer
{
    /// <summary>A short description, e.g. "sgd(η=0.01, μ=0.9)".</summary>
    string Name { get; }

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradient"/>.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>Forgets all state (as if no step had been taken).</summary>
    void Reset();
}
