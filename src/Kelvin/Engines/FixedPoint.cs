namespace Kelvin.Engines;

/// <summary>Whether iterating the length map returns to a fixed point after a small perturbation.</summary>
public enum FixedPointStability
{
    /// <summary>Slope &lt; 1: perturbations of q shrink layer by layer; a safe operating point.</summary>
    Stable,
    /// <summary>Slope = 1 (to 1e−9): perturbations neither grow nor shrink (Type A at its critical gain,
    /// where every q is a fixed point).</summary>
    Marginal,
    /// <summary>Slope &gt; 1: perturbations grow; the signal runs away from q* (to 0 or to ∞).</summary>
    Unstable,
}

/// <summary>
/// A fixed point q* = g²·E[φ(√q* ξ)²] + σ_b² of the mean-field length map at gain g, with the slope of
/// the map there, dq_{l+1}/dq_l = g²·E[φ(√q ξ)·φ′(√q ξ)·ξ]/√q at q = q* (docs/theory.md §7: stable when &lt; 1).
/// </summary>
/// <param name="Q">q*, the signal level that the layers reproduce.</param>
/// <param name="Gain">g, the weight scale (weights of variance g²/fan_in).</param>
/// <param name="Slope">The length map's slope at q*.</param>
/// <param name="Chi">χ(q*) = g²·E[φ′(√q* ξ)²], the gradient gain per layer there.</param>
public sealed record FixedPoint(double Q, double Gain, double Slope, double Chi)
{
    /// <summary>How close to 1 a slope counts as marginal.</summary>
    public const double MarginalTolerance = 1e-9;

    /// <summary>Stable (slope &lt; 1), marginal (|slope − 1| ≤ 1e−9) or unstable (slope &gt; 1).</summary>
    public FixedPointStability Stability =>
        Math.Abs(Slope - 1) <= MarginalTolerance ? FixedPointStability.Marginal
        : Slope < 1 ? FixedPointStability.Stable : FixedPointStability.Unstable;
}

/// <summary>The lower-case names of <see cref="FixedPointStability"/> used in tables and JSON.</summary>
public static class FixedPointStabilities
{
    /// <summary>"stable", "marginal" or "unstable".</summary>
    public static string Name(this FixedPointStability s) => s switch
    {
        FixedPointStability.Stable => "stable",
        FixedPointStability.Marginal => "marginal",
        FixedPointStability.Unstable => "unstable",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}

/// <summary>
/// The critical gain of an activation (docs/theory.md §7): the gain g_c at which some fixed point q* &gt; 0 of the
/// length map has χ(q*) = 1. When no such fixed point exists, <see cref="Gain"/> is null and
/// <see cref="Reason"/> says why; the q* → 0 limit of the gain along the fixed points
/// (<see cref="LimitAtZero"/>) is then given separately, as a limit: no network operates there.
/// </summary>
/// <param name="Gain">g_c, or null.</param>
/// <param name="FixedPoint">The fixed point with χ = 1 at g_c (Type A: q* = 1, one of a continuum), or null.</param>
/// <param name="LimitAtZero">lim_{q*→0} g(q*) = 1/√(½(φ′(0⁻)² + φ′(0⁺)²)) where φ(0) = 0, σ_b = 0 and no
/// critical fixed point exists; else null.</param>
/// <param name="Reason">Why <see cref="Gain"/> is null; null when it is not.</param>
public sealed record Criticality(double? Gain, FixedPoint? FixedPoint, double? LimitAtZero, string? Reason);
