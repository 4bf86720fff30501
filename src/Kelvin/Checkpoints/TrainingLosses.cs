using System.Globalization;
using System.Text.Json;

namespace Kelvin.Checkpoints;

/// <summary>
/// The losses a training script logged for its checkpoints, the energies of a trajectory: a CSV with
/// a header holding a "loss" column (or "energy", "E") and a "step" column or a "checkpoint"/"file"
/// column naming the checkpoint file; or JSON lines {"step": …, "loss": …} (or "checkpoint"). A
/// checkpoint's energy is the row of its file name, else of its step.
/// </summary>
public sealed class TrainingLosses
{
    private readonly Dictionary<long, double> _bySteps = [];
    private readonly Dictionary<string, double> _byFile = new(StringComparer.Ordinal);
    private readonly string _source;

    private TrainingLosses(string source) => _source = source;

    /// <summary>Reads <paramref name="path"/> (.csv, or .jsonl/.json lines).</summary>
    public static TrainingLosses Read(string path)
    {
        if (!File.Exists(path)) throw new KelvinException($"losses file not found: {path}");
        var losses = new TrainingLosses(Path.GetFileName(path));
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0) throw new KelvinException($"{path}: empty");
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) losses.ReadCsv(lines);
        else losses.ReadJsonLines(lines);
        return losses;
    }

    private void ReadCsv(List<string> lines)
    {
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
        int loss = header.FindIndex(h => h is "loss" or "energy" or "e");
        int step = header.IndexOf("step");
        int file = header.FindIndex(h => h is "checkpoint" or "file");
        if (loss < 0 || (step < 0 && file < 0)) throw new KelvinException($"{_source}: the header needs a 'loss' column and a 'step' or 'checkpoint' column");
        for (int i = 1; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (cells.Length != header.Count) throw new KelvinException($"{_source}: line {i + 1} has {cells.Length} cells, the header {header.Count}");
            Add(i + 1, Number(cells[loss], i + 1), step >= 0 ? Step(cells[step], i + 1) : null, file >= 0 ? cells[file] : null);
        }
    }

    private void ReadJsonLines(List<string> lines)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                var o = doc.RootElement;
                if (o.ValueKind != JsonValueKind.Object) throw new KelvinException($"{_source}: line {i + 1} is not an object");
                double? loss = null;
                foreach (var key in new[] { "loss", "energy", "E" })
                    if (o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number) loss = v.GetDouble();
                if (loss is null) throw new KelvinException($"{_source}: line {i + 1} has no numeric \"loss\"");
                long? step = o.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out long st) ? st : null;
                string? file = o.TryGetProperty("checkpoint", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                if (step is null && file is null) throw new KelvinException($"{_source}: line {i + 1} has neither \"step\" nor \"checkpoint\"");
                Add(i + 1, loss.Value, step, file);
            }
            catch (JsonException e)
            {
                throw new KelvinException($"{_source}: line {i + 1} is not JSON ({e.Message.ReplaceLineEndings(" ")})");
            }
        }
    }

    private void Add(int line, double loss, long? step, string? file)
    {
        if (!double.IsFinite(loss)) throw new KelvinException($"{_source}: line {line}: the loss is {loss}");
        if (step is long s) _bySteps[s] = loss;
        if (file is not null) _byFile[Path.GetFileName(file)] = loss;
    }

    private double Number(string cell, int line) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new KelvinException($"{_source}: line {line}: '{cell}' is not a number");

    private long Step(string cell, int line) =>
        long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : throw new KelvinException($"{_source}: line {line}: step '{cell}' is not an integer");

    /// <summary>The energy of the checkpoint <paramref name="path"/> at <paramref name="step"/>.</summary>
    public double Of(string path, long step) =>
        _byFile.TryGetValue(Path.GetFileName(path.TrimEnd('/')), out double e) ? e
        : _bySteps.TryGetValue(step, out e) ? e
        : throw new KelvinException($"{_source}: no loss for {Path.GetFileName(path)} (step {step})");
}
