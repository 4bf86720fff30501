namespace Kelvin.Energy;

/// <summary>
/// An energy form (loss) ℓ(ŷ, y) of docs/theory.md §1. The potential energy of parameters θ on data D is
/// U_D(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ). One sample's prediction ŷ and target y are vectors over the
/// model's outputs (length 1 for a scalar model).
/// </summary>
public interface IEnergyForm
{
    /// <summary>The name used on the command line and in JSON: "mse", "mae" or "ce".</summary>
    string Name { get; }

    /// <summary>ℓ(ŷ, y) for one sample.</summary>
    double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target);

    /// <summary>ℓ(ŷ, y) for one sample, writing ∂ℓ/∂ŷ into <paramref name="gradient"/>
    /// (same length as the prediction).</summary>
    double ValueAndGradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient);

    /// <summary>ℓ for a scalar prediction ŷ and target y.</summary>
    double Value(double prediction, double target);

    /// <summary>∂ℓ/∂ŷ for a scalar prediction ŷ and target y.</summary>
    double Derivative(double prediction, double target);
}
