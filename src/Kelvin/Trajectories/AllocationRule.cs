namespace Kelvin.Trajectories;

/// <summary>
/// The quadrature of the path average ḡ of ∇U along a straight segment θa → θb (docs/theory.md §6):
/// <list type="bullet">
/// <item><see cref="Simpson"/>: ḡ = (g(a) + 4 g(mid) + g(b))/6, one new evaluation (the midpoint) per
/// segment besides its end point; exact while U is cubic along the segment.</item>
/// <item><see cref="Trapezoid"/>: ḡ = (g(a) + g(b))/2 from the end points alone, which every checkpoint
/// evaluates anyway (no extra evaluation); exact while U is quadratic along the segment. A segment whose
/// trapezoid allocation misses ΔE by more than the <see cref="AllocationTolerance"/> falls back to
/// <see cref="Simpson"/> (midpoint, then bisection), so the residual bound is the same.</item>
/// </list>
/// </summary>
public enum AllocationRule
{
    /// <summary>(g(a) + 4 g(mid) + g(b))/6 on every segment.</summary>
    Simpson,
    /// <summary>(g(a) + g(b))/2, refined by Simpson where it misses the tolerance.</summary>
    Trapezoid,
}
