namespace Kelvin.Engines;

/// <summary>One point of an efficiency curve: signal level q and η_φ(q) = W(q)/q.</summary>
public sealed record EfficiencyPoint(double Q, double Eta);

/// <summary>
/// The heat-engine profile of one activation, measured by <see cref="EngineClassifier"/> (docs/theory.md §7).
/// </summary>
/// <param name="Activation">The activation's name.</param>
/// <param name="Type">Type A (η constant over q) or Type B (η depends on q).</param>
/// <param name="IsPureConductor">η ≡ 0: a linear activation, which conducts signal but does no work.</param>
/// <param name="Curve">η_φ(q) on the scan's log-spaced levels.</param>
/// <param name="EfficiencyAtUnitQ">η_φ(1).</param>
/// <param name="QOpt">The signal level of the interior maximum of η (Type B only; null when η is
/// largest at an end of the scan, or for Type A).</param>
/// <param name="EfficiencyAtQOpt">η_φ(q_opt), or null.</param>
/// <param name="Low">η at the low end of the scan (q = qmin), the measured q → 0 limit.</param>
/// <param name="High">η at the high end of the scan (q = qmax), the measured q → ∞ limit.</param>
/// <param name="Criticality">The critical gain (χ = 1 at a fixed point of the length map), or null with the
/// reason and the q* → 0 limit (<see cref="MeanField.Criticality"/>).</param>
/// <param name="QOptFixedPoint">Type B: q_opt as a fixed point, at the gain g² = q_opt / E[φ(√q_opt ξ)²],
/// with its stability; else null.</param>
public sealed record EngineProfile(
    string Activation,
    EngineType Type,
    bool IsPureConductor,
    IReadOnlyList<EfficiencyPoint> Curve,
    double EfficiencyAtUnitQ,
    double? QOpt,
    double? EfficiencyAtQOpt,
    EfficiencyPoint Low,
    EfficiencyPoint High,
    Criticality Criticality,
    FixedPoint? QOptFixedPoint)
{
    /// <summary>g_c with χ(q*) = 1 at a fixed point q* &gt; 0, or null (<see cref="Criticality"/> says why).</summary>
    public double? CriticalGain => Criticality.Gain;

    /// <summary>The gain whose fixed point is q_opt, or null.</summary>
    public double? GainAtQOpt => QOptFixedPoint?.Gain;
}
