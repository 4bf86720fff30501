using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// What a <see cref="Thermometer"/> measured over the records so far: the transition from the first
/// record to the late state (the mean of the last <see cref="ThermometerSettings.LateIterates"/>
/// records), T = ΔE/ΔS with its standard error, every layer's ΔS_l and T_l = ΔE_l/ΔS_l, the T(t) curve
/// and its isothermality (docs/theory.md §3, §6).
/// </summary>
/// <param name="Global">T ± SE of the whole model (ΔE and ΔS inside).</param>
/// <param name="Layers">Per layer, in recorded order.</param>
/// <param name="Curve">T(t): E, S and the temperature of each window ending at a record.</param>
/// <param name="Isothermality">The coefficient of variation of T(t) over its finite points; null with fewer than two.</param>
/// <param name="Allocation">How ΔE was split between layers.</param>
/// <param name="AllocationResidual">Σ_segments |ΔE − Σ_l ΔE_l| / |E(last) − E(first)|; null without allocation or change.</param>
/// <param name="Records">The number of records read.</param>
public sealed record ThermometerResult(
    TemperatureEstimate Global,
    IReadOnlyList<LayerThermometry> Layers,
    IReadOnlyList<CurvePoint> Curve,
    double? Isothermality,
    LossAllocationMode Allocation,
    double? AllocationResidual,
    int Records);
