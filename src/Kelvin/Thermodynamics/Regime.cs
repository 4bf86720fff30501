namespace Kelvin.Thermodynamics;

/// <summary>
/// The regime of a transition temperature (docs/theory.md §3). Degenerate cases are results, not crashes;
/// JSON carries them as <c>"temperature": null</c> plus the regime's <see cref="RegimeNames.Name"/>.
/// </summary>
public enum Regime
{
    /// <summary>Finite T &gt; 0: energy and entropy change in the same direction.</summary>
    Normal,
    /// <summary>Finite T &lt; 0: e.g. energy released while entropy rose.</summary>
    Negative,
    /// <summary>|ΔS| below tolerance with |ΔE| above: pure work, T = ±∞ (reported as null).</summary>
    Isentropic,
    /// <summary>One state has no spread (S = −∞): T → 0 (reported as null).</summary>
    PointState,
    /// <summary>|ΔE| and |ΔS| both below tolerance: nothing happened (T undefined, reported as null).</summary>
    NoTransition,
}

/// <summary>The JSON/CLI names of <see cref="Regime"/>.</summary>
public static class RegimeNames
{
    /// <summary>"normal", "negative", "isentropic", "point-state" or "no-transition".</summary>
    public static string Name(this Regime regime) => regime switch
    {
        Regime.Normal => "normal",
        Regime.Negative => "negative",
        Regime.Isentropic => "isentropic",
        Regime.PointState => "point-state",
        Regime.NoTransition => "no-transition",
        _ => throw new ArgumentOutOfRangeException(nameof(regime)),
    };
}
