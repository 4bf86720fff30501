using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// Layer l's local temperature over a transition (docs/theory.md §6): T_l = ΔE_l / ΔS_l, with ΔE_l the energy
/// allocated to the layer (its weights and biases) and ΔS_l = S_l(to) − S_l(from) the change of its
/// weights' entropy. <see cref="Heated"/>: the layer's entropy rose (ΔS_l &gt; 0), as a body heats when
/// its entropy grows; false when it fell (cooled) or the layer is a point.
/// </summary>
public sealed record LayerTemperature(string Name, double EnergyChange, double? EntropyFrom, double? EntropyTo, Temperature Temperature)
{
    /// <summary>ΔS_l in nats (null when either state of the layer is a point).</summary>
    public double? EntropyChange => EntropyFrom is double a && EntropyTo is double b ? b - a : null;

    /// <summary>T_l with its standard error and view, when the transition was read from replicates
    /// (<see cref="TransitionAnalysis"/>); null for a single pair of states (e.g. two checkpoints).</summary>
    public TemperatureEstimate? Estimate { get; init; }

    /// <summary>The layer's entropy rose: it heated (ΔS_l &gt; 0).</summary>
    public bool Heated => EntropyChange > 0;

    /// <summary>T_l = ΔE_l/ΔS_l by <see cref="Transition.FromChanges"/>, with the tolerances of the
    /// global transition <paramref name="energyFrom"/> → <paramref name="energyTo"/>
    /// (<see cref="TransitionTolerance.Default"/>); a point layer (S_l = −∞ on either side) is
    /// <see cref="Regime.PointState"/>.</summary>
    public static LayerTemperature Of(string name, double energyChange, double? entropyFrom, double? entropyTo, double energyFrom, double energyTo)
    {
        var tolerance = TransitionTolerance.Default;
        Temperature t = entropyFrom is double a && entropyTo is double b
            ? Transition.FromChanges(energyChange, b - a, tolerance.Energy(energyFrom, energyTo), tolerance.Entropy(a, b))
            : Temperature.Degenerate(Regime.PointState);
        return new LayerTemperature(name, energyChange, entropyFrom, entropyTo, t);
    }
}

/// <summary>One point of the T(t) curve: checkpoint step, E and S of the state there, and the
/// temperature of the transition from the checkpoint <see cref="TransitionSettings.CurveWindow"/>
/// earlier (null for the first ones; its regime says why it may be null later).</summary>
public sealed record CurvePoint(long Step, double Energy, double? Entropy, Temperature? Temperature)
{
    /// <summary>The window's T ± SE in the curve's view (null for the first ones).</summary>
    public TemperatureEstimate? Estimate { get; init; }
}
