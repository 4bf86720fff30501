using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Cli.Rendering;
using Kelvin.Reports.Plots;
using Kelvin.Thermodynamics;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin compare BEFORE AFTER`: per-layer entropy change between two checkpoints of the
/// same model and, given both energies, the global transition temperature.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var before = new Argument<string>("BEFORE") { Description = "checkpoint before (safetensors, .npy, .npz or .onnx)" };
        var after = new Argument<string>("AFTER") { Description = "checkpoint after, same model" };
        var energyBefore = new Option<double?>("--energy-before") { Description = "E of BEFORE: its loss on the data (loss units)" };
        var energyAfter = new Option<double?>("--energy-after") { Description = "E of AFTER: its loss on the same data" };
        var view = new Option<string>("--view") { Description = "entropy view: particle (S_l = n_l·h of the pooled layer)", DefaultValueFactory = _ => "particle" };
        var plot = new Option<string?>("--plot") { Description = "write per-layer S before/after bars to this PNG" };
        var shared = new CheckpointOptions();
        var command = new Command("compare", "Entropy change per layer between two checkpoints; with both energies, the transition temperature T = ΔE/ΔS.")
            { before, after, energyBefore, energyAfter, view };
        shared.AddTo(command);
        command.Options.Add(plot);
        command.SetAction(parse =>
        {
            string v = parse.GetValue(view)!;
            if (!string.Equals(v, "particle", StringComparison.OrdinalIgnoreCase))
                throw new KelvinException($"--view {v}: two checkpoints support only the particle view (the ensemble view needs an ensemble of runs per state)");
            var estimator = shared.EstimatorOf(parse);
            var selection = shared.SelectionOf(parse);
            using var a = CheckpointFile.Open(parse.GetValue(before)!);
            using var b = CheckpointFile.Open(parse.GetValue(after)!);
            var result = CheckpointComparison.Compare(a, b, selection, estimator, parse.GetValue(energyBefore), parse.GetValue(energyAfter));
            if (parse.GetValue(plot) is string png) LayerEntropyPlot.SavePng(png, result.Layers);
            if (parse.GetValue(shared.Json)) JsonOutput.Write(Dto(result));
            else Render(result, estimator.Name);
            return 0;
        });
        return command;
    }

    private static CompareJson Dto(CheckpointComparison r)
    {
        var t = r.Transition?.Temperature;
        string? note = r.TemperatureNote ?? (t is { IsFinite: false } d ? $"degenerate transition: {d.Regime.Name()} (T is not a finite number)" : null);
        return new CompareJson(
            [.. r.Layers.Select(l => new LayerJson(l.Name, l.Count, l.EntropyBefore, l.EntropyAfter, l.EntropyChange))],
            new GlobalJson(r.EntropyChange, t?.Value, t?.Regime.Name(), note));
    }

    private static void Render(CheckpointComparison r, string estimator)
    {
        var console = StdoutConsole.Create();
        var table = new Table().AddColumns("layer", "n", "S_before (nats)", "S_after (nats)", "ΔS (nats)");
        foreach (var l in r.Layers)
            table.AddRow(Markup.Escape(l.Name), l.Count.ToString(), StdoutConsole.Number(l.EntropyBefore), StdoutConsole.Number(l.EntropyAfter), StdoutConsole.Number(l.EntropyChange));
        table.AddRow("[bold]global[/]", r.Layers.Sum(l => l.Count).ToString(), StdoutConsole.Number(r.Before.Total), StdoutConsole.Number(r.After.Total), StdoutConsole.Number(r.EntropyChange));
        console.Write(table);
        console.WriteLine($"particle view, estimator {estimator}");
        if (r.Transition is { } tr)
            console.WriteLine($"ΔE = {StdoutConsole.Number(tr.EnergyChange)}, ΔS = {StdoutConsole.Number(r.EntropyChange)} nats, T = {tr.Temperature} ({tr.Temperature.Regime.Name()})");
        else
            console.WriteLine($"T: {r.TemperatureNote}");
    }

    private sealed record CompareJson(
        [property: JsonPropertyName("layers")] IReadOnlyList<LayerJson> Layers,
        [property: JsonPropertyName("global")] GlobalJson Global);

    private sealed record LayerJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("S_before")] double? SBefore,
        [property: JsonPropertyName("S_after")] double? SAfter,
        [property: JsonPropertyName("dS")] double? DS);

    private sealed record GlobalJson(
        [property: JsonPropertyName("dS")] double? DS,
        [property: JsonPropertyName("T")] double? T,
        [property: JsonPropertyName("regime")] string? Regime,
        [property: JsonPropertyName("note")] string? Note);
}
