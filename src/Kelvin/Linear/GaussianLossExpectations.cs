using Kelvin.Numerics;
using Kelvin.Engines;

namespace Kelvin.Linear;

/// <summary>
/// Expectations of a loss over a Gaussian prediction z ~ N(m, s²) (docs/theory.md §5's table): the
/// building blocks of the analytic initial energy.
/// </summary>
public static class GaussianLossExpectations
{
    /// <summary>mse: E(y − z)² = (y − m)² + s².</summary>
    public static double SquaredError(double delta, double s) => delta * delta + s * s;

    /// <summary>mae, folded normal: E|δ − Z|, Z ~ N(0, s²):
    /// s·√(2/π)·exp(−δ²/2s²) + δ·(1 − 2Φ(−δ/s)); |δ| at s = 0.</summary>
    public static double AbsoluteError(double delta, double s)
    {
        if (s == 0) return Math.Abs(delta);
        double t = delta / s;
        return s * Math.Sqrt(2 / Math.PI) * Math.Exp(-0.5 * t * t) + delta * (1 - 2 * Stable.NormalCdf(-t));
    }

    /// <summary>mae over a uniform prediction error: E|δ − U|, U ~ Uniform(−c, c):
    /// (δ² + c²)/(2c) if |δ| ≤ c, else |δ|.</summary>
    public static double AbsoluteErrorUniform(double delta, double c) =>
        Math.Abs(delta) <= c ? (delta * delta + c * c) / (2 * c) : Math.Abs(delta);

    /// <summary>ce reference: E[softplus(u)], u ~ N(μ, s²) = E[softplus(μ + sξ)], by Gauss–Hermite quadrature
    /// (<see cref="GaussianExpectation"/>: 64/128-node rules, adaptive fallback; ~1e−11 relative).</summary>
    public static double Softplus(double mu, double s) =>
        s == 0 ? Stable.Softplus(mu) : GaussianExpectation.Of(t => Stable.Softplus(mu + s * t), Stable.Softplus(mu));

    /// <summary>ce small-s asymptote: softplus(μ) + (s²/2)·σ(μ)σ(−μ) (second-order Taylor).</summary>
    public static double SoftplusSmallSpread(double mu, double s) =>
        Stable.Softplus(mu) + 0.5 * s * s * Stable.Sigmoid(mu) * Stable.Sigmoid(-mu);

    /// <summary>ce large-s asymptote: s·φ(μ/s) + μ·Φ(μ/s) (the exact E[max(u, 0)]) + (π²/6)·φ(μ/s)/s
    /// (the smooth part softplus(u) − max(u, 0), of integral π²/6, seen by a wide Gaussian).</summary>
    public static double SoftplusLargeSpread(double mu, double s)
    {
        double t = mu / s;
        return s * Stable.NormalPdf(t) + mu * Stable.NormalCdf(t) + Math.PI * Math.PI / 6 * Stable.NormalPdf(t) / s;
    }
}
