namespace Kelvin.Networks.Activations;

/// <summary>
/// An activation function φ applied elementwise to pre-activations z. The scalar
/// <see cref="Value"/>/<see cref="Derivative"/> (float64) serve the theory (heat engines, docs/theory.md §7);
/// the span forms (float32) serve the network engine and may be vectorized by a subclass.
/// </summary>
public abstract class Activation
{
    /// <summary>The name used on the command line and in JSON, e.g. "relu", "leaky_relu(0.1)".</summary>
    public abstract string Name { get; }

    /// <summary>φ(z).</summary>
    public abstract double Value(double z);

    /// <summary>φ′(z).</summary>
    public abstract double Derivative(double z);

    /// <summary>a = φ(z) elementwise.</summary>
    public virtual void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        for (int i = 0; i < z.Length; i++) a[i] = (float)Value(z[i]);
    }

    /// <summary>∂L/∂z = ∂L/∂a ⊙ φ′(z) elementwise.</summary>
    public virtual void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
        for (int i = 0; i < z.Length; i++) gradInput[i] = (float)(gradOutput[i] * Derivative(z[i]));
    }

    public override string ToString() => Name;
}
