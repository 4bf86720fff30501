namespace Kelvin.Engines;

/// <summary>
/// The words tables use for an activation's critical gain and fixed points (docs/theory.md §7), shared
/// by `kelvin engine` and the `kelvin run` report so both print the same thing. The caller passes its
/// number format.
/// </summary>
public static class CriticalityText
{
    /// <summary>What a stability label means, for a note under a table.</summary>
    public const string StabilityNote =
        "stability: the slope of the length map at the fixed point (stable < 1; a Type A activation at its critical gain is marginal: every q is a fixed point).";

    /// <summary>"1.4142 (marginal)": g_c with the stability of its fixed point; "none (q*→0 limit 2)" when
    /// no fixed point q* &gt; 0 has χ = 1 but the gain along the fixed points has a q* → 0 limit; else "none".</summary>
    public static string Critical(Criticality c, Func<double?, string> number) =>
        c.Gain is double g ? $"{number(g)} ({c.FixedPoint!.Stability.Name()})"
        : c.LimitAtZero is double limit ? $"none (q*→0 limit {number(limit)})" : "none";

    /// <summary>"0.9 (stable)": the gain g of a fixed point with its stability, or "—" without one.</summary>
    public static string AtFixedPoint(FixedPoint? p, Func<double?, string> number) =>
        p is null ? "—" : $"{number(p.Gain)} ({p.Stability.Name()})";

    /// <summary>One line per distinct reason a critical gain is missing: "relu, …: reason".</summary>
    public static IEnumerable<string> Reasons(IEnumerable<EngineProfile> profiles) =>
        profiles.Where(p => p.Criticality.Reason is not null).GroupBy(p => p.Criticality.Reason!)
                .Select(reason => $"{string.Join(", ", reason.Select(p => p.Activation))}: {reason.Key}");
}
