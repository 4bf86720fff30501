using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Kelvin.Cli.Rendering;
using Kelvin.Data;
using Kelvin.Reports.Json;
using Kelvin.Data.Shifts;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin shift`: trains on D1, shifts the data to D2, refreshes on D2; reports the training
/// (Type I) and refresh (Type II) transition temperatures.</summary>
internal static class ShiftCommand
{
    public static Command Create()
    {
        var training = new TrainingCommandOptions();
        var kind = new Option<string?>("--kind") { Description = "covariate|label|concept|noise (or give --new)" };
        var size = new Option<double?>("--size") { Description = "shift size X (defaults: covariate 0.5, label 1, concept 1, noise 0.2)" };
        var newData = new Option<string?>("--new") { Description = "a second CSV file (same columns) as D2" };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var outDir = new Option<string?>("--out") { Description = "directory for the curves (training-*, refresh-*) as CSV and PNG" };
        var command = new Command("shift", "Train, shift the data, refresh: the training (Type I) and refresh (Type II) temperatures (docs/theory.md §4).");
        training.AddTo(command);
        foreach (Option o in new Option[] { kind, size, newData, json, outDir }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string? dir = parse.GetValue(outDir);
            if (dir is not null)
                OutputOptions.PrepareFolder(dir, "--out", parse.GetValue(training.Force), [.. TransitionReport.FileNames("training-"), .. TransitionReport.FileNames("refresh-")]);
            var request = training.Read(parse);
            IDataShift shift;
            if (parse.GetValue(newData) is { } file)
            {
                if (parse.GetValue(kind) is { } k && k != "new") throw new KelvinException("give either --kind or --new, not both");
                var d2 = CsvDatasetReader.Read(file, parse.GetValue(training.Target) ?? "target", request.Split.Train.Task);
                shift = new NewDataShift(request.Split.Standardizer.Apply(d2));
            }
            else shift = DataShifts.Create(parse.GetValue(kind) ?? throw new KelvinException("--kind (covariate|label|concept|noise) or --new FILE.csv is required"), parse.GetValue(size));

            var result = TrainingProgressDisplay.Run(training.ProgressMode(parse), "training + refresh",
                progress => RefreshExperiment.Run(request.Setup, request.Split, shift, request.Settings, progress));
            var task = request.Split.Train.Task;
            if (dir is not null)
            {
                TransitionReport.WriteFiles(result.Training, dir, "training-", $"{request.Split.Train.Name}: training transition");
                TransitionReport.WriteFiles(result.Refresh, dir, "refresh-", $"{request.Split.Train.Name}: refresh after {shift.Kind} shift");
            }
            if (parse.GetValue(json)) JsonOutput.Write(ShiftJson.Of(task, shift, parse.GetValue(size), result));
            else
            {
                string name = TestScore.Name(task);
                Console.Out.WriteLine($"{request.Setup.Architecture} on {request.Split.Train.Name}, {shift.Kind} shift: {name} {F(result.Score)} on D1 → {F(result.ShiftedScore)} on D2 → {F(result.RefreshedScore)} after the refresh");
                TransitionReport.WriteTable(result.Training, "training transition (Type I)");
                TransitionReport.WriteTable(result.Refresh, "refresh transition (Type II), energies on D2");
            }
            return 0;
        });
        return command;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}

/// <summary>The refresh part of `kelvin shift --json`.</summary>
internal sealed record RefreshJson(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("size")] double? Size,
    [property: JsonPropertyName("score_shifted")] double ScoreShifted,
    [property: JsonPropertyName("score_refreshed")] double ScoreRefreshed,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("late_window")] LateWindowJson Window,
    [property: JsonPropertyName("global")] GlobalJson Global,
    [property: JsonPropertyName("layers")] List<LayerJson> Layers,
    [property: JsonPropertyName("allocation_residual")] double? AllocationResidual,
    [property: JsonPropertyName("isothermality")] double? Isothermality,
    [property: JsonPropertyName("curve")] List<CurveJson> Curve);

/// <summary>The JSON of `kelvin shift`: the train JSON plus "refresh".</summary>
internal static class ShiftJson
{
    public static TrainJson Of(TaskKind task, IDataShift shift, double? size, RefreshExperiment r)
    {
        var a = r.Refresh;
        double? x = shift.Kind == "new" ? null : size ?? DataShifts.DefaultSize(shift.Kind);
        var refresh = new RefreshJson(shift.Kind, x, r.ShiftedScore, r.RefreshedScore, a.View.Name(), TransitionJson.Window(a), TransitionJson.Global(a), TransitionJson.Layers(a),
            a.AllocationResidual, a.Isothermality, TransitionJson.Curve(a));
        return TrainJson.Of(task, r.Score, r.Training) with { Refresh = refresh };
    }
}
