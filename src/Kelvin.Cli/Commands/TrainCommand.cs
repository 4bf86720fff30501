using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Cli.Rendering;
using Kelvin.Data;
using Kelvin.Networks.Training;
using Kelvin.Reports.Json;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin train`: trains an MLP (or an ensemble) with the thermometer attached, then prints
/// the test score and the training transition's temperatures (global and per layer).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var training = new TrainingCommandOptions();
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var outDir = new Option<string?>("--out") { Description = "directory for curve.csv, temperature.png, layer-temperatures.png and init/trained.safetensors (member 0)" };
        var command = new Command("train", "Train a network and measure the training transition: E, S, T globally and per layer (docs/theory.md §4, §6).");
        training.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(outDir);
        command.SetAction(parse =>
        {
            string? dir = parse.GetValue(outDir);
            if (dir is not null) // checked before the work: Kelvin replaces only its own files there unless --force
                OutputOptions.PrepareFolder(dir, "--out", parse.GetValue(training.Force), [.. TransitionReport.FileNames(""), "init.safetensors", "trained.safetensors"]);
            var request = training.Read(parse);
            var split = request.Split;
            var setup = request.Setup;
            var members = Ensemble.Initialize(setup.Architecture, setup.Initialization, setup.Options.Seed, setup.Members);
            var initial = members[0].Clone();
            var run = TrainingProgressDisplay.Run(training.ProgressMode(parse), "training",
                progress => RecordedTrainer.Continue(members, setup, split.Train, progress));
            double score = TestScore.Of(members, split.Test);
            var analysis = TransitionAnalysis.Of(run, request.Settings);
            if (dir is not null)
            {
                TransitionReport.WriteFiles(analysis, dir, "", $"{split.Train.Name}: training transition");
                // Member 0 at initialization and trained, reopenable by `kelvin compare` (docs/theory.md §6 via the straight path).
                NetworkCheckpoint.Save(Path.Combine(dir, "init.safetensors"), initial, training.Provenance(parse, setup, run.MemberEnergy(0, 0)));
                NetworkCheckpoint.Save(Path.Combine(dir, "trained.safetensors"), members[0], training.Provenance(parse, setup, run.MemberEnergy(0, run.CheckpointCount - 1)));
                Kelvin.Files.OutputFile.Record(Path.GetFullPath(Path.Combine(dir, "init.safetensors")), Path.GetFullPath(Path.Combine(dir, "trained.safetensors")));
            }
            if (parse.GetValue(json)) JsonOutput.Write(TrainJson.Of(split.Train.Task, score, analysis));
            else
            {
                Console.Out.WriteLine($"{request.Setup.Architecture} on {split.Train.Name}: {TestScore.Name(split.Train.Task)} {score.ToString("F4", CultureInfo.InvariantCulture)} on the test split ({split.Test.Count} samples), K = {request.Setup.Members}, {run.Steps[^1]} steps, {analysis.View.Name()} view");
                TransitionReport.WriteTable(analysis, "training transition (Type I)");
                Console.Out.WriteLine($"checkpoints {run.CheckpointCount} (every {request.Setup.Options.HookInterval} steps), allocation: {run.Pieces} straight pieces, {run.Evaluations} gradient evaluations on {run.EvaluationSamples} samples");
            }
            return 0;
        });
        return command;
    }
}

/// <summary>The JSON of `kelvin train`; "accuracy" for classification, "r2" for regression; `kelvin
/// shift` adds "refresh".</summary>
internal sealed record TrainJson(
    [property: JsonPropertyName("accuracy"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Accuracy,
    [property: JsonPropertyName("r2"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? R2,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("late_window")] LateWindowJson Window,
    [property: JsonPropertyName("global")] GlobalJson Global,
    [property: JsonPropertyName("layers")] List<LayerJson> Layers,
    [property: JsonPropertyName("allocation_residual")] double? AllocationResidual,
    [property: JsonPropertyName("isothermality")] double? Isothermality,
    [property: JsonPropertyName("curve")] List<CurveJson> Curve,
    [property: JsonPropertyName("refresh"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefreshJson? Refresh = null)
{
    public static TrainJson Of(TaskKind task, double score, TransitionAnalysis a) => new(
        task == TaskKind.Classification ? score : null, task == TaskKind.Regression ? score : null,
        a.View.Name(), TransitionJson.Window(a), TransitionJson.Global(a), TransitionJson.Layers(a), a.AllocationResidual, a.Isothermality, TransitionJson.Curve(a));
}
