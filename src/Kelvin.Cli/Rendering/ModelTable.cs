using System.Text.Json.Serialization;
using Kelvin.Checkpoints.Models;
using Kelvin.Thermodynamics;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>The per-layer energy table of `compare --model`: ΔE_l by the straight path and by swapping, ΔS_l and T_l.</summary>
internal static class ModelTable
{
    public static void Render(IAnsiConsole console, ModelEnergy energy, EnergyAllocation a, IReadOnlyList<ModelLayerTemperature> layers)
    {
        Table(console, layers);
        console.WriteLine($"E = {energy.Loss.Name} on {energy.Data.Count} samples of {Path.GetFileName(energy.Data.Source)}: {StdoutConsole.Number(a.EnergyBefore)} → {StdoutConsole.Number(a.EnergyAfter)}, ΔE = {StdoutConsole.Number(a.EnergyChange)}");
        console.WriteLine($"ΔE_l path: along the straight line BEFORE → AFTER, central differences (h = {a.Step}) and Simpson's rule on {a.Intervals} intervals ({a.Evaluations} model runs); residual Σ ΔE_l − ΔE = {StdoutConsole.Number(a.Residual)} ({StdoutConsole.Number(a.RelativeResidual)} of |ΔE|)");
        console.WriteLine($"ΔE_l swap: ½[(U(before, l ← after) − U(before)) + (U(after) − U(after, l ← before))]; Σ − ΔE = {StdoutConsole.Number(a.SwapResidual)} (layer interactions)");
    }

    /// <summary>The per-layer table alone, with a sum row.</summary>
    public static void Table(IAnsiConsole console, IReadOnlyList<ModelLayerTemperature> layers)
    {
        var table = new Table().AddColumns("layer", "weights", "ΔS_l (nats)", "ΔE_l path (loss)", "ΔE_l swap (loss)", "T_l (loss/nat)", "regime", "heated");
        foreach (var l in layers)
            table.AddRow(Markup.Escape(l.Name), Markup.Escape(l.Weights.Count == 0 ? "—" : string.Join(" ", l.Weights)),
                StdoutConsole.Number(l.Temperature?.EntropyChange), StdoutConsole.Number(l.PathChange), StdoutConsole.Number(l.SwapChange),
                StdoutConsole.Number(l.Temperature?.Temperature.Value), l.Temperature?.Temperature.Regime.Name() ?? "no weights", l.Temperature is { } t ? (t.Heated ? "yes" : "no") : "—");
        table.AddRow("[bold]sum[/]", "", "", StdoutConsole.Number(layers.Sum(l => l.PathChange)), StdoutConsole.Number(layers.Sum(l => l.SwapChange)), "", "", "");
        console.Write(table);
    }
}

/// <summary>The "model" object of `compare --model --json`.</summary>
internal sealed record ModelJson(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("E_before")] double EBefore,
    [property: JsonPropertyName("E_after")] double EAfter,
    [property: JsonPropertyName("kept")] IReadOnlyList<string> Kept,
    [property: JsonPropertyName("step")] double Step,
    [property: JsonPropertyName("intervals")] int Intervals,
    [property: JsonPropertyName("evaluations")] long Evaluations,
    [property: JsonPropertyName("residual")] double Residual,
    [property: JsonPropertyName("relative_residual")] double? RelativeResidual,
    [property: JsonPropertyName("swap_residual")] double SwapResidual,
    [property: JsonPropertyName("layers")] IReadOnlyList<ModelLayerJson> Layers)
{
    public static ModelJson Of(OnnxModel model, ModelEnergy energy, EnergyAllocation a, IReadOnlyList<string> kept, IReadOnlyList<ModelLayerTemperature> layers) =>
        new(model.Name, Path.GetFileName(energy.Data.Source), energy.Data.Count, energy.Loss.Name, a.EnergyBefore, a.EnergyAfter, kept,
            a.Step, a.Intervals, a.Evaluations, a.Residual, a.RelativeResidual, a.SwapResidual,
            [.. layers.Select(l => new ModelLayerJson(l.Name, l.Weights, l.Temperature?.EntropyChange, l.PathChange, l.SwapChange,
                l.Temperature?.Temperature.Value, l.Temperature?.Temperature.Regime.Name(), l.Temperature?.Heated))]);
}

/// <summary>One layer of <see cref="ModelJson"/> (T, regime and heated are null for a layer without weights).</summary>
internal sealed record ModelLayerJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("weights")] IReadOnlyList<string> Weights,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("dE_path")] double DEPath,
    [property: JsonPropertyName("dE_swap")] double DESwap,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime,
    [property: JsonPropertyName("heated")] bool? Heated);
