using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Checkpoints;
using Kelvin.Cli.Rendering;
using Spectre.Console;

using Kelvin.Thermodynamics;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin inspect FILE`: a checkpoint's tensors, their weight/bias classification and the
/// particle-view entropy of each weight.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "checkpoint: torch.save file (.pt, .pth, .bin), safetensors, .npy, .npz, .onnx, or a folder (sharded Hugging Face checkpoint)" };
        var shared = new CheckpointOptions();
        var command = new Command("inspect", "A checkpoint's tensors (shape, dtype, count), which count as weights, and each weight's entropy S_l = n_l·h.") { file };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            var selection = shared.SelectionOf(parse);
            var estimator = shared.EstimatorOf(parse);
            using var checkpoint = CheckpointFile.Open(path);
            var duplicates = DuplicateTensors.Find(checkpoint, selection.Weights(checkpoint));
            var state = CheckpointEntropy.OfLayers(checkpoint, selection, estimator, leaveOut: duplicates.Select(d => d.Name).ToHashSet(StringComparer.Ordinal));
            var notes = new List<string>();
            if (checkpoint.Note is string note) notes.Add(note);
            notes.AddRange(duplicates.Select(CheckpointNotes.Duplicate));
            var entropies = state.Layers.ToDictionary(l => l.Name);
            var tensors = checkpoint.Tensors.Select(t =>
            {
                var c = selection.Classify(t);
                var e = entropies.GetValueOrDefault(t.Name);
                string reason = duplicates.FirstOrDefault(d => d.Name == t.Name) is { } dup ? $"{c.Reason}, counted as {dup.SameAs}" : c.Reason;
                return new TensorJson(t.Name, t.Shape, t.DType.SafetensorsName(), t.Count, c.IsWeight ? "weight" : "bias/norm", reason, e?.PerParameter, e?.Entropy);
            }).ToList();
            var skipped = checkpoint.Skipped;
            var result = new InspectJson(Path.GetFileName(path), checkpoint.Format, estimator.Name, EntropyView.Particle.Name(), checkpoint.Metadata, tensors,
                [.. skipped.Select(s => new SkippedJson(s.Name, s.DType, s.Reason))], state.Total, notes);
            if (parse.GetValue(shared.Json)) JsonOutput.Write(result);
            else Render(result);
            return 0;
        });
        return command;
    }

    private static void Render(InspectJson r)
    {
        var console = StdoutConsole.Create();
        console.WriteLine($"{r.File}: {r.Format}, {r.Tensors.Count} tensors, {r.Tensors.Count(t => t.Role == "weight")} weights");
        // Metadata is text from the file: never sent raw to the terminal.
        foreach (var (k, v) in r.Metadata) console.WriteLine($"  {ErrorLine.Escape(k)} = {ErrorLine.Escape(v)}");
        var table = new Table().AddColumns("tensor", "shape", "dtype", "n", "role", "h (nats)", "S (nats)");
        foreach (var t in r.Tensors)
            table.AddRow(Markup.Escape(ErrorLine.Escape(t.Name)), Markup.Escape(TensorShape.Format(t.Shape)), t.DType, t.N.ToString(), Markup.Escape(ErrorLine.Escape($"{t.Role} ({t.Reason})")),
                t.Role == "weight" ? StdoutConsole.Number(t.H) : "-", t.Role == "weight" ? StdoutConsole.Number(t.S) : "-");
        console.Write(table);
        foreach (var s in r.Skipped) console.WriteLine(ErrorLine.Escape($"skipped {s.Name} ({s.DType}): {s.Reason}"));
        foreach (var n in r.Notes) console.WriteLine(ErrorLine.Escape(n));
        console.WriteLine($"S = Σ_l S_l = {StdoutConsole.Number(r.S)} nats (particle view, the only view of a single checkpoint; estimator {r.Estimator}; — means a layer without spread: a point, no finite entropy)");
    }

    private sealed record InspectJson(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("estimator")] string Estimator,
        [property: JsonPropertyName("view")] string View,
        [property: JsonPropertyName("metadata")] IReadOnlyDictionary<string, string> Metadata,
        [property: JsonPropertyName("tensors")] IReadOnlyList<TensorJson> Tensors,
        [property: JsonPropertyName("skipped")] IReadOnlyList<SkippedJson> Skipped,
        [property: JsonPropertyName("S")] double? S,
        [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

    private sealed record TensorJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
        [property: JsonPropertyName("dtype")] string DType,
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("h")] double? H,
        [property: JsonPropertyName("S")] double? S);

    private sealed record SkippedJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("dtype")] string DType,
        [property: JsonPropertyName("reason")] string Reason);
}
