namespace Kelvin.Thermodynamics;

/// <summary>
/// What counts as "no change" in a transition: |ΔE| ≤ max(EnergyAbsolute, Relative·max(|E_a|, |E_b|))
/// and |ΔS| ≤ max(EntropyAbsolute, Relative·max(|S_a|, |S_b|)). Estimates from samples should pass
/// tolerances from their standard errors (e.g. 2·SE of ΔS).
/// </summary>
public sealed record TransitionTolerance(double EnergyAbsolute, double EntropyAbsolute, double Relative)
{
    /// <summary>Round-off only: 1e−12 absolute, 1e−9 relative.</summary>
    public static TransitionTolerance Default { get; } = new(1e-12, 1e-12, 1e-9);

    internal double Energy(double a, double b) => Math.Max(EnergyAbsolute, Relative * Math.Max(Math.Abs(a), Math.Abs(b)));
    internal double Entropy(double a, double b) => Math.Max(EntropyAbsolute, Relative * Math.Max(Math.Abs(a), Math.Abs(b)));
}
