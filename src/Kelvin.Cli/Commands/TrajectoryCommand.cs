using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Checkpoints.Models;
using Kelvin.Cli.Rendering;
using Kelvin.Reports.Plots;
using Kelvin.Thermodynamics;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin trajectory DIR|GLOB`: S(t) and ΔS_l(t) over a series of checkpoints; with energies
/// (an ONNX model and data, or logged losses) T(t), and with a model T_l(t) per layer.</summary>
internal static class TrajectoryCommand
{
    public static Command Create()
    {
        var series = new Argument<string>("SERIES") { Description = "a folder of checkpoints, or a glob such as 'run/step-*.pt' (the step is the last number in each name)" };
        var losses = new Option<string?>("--losses") { Description = "the training log's losses per checkpoint: CSV (loss + step or checkpoint columns) or JSON lines" };
        var outDir = new Option<string?>("--out") { Description = "directory for curve.csv, entropy.png, temperature.png and layer-temperatures.png" };
        var shared = new CheckpointOptions();
        var models = new ModelOptions();
        var command = new Command("trajectory", "S(t) and ΔS_l(t) over saved checkpoints; with energies (--model or --losses) T(t) between consecutive checkpoints, with --model also ΔE_l and T_l(t).") { series, losses };
        shared.AddTo(command);
        models.AddTo(command);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            var list = CheckpointSeries.List(parse.GetValue(series)!);
            var logged = parse.GetValue(losses) is string l ? TrainingLosses.Read(l) : null;
            var model = models.Open(parse);
            using var onnx = model?.Model;
            var t = CheckpointTrajectory.Of(list, shared.SelectionOf(parse), shared.EstimatorOf(parse), logged, model);
            var dto = TrajectoryJson.Of(t, model is null ? logged is null ? null : "losses" : "model");
            if (parse.GetValue(outDir) is string dir) WriteFiles(t, dto, dir);
            if (parse.GetValue(shared.Json)) JsonOutput.Write(dto);
            else Render(t, dto, shared.EstimatorOf(parse).Name);
            return 0;
        });
        return command;
    }

    private static void WriteFiles(CheckpointTrajectory t, TrajectoryJson dto, string dir)
    {
        Directory.CreateDirectory(dir);
        var csv = new StringBuilder("step,file,E,S,dS,T,regime\n");
        foreach (var p in dto.Curve)
            csv.Append(CultureInfo.InvariantCulture, $"{p.Step},{p.File},{p.E},{p.S},{p.DS},{p.T},{p.Regime}\n");
        File.WriteAllText(Path.Combine(dir, "curve.csv"), csv.ToString());
        TrajectoryPlot.SaveEntropy(t, Path.Combine(dir, "entropy.png"), "entropy change over the checkpoints");
        if (t.Segments.Any(s => s.Transition is not null)) TrajectoryPlot.SaveTemperature(t, Path.Combine(dir, "temperature.png"), "T(t) between consecutive checkpoints");
        if (t.Segments.All(s => s.Layers is not null)) TrajectoryPlot.SaveLayerTemperatures(t, Path.Combine(dir, "layer-temperatures.png"), "T_l(t) between consecutive checkpoints");
    }

    private static void Render(CheckpointTrajectory t, TrajectoryJson dto, string estimator)
    {
        var console = StdoutConsole.Create();
        var table = new Table().AddColumns("step", "checkpoint", "E (loss)", "S (nats)", "ΔS from t₀ (nats)", "T (loss/nat)", "regime");
        foreach (var p in dto.Curve)
            table.AddRow(p.Step.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.File), StdoutConsole.Number(p.E), StdoutConsole.Number(p.S),
                StdoutConsole.Number(p.DS), StdoutConsole.Number(p.T), p.Regime ?? "—");
        console.Write(table);
        console.WriteLine($"particle view, estimator {estimator}; T between each checkpoint and the one before ({dto.Energies ?? "no energies: give --model … --data … or --losses"})");
        if (dto.Layers.Any(l => l.DE is not null))
        {
            ModelTable.Table(console, t.OverallLayers()!);
            double residual = t.Segments.Sum(s => s.Allocation!.Residual);
            console.WriteLine($"ΔE_l: summed over the {t.Segments.Count} straight segments between consecutive checkpoints (central differences, Simpson's rule); residual Σ ΔE_l − ΔE = {StdoutConsole.Number(residual)}");
        }
        else
        {
            var layers = new Table().AddColumns("weight", "ΔS_l first → last (nats)");
            foreach (var l in dto.Layers) layers.AddRow(Markup.Escape(l.Name), StdoutConsole.Number(l.DS));
            console.Write(layers);
        }
        if (t.Overall is { } g)
            console.WriteLine($"whole run: E {StdoutConsole.Number(g.From.Energy)} → {StdoutConsole.Number(g.To.Energy)}, ΔS = {StdoutConsole.Number(g.EntropyChange)} nats, T = {g.Temperature} ({g.Temperature.Regime.Name()})");
        foreach (var n in dto.Notes) console.WriteLine(n);
    }
}
