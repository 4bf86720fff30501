using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Checkpoints.Models;
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
        var before = new Argument<string>("BEFORE") { Description = "checkpoint before: torch.save file, safetensors, .npy, .npz, .onnx, or a (sharded) folder" };
        var after = new Argument<string>("AFTER") { Description = "checkpoint after, same model" };
        var energyBefore = new Option<double?>("--energy-before") { Description = "E of BEFORE: its loss on the data (loss units)" };
        var energyAfter = new Option<double?>("--energy-after") { Description = "E of AFTER: its loss on the same data" };
        var view = new Option<string>("--view") { Description = "entropy view: particle (S_l = n_l·h of the pooled layer)", DefaultValueFactory = _ => "particle" };
        var plot = new Option<string?>("--plot") { Description = "write per-layer S before/after bars to this PNG" };
        var force = OutputOptions.Force();
        var shared = new CheckpointOptions();
        var models = new ModelOptions();
        var command = new Command("compare", "Entropy change per layer between two checkpoints; with energies, T = ΔE/ΔS; with --model (ONNX) or for two Kelvin networks also ΔE_l and T_l per layer. Without --model, --data names the CSV two Kelvin networks were trained on (Kelvin opens no path a checkpoint names unless you give it).")
            { before, after, energyBefore, energyAfter, view };
        shared.AddTo(command);
        models.AddTo(command);
        command.Options.Add(plot);
        command.Options.Add(force);
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
            if (parse.GetValue(models.Model) is null && parse.GetValue(models.Data) is string csv && !csv.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new KelvinException($"--data {Path.GetFileName(csv)} needs --model (the ONNX model the energies are computed with); without --model, --data takes only the CSV two Kelvin networks were trained on");
            var model = models.Open(parse, dataWithoutModel: true);
            using var onnx = model?.Model;
            if (model is not null && (parse.GetValue(energyBefore) is not null || parse.GetValue(energyAfter) is not null))
                throw new KelvinException("give the energies (--energy-before/--energy-after) or --model to compute them, not both");
            var substitution = model is { } m ? ParameterSubstitution.Of(m.Model, a, b) : null;
            var allocation = substitution is null ? null : EnergyAllocation.Of(model!.Value.Energy, substitution);
            var result = CheckpointComparison.Compare(a, b, selection, estimator,
                allocation?.EnergyBefore ?? parse.GetValue(energyBefore), allocation?.EnergyAfter ?? parse.GetValue(energyAfter),
                trustedData: model is null ? parse.GetValue(models.Data) : null);
            if (allocation is not null) result = result with { EnergySource = EnergySource.Model };
            var layers = allocation is null ? null : ModelLayerTemperature.Of(allocation, result.Layers);
            var notes = Notes(a, b, result);
            if (png is not null)
            {
                LayerEntropyPlot.SavePng(png, result.Layers);
                OutputFile.Record(png);
            }
            if (parse.GetValue(shared.Json)) JsonOutput.Write(Dto(result, notes, allocation is null ? null : ModelJson.Of(model!.Value.Model, model.Value.Energy, allocation, substitution!.Kept, layers!)));
            else
            {
                Render(result, estimator.Name, notes);
                if (allocation is not null) ModelTable.Render(StdoutConsole.Create(), model!.Value.Energy, allocation, layers!);
            }
            return 0;
        });
        return command;
    }

    /// <summary>What the readers chose and what was counted once: one line each.</summary>
    internal static List<string> Notes(CheckpointFile a, CheckpointFile b, CheckpointComparison r)
    {
        var notes = new List<string>();
        if (a.Note is string na) notes.Add($"BEFORE: {na}");
        if (b.Note is string nb) notes.Add($"AFTER: {nb}");
        if (r.MatchNote is string m) notes.Add(m);
        notes.AddRange(r.DuplicateWeights.Select(CheckpointNotes.Duplicate));
        return notes;
    }

    private static CompareJson Dto(CheckpointComparison r, IReadOnlyList<string> notes, ModelJson? model)
    {
        var t = r.Transition?.Temperature;
        string? note = r.TemperatureNote ?? (t is { IsFinite: false } d ? $"degenerate transition: {d.Regime.Name()} (T is not a finite number)" : null);
        var layers = r.Layers.Select((l, i) => r.LayerTemperatures?[i] is { } lt
            ? new LayerTemperatureJson(l.Name, l.Count, l.EntropyBefore, l.EntropyAfter, l.EntropyChange, lt.EnergyChange, lt.Temperature.Value, lt.Temperature.Regime.Name(), lt.Heated)
            : (object)new LayerJson(l.Name, l.Count, l.EntropyBefore, l.EntropyAfter, l.EntropyChange)).ToList();
        var path = r.Path is { } p ? new PathJson(p.EnergyBefore, p.EnergyAfter, p.RelativeResidual, p.Allocation.Pieces, p.EvaluationSamples) : null;
        return new CompareJson(EntropyView.Particle.Name(), layers,
            new GlobalJson(r.EntropyChange, t?.Value, t?.Regime.Name(), r.Transition?.EnergyChange, Source(r.EnergySource), note ?? r.PathNote), path, notes, model);
    }

    private static string? Source(EnergySource s) => s switch
    {
        EnergySource.Given => "given",
        EnergySource.Recomputed => "recomputed",
        EnergySource.Model => "model",
        _ => null,
    };

    private static void Render(CheckpointComparison r, string estimator, IReadOnlyList<string> notes)
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
        console.WriteLine($"particle view (the only view of two single checkpoints; T has no standard error: no members to resample), estimator {estimator}");
        if (r.Transition is { } tr)
            console.WriteLine($"E: {StdoutConsole.Number(tr.From.Energy)} → {StdoutConsole.Number(tr.To.Energy)} ({Source(r.EnergySource)}), ΔE = {StdoutConsole.Number(tr.EnergyChange)}, ΔS = {StdoutConsole.Number(r.EntropyChange)} nats, T = {tr.Temperature} ({tr.Temperature.Regime.Name()})");
        else
            console.WriteLine($"T: {ErrorLine.Escape(r.TemperatureNote ?? "")}");
        if (r.Path is { } p)
            console.WriteLine($"T_l: ΔE_l allocated along the straight path BEFORE → AFTER (an approximation of the real path) on {p.EvaluationSamples} samples: {p.Allocation.Pieces} pieces, residual |ΔE − Σ ΔE_l|/|ΔE| = {StdoutConsole.Number(p.RelativeResidual)}");
        if (r.PathNote is string note) console.WriteLine(ErrorLine.Escape(note)); // notes may quote a file's metadata
        foreach (var n in notes) console.WriteLine(ErrorLine.Escape(n));
    }

    /// <summary>Checkpoints are single models: the particle view only, and no replicates for an SE.</summary>
    private sealed record CompareJson(
        [property: JsonPropertyName("view")] string View,
        [property: JsonPropertyName("layers")] IReadOnlyList<object> Layers,
        [property: JsonPropertyName("global")] GlobalJson Global,
        [property: JsonPropertyName("path"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PathJson? Path,
        [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
        [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelJson? Model);

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
        [property: JsonPropertyName("heated")] bool Heated,
        [property: JsonPropertyName("view")] string View = "particle",
        [property: JsonPropertyName("temperature_se")] double? TemperatureSe = null,
        [property: JsonPropertyName("se_method")] string SeMethod = "none");

    private sealed record GlobalJson(
        [property: JsonPropertyName("dS")] double? DS,
        [property: JsonPropertyName("T")] double? T,
        [property: JsonPropertyName("regime")] string? Regime,
        [property: JsonPropertyName("dE"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DE,
        [property: JsonPropertyName("energies"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Energies,
        [property: JsonPropertyName("note")] string? Note,
        [property: JsonPropertyName("view")] string View = "particle",
        [property: JsonPropertyName("temperature_se")] double? TemperatureSe = null,
        [property: JsonPropertyName("se_method")] string SeMethod = "none");

    /// <summary>The straight-path allocation behind the per-layer T_l.</summary>
    private sealed record PathJson(
        [property: JsonPropertyName("E_before")] double EBefore,
        [property: JsonPropertyName("E_after")] double EAfter,
        [property: JsonPropertyName("residual")] double? Residual,
        [property: JsonPropertyName("pieces")] int Pieces,
        [property: JsonPropertyName("evaluation_samples")] int EvaluationSamples);
}
