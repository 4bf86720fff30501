using System.Text.RegularExpressions;

namespace Kelvin.Checkpoints;

/// <summary>
/// The checkpoints of one training run saved along the way: a folder (its checkpoint files, and its
/// sub-folders that hold a sharded checkpoint) or a glob over file names (<c>runs/ckpt-*.pt</c>).
/// Each is given the step t = the last integer in its name (<c>step-090.safetensors</c> → 90; the
/// position in name order when a name has none), and the series is sorted by t.
/// </summary>
public static partial class CheckpointSeries
{
    private static readonly string[] Extensions = [".safetensors", ".pt", ".pth", ".bin", ".onnx", ".npz", ".npy"];

    /// <summary>The checkpoints named by <paramref name="folderOrGlob"/>, as (path, step) in step order.</summary>
    public static IReadOnlyList<(string Path, long Step)> List(string folderOrGlob)
    {
        List<string> paths;
        if (Directory.Exists(folderOrGlob))
        {
            paths = [.. Directory.GetFiles(folderOrGlob).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))];
            paths.AddRange(Directory.GetDirectories(folderOrGlob).Where(d => ShardedCheckpoint.FolderFiles.Any(f => File.Exists(Path.Combine(d, f)))));
        }
        else
        {
            string dir = Path.GetDirectoryName(folderOrGlob) is { Length: > 0 } d ? d : ".";
            string pattern = Path.GetFileName(folderOrGlob);
            if (!pattern.Contains('*') && !pattern.Contains('?')) throw new KelvinException($"{folderOrGlob}: not a folder nor a glob (e.g. 'run/step-*.pt')");
            if (!Directory.Exists(dir)) throw new KelvinException($"folder not found: {dir}");
            paths = [.. Directory.GetFiles(dir, pattern).Concat(Directory.GetDirectories(dir, pattern))];
        }
        paths.Sort(StringComparer.Ordinal);
        if (paths.Count < 2) throw new KelvinException($"{folderOrGlob}: {paths.Count} checkpoint(s); a trajectory needs at least 2");
        var steps = paths.Select((p, i) => LastNumber().Match(Path.GetFileName(p.TrimEnd('/'))) is { Success: true } m && long.TryParse(m.Value, out long s) ? s : (long?)null).ToList();
        bool numbered = steps.All(s => s.HasValue);
        var series = paths.Select((p, i) => (p, numbered ? steps[i]!.Value : i)).OrderBy(x => x.Item2).ThenBy(x => x.p, StringComparer.Ordinal).ToList();
        for (int i = 1; i < series.Count; i++)
            if (series[i].Item2 == series[i - 1].Item2) throw new KelvinException($"two checkpoints have step {series[i].Item2}: {Path.GetFileName(series[i - 1].p)} and {Path.GetFileName(series[i].p)}");
        return series;
    }

    [GeneratedRegex(@"\d+(?=\D*$)")]
    private static partial Regex LastNumber();
}
