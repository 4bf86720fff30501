using Kelvin.Numerics;
using MathNet.Numerics.Integration;

namespace Kelvin.Engines;

/// <summary>
/// E[f(ξ)] for ξ ~ N(0, 1) and any f, to about 1e−11 relative to max(E|f|, a caller's scale).
/// First Gauss–Hermite with <see cref="BaseNodes"/> and 2·<see cref="BaseNodes"/> nodes; if the two agree
/// within <see cref="Tolerance"/>·max(E|f|, scale), the larger rule's value is returned. Otherwise f is
/// not smooth enough for polynomial quadrature (a kink as in relu, or a steep step as tanh at large q),
/// and the fallback integrates the Gaussian-weighted integrand f(x)·φ(x) on [−<see cref="Cutoff"/>, 0]
/// and [0, <see cref="Cutoff"/>] (split at 0, where the kinks of positively homogeneous activations
/// sit) by adaptive bisection with MathNet's Gauss–Legendre rules: a panel is accepted when its
/// 15- and 31-point values agree within the tolerance share of its width; panels with a kink elsewhere
/// are bisected until they do (or to depth <see cref="MaxDepth"/>).
/// </summary>
public static class GaussianExpectation
{
    /// <summary>Nodes of the first Gauss–Hermite rule (the second has twice as many).</summary>
    public const int BaseNodes = 64;

    /// <summary>Accuracy asked for, relative to max(E|f|, scale).</summary>
    public const double Tolerance = 1e-11;

    /// <summary>Half-width of the fallback interval in units of σ: the Gaussian mass beyond is below e^(−800).</summary>
    public const double Cutoff = 40;

    /// <summary>Deepest bisection of a fallback panel (panel width 40·2^(−60)).</summary>
    public const int MaxDepth = 60;

    /// <summary>E[f(ξ)], ξ ~ N(0, 1). <paramref name="scale"/> is the size of error the caller can call
    /// negligible when multiplied by <see cref="Tolerance"/> (e.g. q for a work W(q) that may be ≈ 0).</summary>
    /// <exception cref="KelvinException">when f is NaN or infinite on the quadrature nodes.</exception>
    public static double Of(Func<double, double> f, double scale = 0)
    {
        double coarse = GaussHermiteRule.Of(BaseNodes).Expectation(f);
        double fine = GaussHermiteRule.Of(2 * BaseNodes).Expectation(f, out double mass);
        if (!double.IsFinite(coarse) || !double.IsFinite(fine))
            throw new KelvinException("the function is not finite on the Gauss–Hermite nodes: its Gaussian expectation is undefined");
        double tolerance = Tolerance * Math.Max(mass, scale);
        if (Math.Abs(fine - coarse) <= tolerance) return fine;
        return Adaptive(f, tolerance);
    }

    /// <summary>The fallback: adaptive Gauss–Legendre of f(x)·φ(x) on each half-line, split at 0,
    /// to absolute accuracy <paramref name="tolerance"/>.</summary>
    internal static double Adaptive(Func<double, double> f, double tolerance)
    {
        double Weighted(double x) { double p = Stable.NormalPdf(x); return p == 0 ? 0 : f(x) * p; }
        double perWidth = tolerance / (2 * Cutoff);
        double result = Panel(Weighted, -Cutoff, 0, perWidth, 0) + Panel(Weighted, 0, Cutoff, perWidth, 0);
        if (!double.IsFinite(result))
            throw new KelvinException("the function is not finite under the Gaussian weight: its expectation is undefined");
        return result;
    }

    private static double Panel(Func<double, double> g, double a, double b, double perWidth, int depth)
    {
        double coarse = GaussLegendreRule.Integrate(g, a, b, 15);
        double fine = GaussLegendreRule.Integrate(g, a, b, 31);
        if (Math.Abs(fine - coarse) <= perWidth * (b - a) || depth >= MaxDepth || !double.IsFinite(fine)) return fine;
        double m = 0.5 * (a + b);
        return Panel(g, a, m, perWidth, depth + 1) + Panel(g, m, b, perWidth, depth + 1);
    }
}
