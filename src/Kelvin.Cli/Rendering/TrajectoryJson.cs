using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Thermodynamics;

namespace Kelvin.Cli.Rendering;

/// <summary>The JSON of `kelvin trajectory`.</summary>
internal sealed record TrajectoryJson(
    [property: JsonPropertyName("energies")] string? Energies,
    [property: JsonPropertyName("curve")] IReadOnlyList<TrajectoryPointJson> Curve,
    [property: JsonPropertyName("global")] TrajectoryGlobalJson Global,
    [property: JsonPropertyName("layers")] IReadOnlyList<TrajectoryLayerJson> Layers,
    [property: JsonPropertyName("layer_curves"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LayerCurveJson>? LayerCurves,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
{
    public static TrajectoryJson Of(CheckpointTrajectory t, string? energies)
    {
        var first = t.Points[0];
        var curve = t.Points.Select((p, i) =>
        {
            var tr = i == 0 ? null : t.Segments[i - 1].Transition;
            return new TrajectoryPointJson(p.Step, Path.GetFileName(p.File.TrimEnd('/')), p.Energy, p.Entropy.Total, p.Entropy.Total - first.Entropy.Total,
                [.. p.Entropy.Layers.Select((l, k) => new LayerEntropyJson(l.Name, l.Entropy, l.Entropy - first.Entropy.Layers[k].Entropy))],
                tr?.Temperature.Value, tr?.Temperature.Regime.Name());
        }).ToList();
        var overall = t.Overall;
        var last = t.Points[^1];
        var global = new TrajectoryGlobalJson(first.Energy, last.Energy, first.Entropy.Total, last.Entropy.Total, last.Entropy.Total - first.Entropy.Total,
            overall?.Temperature.Value, overall?.Temperature.Regime.Name(),
            overall is null ? "no energies: T = ΔE/ΔS needs --model with --data, or --losses" : null);
        var modelLayers = t.OverallLayers();
        var layers = modelLayers is not null
            ? modelLayers.Select(l => new TrajectoryLayerJson(l.Name, l.Weights, l.Temperature?.EntropyChange, l.PathChange, l.SwapChange, l.Temperature?.Temperature.Value, l.Temperature?.Temperature.Regime.Name(), l.Temperature?.Heated)).ToList()
            : first.Entropy.Layers.Select((l, k) => new TrajectoryLayerJson(l.Name, [l.Name], last.Entropy.Layers[k].Entropy - l.Entropy, null, null, null, null, null)).ToList();
        List<LayerCurveJson>? curves = null;
        if (modelLayers is not null)
            curves = [.. modelLayers.Select((l, k) => new LayerCurveJson(l.Name, [.. t.Segments.Select(s => s.Layers![k]).Select((x, i) =>
                new LayerPointJson(t.Segments[i].ToStep, x.PathChange, x.Temperature?.EntropyChange, x.Temperature?.Temperature.Value, x.Temperature?.Temperature.Regime.Name()))]))];
        var notes = t.Notes.Concat(t.Duplicates.Select(CheckpointNotes.Duplicate)).ToList();
        return new TrajectoryJson(energies, curve, global, layers, curves, notes);
    }
}

internal sealed record TrajectoryPointJson(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("E")] double? E,
    [property: JsonPropertyName("S")] double? S,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("layers")] IReadOnlyList<LayerEntropyJson> Layers,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime);

internal sealed record LayerEntropyJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("S")] double? S,
    [property: JsonPropertyName("dS")] double? DS);

internal sealed record TrajectoryGlobalJson(
    [property: JsonPropertyName("E_init")] double? EInit,
    [property: JsonPropertyName("E_trained")] double? ETrained,
    [property: JsonPropertyName("S_init")] double? SInit,
    [property: JsonPropertyName("S_trained")] double? STrained,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime,
    [property: JsonPropertyName("note")] string? Note)
{
    /// <summary>The entropy view of S and T: the particle view (one run, one sample per checkpoint).</summary>
    [JsonPropertyName("view")]
    public string View => "particle";
}

internal sealed record TrajectoryLayerJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("weights")] IReadOnlyList<string> Weights,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("dE")] double? DE,
    [property: JsonPropertyName("dE_swap")] double? DESwap,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime,
    [property: JsonPropertyName("heated")] bool? Heated);

internal sealed record LayerCurveJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("points")] IReadOnlyList<LayerPointJson> Points);

internal sealed record LayerPointJson(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("dE")] double DE,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime);
