namespace Kelvin.Thermodynamics;

/// <summary>
/// A temperature with its regime. <see cref="Value"/> is finite for <see cref="Regime.Normal"/> and
/// <see cref="Regime.Negative"/>, and null for every degenerate regime (never ±∞ or NaN).
/// Units: loss units per nat.
/// </summary>
public readonly record struct Temperature(double? Value, Regime Regime)
{
    /// <summary>A finite temperature; its sign sets the regime.</summary>
    public static Temperature Finite(double value) =>
        double.IsFinite(value) ? new(value, value < 0 ? Regime.Negative : Regime.Normal)
                               : throw new ArgumentException($"not a finite temperature: {value}");

    /// <summary>A degenerate regime, with no finite value.</summary>
    public static Temperature Degenerate(Regime regime) =>
        regime is Regime.Normal or Regime.Negative ? throw new ArgumentException("a finite regime needs a value") : new(null, regime);

    /// <summary>True when the temperature has a finite value.</summary>
    public bool IsFinite => Value.HasValue;

    public override string ToString() => Value is double t ? t.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : Regime.Name();
}
