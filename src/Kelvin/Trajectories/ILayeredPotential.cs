namespace Kelvin.Trajectories;

/// <summary>One layer's contiguous block θ[Offset .. Offset + Length) of a flat parameter vector:
/// first its <see cref="WeightCount"/> weights, then its biases. Both carry energy (the layer's ΔE_l
/// includes its biases' share); only the weights carry entropy (docs/theory.md §1).</summary>
public readonly record struct LayerSlice(string Name, int Offset, int Length, int WeightCount)
{
    /// <summary>A layer of weights only.</summary>
    public LayerSlice(string name, int offset, int length) : this(name, offset, length, length) { }
}

/// <summary>
/// A potential energy U(θ) over a flat float64 parameter vector θ, partitioned into layers — what loss
/// change allocation needs: U and ∇U at any point. For a network this is U_D on a fixed evaluation
/// set; for a test, a quadratic.
/// </summary>
public interface ILayeredPotential
{
    /// <summary>The layers, in order, covering θ without gaps or overlaps.</summary>
    IReadOnlyList<LayerSlice> Layers { get; }

    /// <summary>The length of θ.</summary>
    int ParameterCount { get; }

    /// <summary>U(θ), writing ∇U(θ) into <paramref name="gradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient);
}
