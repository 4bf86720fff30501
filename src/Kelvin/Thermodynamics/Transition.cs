namespace Kelvin.Thermodynamics;

/// <summary>
/// A phase transition from state a to state b on the same data (docs/theory.md §3), with
/// ΔE = E_b − E_a, ΔS = S_b − S_a and the transition temperature
/// <code>T(a→b) = (E_a − E_b) / (S_a − S_b) = ΔE / ΔS</code>
/// in its regime. This is the one place in Kelvin where T = ΔE/ΔS is computed.
/// </summary>
public sealed record Transition(ThermodynamicState From, ThermodynamicState To, Temperature Temperature)
{
    /// <summary>ΔE = E_b − E_a (negative when the transition releases energy).</summary>
    public double EnergyChange => To.Energy - From.Energy;

    /// <summary>ΔS = S_b − S_a; null when either state is a point state (ΔS = ±∞).</summary>
    public double? EntropyChange => From.IsPoint || To.IsPoint ? null : To.Entropy - From.Entropy;

    /// <summary>The transition between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static Transition Between(ThermodynamicState from, ThermodynamicState to, TransitionTolerance? tolerance = null)
        => new(from, to, TemperatureOf(from, to, tolerance ?? TransitionTolerance.Default));

    /// <summary>T from energies and entropies (both states with spread).</summary>
    public static Transition Between(double energyFrom, double entropyFrom, double energyTo, double entropyTo, TransitionTolerance? tolerance = null)
        => Between(ThermodynamicState.Of(energyFrom, entropyFrom), ThermodynamicState.Of(energyTo, entropyTo), tolerance);

    /// <summary>T = ΔE/ΔS with the regimes of docs/theory.md §3, from changes alone (used for layers, where
    /// ΔE_l is an allocated share and there are no absolute layer energies).</summary>
    public static Temperature FromChanges(double energyChange, double entropyChange, double energyTolerance, double entropyTolerance)
    {
        if (!double.IsFinite(energyChange) || !double.IsFinite(entropyChange))
            throw new KelvinException($"a transition needs finite changes (ΔE = {energyChange}, ΔS = {entropyChange})");
        bool flatE = Math.Abs(energyChange) <= energyTolerance;
        bool flatS = Math.Abs(entropyChange) <= entropyTolerance;
        if (flatE && flatS) return Temperature.Degenerate(Regime.NoTransition);
        if (flatS) return Temperature.Degenerate(Regime.Isentropic);
        double t = energyChange / entropyChange;
        // ΔS is above its tolerance here, so an infinite ratio is an overflow of float64, not an
        // isentropic transition: refuse it rather than name a regime that is not the true one.
        if (!double.IsFinite(t))
            throw new KelvinException($"T = ΔE/ΔS overflows float64 (ΔE = {energyChange:R}, ΔS = {entropyChange:R}); rescale the energies");
        return Temperature.Finite(t);
    }

    private static Temperature TemperatureOf(ThermodynamicState a, ThermodynamicState b, TransitionTolerance tol)
    {
        double tolE = tol.Energy(a.Energy, b.Energy);
        if (a.IsPoint || b.IsPoint)
        {
            bool flatE = Math.Abs(b.Energy - a.Energy) <= tolE;
            return Temperature.Degenerate(a.IsPoint && b.IsPoint && flatE ? Regime.NoTransition : Regime.PointState);
        }
        return FromChanges(b.Energy - a.Energy, b.Entropy - a.Entropy, tolE, tol.Entropy(a.Entropy, b.Entropy));
    }
}
