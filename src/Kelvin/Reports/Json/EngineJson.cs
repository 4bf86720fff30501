using System.Text.Json.Serialization;
using Kelvin.Engines;

namespace Kelvin.Reports.Json;

/// <summary>One point of an η_φ(q) curve.</summary>
public sealed record EfficiencyPointJson([property: JsonPropertyName("q")] double Q, [property: JsonPropertyName("eta")] double Eta);

/// <summary>η at the two ends of the scan: the measured q → 0 and q → ∞ limits.</summary>
public sealed record EfficiencyLimitsJson(
    [property: JsonPropertyName("q_min")] double QMin,
    [property: JsonPropertyName("eta_at_q_min")] double EtaAtQMin,
    [property: JsonPropertyName("q_max")] double QMax,
    [property: JsonPropertyName("eta_at_q_max")] double EtaAtQMax);

/// <summary>A fixed point q* of the mean-field length map at a gain, with the map's slope there and
/// its stability (stable when the slope is &lt; 1; docs/theory.md §7).</summary>
public sealed record FixedPointJson(
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("gain")] double Gain,
    [property: JsonPropertyName("slope")] double Slope,
    [property: JsonPropertyName("chi")] double Chi,
    [property: JsonPropertyName("stability")] string Stability)
{
    /// <summary>The JSON of <paramref name="p"/>, or null.</summary>
    public static FixedPointJson? From(FixedPoint? p) => p is null ? null : new(p.Q, p.Gain, p.Slope, p.Chi, p.Stability.Name());
}

/// <summary>JSON of an activation's heat-engine profile (<see cref="EngineProfile"/>), shared by
/// `kelvin engine --json` and `kelvin run`'s report.json. "critical_gain" is null where no fixed point
/// q* &gt; 0 has χ = 1, with "critical_gain_reason" and the q* → 0 limit "critical_gain_limit_q0" (a limit,
/// not an operating point).</summary>
public sealed record ActivationEngineJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("pure_conductor")] bool PureConductor,
    [property: JsonPropertyName("efficiency_at_1")] double EfficiencyAt1,
    [property: JsonPropertyName("q_opt")] double? QOpt,
    [property: JsonPropertyName("efficiency_at_q_opt")] double? EfficiencyAtQOpt,
    [property: JsonPropertyName("critical_gain")] double? CriticalGain,
    [property: JsonPropertyName("critical_gain_reason")] string? CriticalGainReason,
    [property: JsonPropertyName("critical_gain_limit_q0")] double? CriticalGainLimitQ0,
    [property: JsonPropertyName("critical_fixed_point")] FixedPointJson? CriticalFixedPoint,
    [property: JsonPropertyName("gain_at_q_opt")] double? GainAtQOpt,
    [property: JsonPropertyName("q_opt_fixed_point")] FixedPointJson? QOptFixedPoint,
    [property: JsonPropertyName("limits")] EfficiencyLimitsJson Limits,
    [property: JsonPropertyName("curve")] IReadOnlyList<EfficiencyPointJson> Curve)
{
    /// <summary>The JSON of <paramref name="p"/>.</summary>
    public static ActivationEngineJson From(EngineProfile p) => new(
        p.Activation, p.Type.Name(), p.IsPureConductor, p.EfficiencyAtUnitQ, p.QOpt, p.EfficiencyAtQOpt,
        p.CriticalGain, p.Criticality.Reason, p.Criticality.LimitAtZero, FixedPointJson.From(p.Criticality.FixedPoint),
        p.GainAtQOpt, FixedPointJson.From(p.QOptFixedPoint),
        new EfficiencyLimitsJson(p.Low.Q, p.Low.Eta, p.High.Q, p.High.Eta),
        p.Curve.Select(c => new EfficiencyPointJson(c.Q, c.Eta)).ToList());
}

/// <summary>JSON of a network measured as a heat engine (<see cref="NetworkEngineReport"/>), shared by
/// `kelvin engine --train` and `kelvin run`'s report.json.</summary>
public sealed record NetworkEngineJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("efficiency")] double Efficiency,
    [property: JsonPropertyName("type_b_layers")] IReadOnlyList<string> TypeBLayers,
    [property: JsonPropertyName("layers")] IReadOnlyList<LayerEngineJson> Layers)
{
    /// <summary>The JSON of <paramref name="report"/>.</summary>
    public static NetworkEngineJson From(NetworkEngineReport report) => new(
        report.Type.Name(), report.Efficiency, report.TypeBLayers,
        report.Layers.Select(l => new LayerEngineJson(l.Name, l.Activation, l.ActivationType.Name(), l.Q, l.A0, l.A1, l.Work, l.EtaMeasured, l.EtaMeanField)).ToList());
}

/// <summary>JSON of one measured hidden layer: q_l, the Hermite split a₀, a₁, W_l, η measured and mean-field.</summary>
public sealed record LayerEngineJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("activation")] string Activation,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("a0")] double A0,
    [property: JsonPropertyName("a1")] double A1,
    [property: JsonPropertyName("work")] double Work,
    [property: JsonPropertyName("eta_measured")] double EtaMeasured,
    [property: JsonPropertyName("eta_mean_field")] double EtaMeanField);
