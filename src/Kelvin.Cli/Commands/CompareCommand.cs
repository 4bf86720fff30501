using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Cli.Rendering;
using Kelvin.Files;
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
        var force = OutputOptions.Force();
        var data = new Option<string?>("--data") { Description = "the CSV file two Kelvin networks were trained on, when their metadata names it (Kelvin opens no path a checkpoint names unless you give it here)" };
        var shared = new CheckpointOptions();
        var command = new Command("compare", "Entropy change per layer between two checkpoints; with energies, T = ΔE/ΔS; for two Kelvin networks also T_l per layer (straight-path allocation).")
            { before, after, energyBefore, energyAfter, view };
        shared.AddTo(command);
        command.Options.Add(plot);
        command.Options.Add(force);
        command.Options.Add(data);
        command.SetAction(parse =>
        {
            string v = parse.GetValue(view)!;
            if (!string.Equals(v, "particle", StringComparison.OrdinalIgnoreCase))
                throw new KelvinException($"--view {v}: two checkpoints support only the particle view (the ensemble view needs an ensemble of runs per state)");
            string? png = parse.GetValue(plot) is { } p ? OutputFile.Prepare(p, "--plot", parse.GetValue(force)) : null;
            var estimator = shared.EstimatorOf(parse);
            var selection = shared.SelectionOf(parse);
            using var a = CheckpointFile.Open(parse.GetValue(before)!);
            using var b = CheckpointFile.Open(parse.GetValue(after)!);
            var result = CheckpointComparison.Compare(a, b, selection, estimator, parse.GetValue(energyBefore), parse.GetValue(energyAfter), trustedData: parse.GetValue(data));
            if (png is not null)
            {
                LayerEntropyPlot.SavePng(png, result.Layers);
                OutputFile.Record(png);
            }
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
        var layers = r.Layers.Select((l, i) => r.LayerTemperatures?[i] is { } lt
            ? new LayerTemperatureJson(l.Name, l.Count, l.EntropyBefore, l.EntropyAfter, l.EntropyChange, lt.EnergyChange, lt.Temperature.Value, lt.Temperature.Regime.Name(), lt.Heated)
            : (object)new LayerJson(l.Name, l.Count, l.EntropyBefore, l.EntropyAfter, l.EntropyChange)).ToList();
        var path = r.Path is { } p ? new PathJson(p.EnergyBefore, p.EnergyAfter, p.RelativeResidual, p.Allocation.Pieces, p.EvaluationSamples) : null;
        return new CompareJson(layers,
            new GlobalJson(r.EntropyChange, t?.Value, t?.Regime.Name(), r.Transition?.EnergyChange, Source(r.EnergySource), note ?? r.PathNote), path);
    }

    private static string? Source(EnergySource s) => s switch
    {
        EnergySource.Given => "given",
        EnergySource.Recomputed => "recomputed",
        _ => null,
    };

    private static void Render(CheckpointComparison r, string estimator)
    {
        var console = StdoutConsole.Create();
        var table = new Table().AddColumns("layer", "n", "S_before (nats)", "S_after (nats)", "ΔS (nats)");
        bool local = r.LayerTemperatures is not null;
        if (local) table.AddColumns("ΔE_l (loss)", "T_l (loss/nat)", "regime", "heated");
        for (int i = 0; i < r.Layers.Count; i++)
        {
            var l = r.Layers[i];
            var cells = new List<string> { Markup.Escape(ErrorLine.Escape(l.Name)), l.Count.ToString(), StdoutConsole.Number(l.EntropyBefore), StdoutConsole.Number(l.EntropyAfter), StdoutConsole.Number(l.EntropyChange) };
            if (local)
                cells.AddRange(r.LayerTemperatures![i] is { } lt
                    ? [StdoutConsole.Number(lt.EnergyChange), StdoutConsole.Number(lt.Temperature.Value), lt.Temperature.Regime.Name(), lt.Heated ? "yes" : "no"]
                    : ["—", "—", "—", "—"]);
            table.AddRow([.. cells]);
        }
        var global = new List<string> { "[bold]global[/]", r.Layers.Sum(l => l.Count).ToString(), StdoutConsole.Number(r.Before.Total), StdoutConsole.Number(r.After.Total), StdoutConsole.Number(r.EntropyChange) };
        if (local)
            global.AddRange(r.Transition is { } g
                ? [StdoutConsole.Number(g.EnergyChange), StdoutConsole.Number(g.Temperature.Value), g.Temperature.Regime.Name(), r.EntropyChange > 0 ? "yes" : "no"]
                : ["—", "—", "—", "—"]);
        table.AddRow([.. global]);
        console.Write(table);
        console.WriteLine($"particle view, estimator {estimator}");
        if (r.Transition is { } tr)
            console.WriteLine($"E: {StdoutConsole.Number(tr.From.Energy)} → {StdoutConsole.Number(tr.To.Energy)} ({Source(r.EnergySource)}), ΔE = {StdoutConsole.Number(tr.EnergyChange)}, ΔS = {StdoutConsole.Number(r.EntropyChange)} nats, T = {tr.Temperature} ({tr.Temperature.Regime.Name()})");
        else
            console.WriteLine($"T: {ErrorLine.Escape(r.TemperatureNote ?? "")}");
        if (r.Path is { } p)
            console.WriteLine($"T_l: ΔE_l allocated along the straight path BEFORE → AFTER (an approximation of the real path) on {p.EvaluationSamples} samples: {p.Allocation.Pieces} pieces, residual |ΔE − Σ ΔE_l|/|ΔE| = {StdoutConsole.Number(p.RelativeResidual)}");
        if (r.PathNote is string note) console.WriteLine(ErrorLine.Escape(note)); // notes may quote a file's metadata
    }

    private sealed record CompareJson(
        [property: JsonPropertyName("layers")] IReadOnlyList<object> Layers,
        [property: JsonPropertyName("global")] GlobalJson Global,
        [property: JsonPropertyName("path"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PathJson? Path);

    private sealed record LayerJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("S_before")] double? SBefore,
        [property: JsonPropertyName("S_after")] double? SAfter,
        [property: JsonPropertyName("dS")] double? DS);

    /// <summary>A layer row with its local temperature (Kelvin networks with known data).</summary>
    private sealed record LayerTemperatureJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("S_before")] double? SBefore,
        [property: JsonPropertyName("S_after")] double? SAfter,
        [property: JsonPropertyName("dS")] double? DS,
        [property: JsonPropertyName("dE")] double DE,
        [property: JsonPropertyName("T")] double? T,
        [property: JsonPropertyName("regime")] string Regime,
        [property: JsonPropertyName("heated")] bool Heated);

    private sealed record GlobalJson(
        [property: JsonPropertyName("dS")] double? DS,
        [property: JsonPropertyName("T")] double? T,
        [property: JsonPropertyName("regime")] string? Regime,
        [property: JsonPropertyName("dE"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DE,
        [property: JsonPropertyName("energies"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Energies,
        [property: JsonPropertyName("note")] string? Note);

    /// <summary>The straight-path allocation behind the per-layer T_l.</summary>
    private sealed record PathJson(
        [property: JsonPropertyName("E_before")] double EBefore,
        [property: JsonPropertyName("E_after")] double EAfter,
        [property: JsonPropertyName("residual")] double? Residual,
        [property: JsonPropertyName("pieces")] int Pieces,
        [property: JsonPropertyName("evaluation_samples")] int EvaluationSamples);
}
