namespace Kelvin.Thermodynamics;

/// <summary>
/// A state reduced to what a transition needs: its energy E (mean loss, loss units) and entropy S
/// (nats, extensive). A point state (no spread: a single parameter vector, S = −∞) carries
/// <see cref="IsPoint"/> = true and no finite entropy.
/// </summary>
public readonly record struct ThermodynamicState
{
    private ThermodynamicState(double energy, double entropy, bool isPoint)
    {
        if (!double.IsFinite(energy)) throw new KelvinException($"a state's energy must be finite (got {energy})");
        if (!isPoint && !double.IsFinite(entropy)) throw new KelvinException($"a state's entropy must be finite (got {entropy}); a state with no spread is a point state");
        Energy = energy;
        Entropy = isPoint ? 0 : entropy;
        IsPoint = isPoint;
    }

    /// <summary>A state with energy E and finite entropy S.</summary>
    public static ThermodynamicState Of(double energy, double entropy) => new(energy, entropy, false);

    /// <summary>A point state (S = −∞) with energy E.</summary>
    public static ThermodynamicState Point(double energy) => new(energy, 0, true);

    /// <summary>E, in loss units.</summary>
    public double Energy { get; }
    /// <summary>S, in nats; meaningless (0) when <see cref="IsPoint"/>.</summary>
    public double Entropy { get; }
    /// <summary>True for a state without spread (S = −∞).</summary>
    public bool IsPoint { get; }
}
