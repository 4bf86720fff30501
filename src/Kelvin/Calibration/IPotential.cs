namespace Kelvin.Calibration;

/// <summary>A potential energy U(θ) on ℝ^d with its gradient: the energy a Boltzmann state
/// p(θ) ∝ exp(−U(θ)/T) is built from (docs/theory.md §2).</summary>
public interface IPotential
{
    /// <summary>d, the number of parameters.</summary>
    int Dimension { get; }

    /// <summary>U(θ).</summary>
    double Energy(ReadOnlySpan<double> theta);

    /// <summary>∇U(θ), written to <paramref name="gradient"/>.</summary>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);
}
