using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kelvin.Cli.Rendering;
using Kelvin.Data;
using Kelvin.Engines;
using Kelvin.Thermodynamics;
using Kelvin.Reports;
using Kelvin.Run;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin run`: the whole theory at work on one dataset, as a report folder a person reads.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "report folder (a previous Kelvin report there is replaced when the run completes; a folder holding other files is refused)", DefaultValueFactory = _ => "kelvin-report" };
        var quick = new Option<bool>("--quick") { Description = "a smaller run (< 20 s): smaller networks and fewer epochs, same sections" };
        var seed = new Option<ulong>("--seed") { Description = "random seed of every draw", DefaultValueFactory = _ => 1 };
        var data = new Option<string>("--data") { Description = $"dataset: {string.Join("|", DatasetCatalog.Names)} or FILE.csv (see --target)", DefaultValueFactory = _ => "digits" };
        var target = new Option<string?>("--target") { Description = "the target column of a CSV file given to --data [default: target]" };
        var view = new Option<string>("--view") { Description = "entropy view of the networks' temperatures: particle, ensemble (needs K ≥ 4 members) or thermal", DefaultValueFactory = _ => "particle" };
        var json = new Option<bool>("--json") { Description = "report.json on stdout instead of the summary table (the report folder is written too)" };
        var command = new Command("run", "Calibration, linear theory, relu and tanh networks with a data shift, heat engines: one report folder (report.md, report.html, report.json, PNGs).")
        {
            outDir, quick, seed, data, target, view, json,
        };
        command.SetAction(parse =>
        {
            // Everything that can fail fast does so before the long work: the data, then the folder.
            var entropyView = EntropyViews.Parse(parse.GetValue(view)!);
            if (entropyView is not (EntropyView.Particle or EntropyView.Ensemble or EntropyView.Thermal))
                throw new KelvinException($"--view must be particle, ensemble or thermal (got '{parse.GetValue(view)}')");
            string dataName = parse.GetValue(data)!;
            var dataset = DatasetCatalog.Load(dataName, parse.GetValue(target));
            // Data without signal would fail minutes later (layers with q = 0): refuse it now.
            if (dataset.ConstantFeatures() is { } constant && constant.Count == dataset.FeatureCount)
                throw new KelvinException($"{dataName}: every feature is constant ({string.Join(", ", constant.Take(5))}), so the networks see no signal");
            using var folder = RunReport.Open(parse.GetValue(outDir)!);
            var request = new RunRequest(dataset, dataName, parse.GetValue(seed), RunProfile.Of(parse.GetValue(quick)), entropyView);
            var clock = Stopwatch.StartNew();
            bool asJson = parse.GetValue(json);
            RunResult Work(Action<RunStage, double> progress)
            {
                var r = RunPipeline.Run(request, progress);
                progress(RunStage.Report, 0);
                RunReport.Write(r, folder);
                progress(RunStage.Report, 1);
                return r;
            }
            // With --json stdout carries only the JSON: no progress lines.
            var result = asJson ? Work((_, _) => { }) : RunProgressDisplay.Run(!Console.IsOutputRedirected, Work);
            folder.Publish();
            if (asJson) Console.Out.WriteLine(File.ReadAllText(Path.Combine(folder.Target, RunReport.Json)));
            else Summary(result, folder.Target, clock.Elapsed);
            return 0;
        });
        return command;
    }

    private static void Summary(RunResult r, string target, TimeSpan elapsed)
    {
        var console = StdoutConsole.Create();
        if (Console.IsOutputRedirected) console.Profile.Width = 140;
        console.WriteLine(RunBadge.Line(r.Calibration));
        if (r.AnharmonicCalibration is { } doubleWell) console.WriteLine(RunBadge.Line(doubleWell));
        var table = new Table().Title(Markup.Escape($"kelvin run on {r.Request.DataName} (profile {r.Request.Profile.Name}, seed {r.Request.Seed})"));
        foreach (var h in new[] { "", "test score D1 → D2 → refreshed", $"T_I ± SE (training, {r.Request.View.Name()} view)", $"T_II ± SE (refresh, {r.Request.View.Name()} view)", "layers heated in training", "engine (measured)" }) table.AddColumn(Markup.Escape(h));
        foreach (var n in r.Networks)
        {
            var x = n.Experiment;
            table.AddRow(Markup.Escape(n.Activation),
                Markup.Escape($"{ReportFormat.Score(x.Score, n.Task)} → {ReportFormat.Score(x.ShiftedScore, n.Task)} → {ReportFormat.Score(x.RefreshedScore, n.Task)}"),
                Markup.Escape(Temp(x.Training.GlobalEstimate)), Markup.Escape(Temp(x.Refresh.GlobalEstimate)),
                Markup.Escape($"{x.Training.Layers.Count(l => l.Heated)}/{x.Training.Layers.Count}"),
                Markup.Escape($"Type {n.Engine.Type.Name()}, η = {ReportFormat.Number(n.Engine.Efficiency)}"));
        }
        console.Write(table);
        int within = r.Linear.Count(c => c.Comparison.TemperatureRelativeDifference <= 0.10);
        console.WriteLine($"linear theory: analytic T_I within 10% of simulation in {within}/{r.Linear.Count} cells");
        console.WriteLine($"report: {target} ({elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
    }

    private static string Temp(TemperatureEstimate t) => ReportFormat.Temperature(t) + (t.Temperature.Value is null ? "" : $" ({t.Temperature.Regime.Name()})");
}
