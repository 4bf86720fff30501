using System.Text.Json.Serialization;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Reports.Json;

/// <summary>JSON of a transition's global row: energies and entropies of both states (null S: a point
/// state), T and its regime (T null unless the regime is normal or negative; docs/theory.md §3), the entropy
/// view, T's standard error and where it comes from, and whether T's sign is resolved (docs/theory.md §2).</summary>
public sealed record GlobalJson(
    [property: JsonPropertyName("E_init")] double EInit,
    [property: JsonPropertyName("E_trained")] double ETrained,
    [property: JsonPropertyName("S_init")] double? SInit,
    [property: JsonPropertyName("S_trained")] double? STrained,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("temperature_se")] double? TemperatureSe,
    [property: JsonPropertyName("se_method")] string SeMethod,
    [property: JsonPropertyName("replicates")] int Replicates,
    [property: JsonPropertyName("sign_resolved")] bool SignResolved);

/// <summary>JSON of one layer's local temperature T_l = ΔE_l/ΔS_l; heated: ΔS_l &gt; 0; with view,
/// standard error and sign resolution as <see cref="GlobalJson"/>.</summary>
public sealed record LayerJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dE")] double DE,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("heated")] bool Heated,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("temperature_se")] double? TemperatureSe,
    [property: JsonPropertyName("se_method")] string SeMethod,
    [property: JsonPropertyName("sign_resolved")] bool SignResolved);

/// <summary>JSON of one T(t) point. T is null for the first window (no earlier checkpoint: no "regime"
/// field) and for a degenerate window (then "regime" names why, docs/theory.md §3); S and T in "view", T's
/// standard error in "temperature_se" (null without a T).</summary>
public sealed record CurveJson(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("E")] double E,
    [property: JsonPropertyName("S")] double? S,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Regime,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("temperature_se")] double? TemperatureSe,
    [property: JsonPropertyName("sign_resolved"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? SignResolved);

/// <summary>JSON of the late iterates that make the trained state (the thermal view's window).</summary>
public sealed record LateWindowJson(
    [property: JsonPropertyName("from_step")] long FromStep,
    [property: JsonPropertyName("to_step")] long ToStep,
    [property: JsonPropertyName("thinning")] long Thinning,
    [property: JsonPropertyName("iterates")] int Iterates);

/// <summary>The JSON pieces of a <see cref="TransitionAnalysis"/>, shared by `kelvin train`, `kelvin
/// shift` and `kelvin run`'s report.json.</summary>
public static class TransitionJson
{
    /// <summary>The global row.</summary>
    public static GlobalJson Global(TransitionAnalysis a)
    {
        var e = a.GlobalEstimate;
        return new(a.Global.From.Energy, a.Global.To.Energy,
            a.Global.From.IsPoint ? null : a.Global.From.Entropy, a.Global.To.IsPoint ? null : a.Global.To.Entropy,
            e.Temperature.Value, e.Temperature.Regime.Name(), e.View.Name(), e.StandardError, e.Method.Name(), e.Replicates, e.SignResolved);
    }

    /// <summary>One row per layer.</summary>
    public static List<LayerJson> Layers(TransitionAnalysis a) =>
        a.Layers.Select(l => new LayerJson(l.Name, l.EnergyChange, l.EntropyChange, l.Temperature.Value, l.Temperature.Regime.Name(), l.Heated,
            (l.Estimate?.View ?? a.View).Name(), l.Estimate?.StandardError, (l.Estimate?.Method ?? UncertaintyMethod.None).Name(), l.Estimate?.SignResolved ?? false)).ToList();

    /// <summary>The T(t) curve.</summary>
    public static List<CurveJson> Curve(TransitionAnalysis a) =>
        a.Curve.Select(p => new CurveJson(p.Step, p.Energy, p.Entropy, p.Temperature?.Value, p.Temperature?.Regime.Name(),
            a.CurveView.Name(), p.Estimate?.StandardError, p.Estimate?.SignResolved)).ToList();

    /// <summary>The late window.</summary>
    public static LateWindowJson Window(TransitionAnalysis a) => new(a.Window.FromStep, a.Window.ToStep, a.Window.Thinning, a.Window.Iterates);
}
