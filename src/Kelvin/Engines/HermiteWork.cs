using Kelvin.Networks.Activations;

namespace Kelvin.Engines;

/// <summary>
/// The Hermite decomposition of an activation at signal level q (docs/theory.md §7): with z = √q·ξ, ξ ~ N(0, 1),
/// φ(z) = a₀ + a₁·ξ + (the rest), and E[φ²] = a₀² + a₁² + W.
/// </summary>
/// <param name="Q">Signal level q = E[z²] (pre-activation units²).</param>
/// <param name="A0">a₀ = E[φ(√q ξ)]: the mean, a constant output that carries no signal.</param>
/// <param name="A1">a₁ = E[ξ·φ(√q ξ)]: the part of the output linear in z (conducted signal).</param>
/// <param name="MeanSquare">E[φ(√q ξ)²]: the output energy.</param>
/// <param name="Work">W = E[φ²] − a₀² − a₁², computed directly as E[(φ(√q ξ) − a₀ − a₁ξ)²] (no cancellation):
/// the energy turned into new, non-linear features.</param>
public sealed record HermiteWork(double Q, double A0, double A1, double MeanSquare, double Work)
{
    /// <summary>Work efficiency η_φ(q) = W(q) / q (dimensionless).</summary>
    public double Efficiency => Work / Q;

    /// <summary>The decomposition of <paramref name="activation"/> at signal level <paramref name="q"/> &gt; 0,
    /// by <see cref="GaussianExpectation"/> (Gauss–Hermite, adaptive fallback).</summary>
    /// <exception cref="KelvinException">for q ≤ 0 or not finite, or an activation that is not finite there.</exception>
    public static HermiteWork At(Activation activation, double q)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (!(q > 0) || !double.IsFinite(q)) throw new KelvinException($"signal level q must be positive and finite (got {q})");
        double s = Math.Sqrt(q);
        double a0 = GaussianExpectation.Of(x => activation.Value(s * x), s);
        double a1 = GaussianExpectation.Of(x => x * activation.Value(s * x), s);
        double m2 = OutputMeanSquare(activation, q);
        double work = GaussianExpectation.Of(x => { double r = activation.Value(s * x) - a0 - a1 * x; return r * r; }, q);
        return new HermiteWork(q, a0, a1, m2, work);
    }

    /// <summary>The output energy E[φ(√q ξ)²] alone (q &gt; 0).</summary>
    public static double OutputMeanSquare(Activation activation, double q)
    {
        double s = Math.Sqrt(q);
        return GaussianExpectation.Of(x => { double v = activation.Value(s * x); return v * v; }, q);
    }

    /// <summary>η_φ(q) = W(q)/q for <paramref name="activation"/>.</summary>
    public static double EfficiencyOf(Activation activation, double q) => At(activation, q).Efficiency;
}
