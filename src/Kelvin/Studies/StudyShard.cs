using System.Globalization;

namespace Kelvin.Studies;

/// <summary>
/// Which cells a process runs: shard i of N owns the cells whose index c has c mod N = i, so two
/// shards never own (or write) the same cell and together they own every cell. Read from
/// <c>--shard i/N</c>; else from a Slurm job array (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT,
/// task ids 0..N−1); else from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with the completions
/// count in KELVIN_SHARD_COUNT); else the whole study (0/1).
/// </summary>
public readonly record struct StudyShard(int Index, int Count)
{
    /// <summary>The environment variable a Kubernetes Indexed Job sets to its completions count (the
    /// Job API exposes the index, not the count: the manifest passes it, see docs/study.md).</summary>
    public const string CompletionsVariable = "KELVIN_SHARD_COUNT";

    /// <summary>The whole study in one process.</summary>
    public static StudyShard All => new(0, 1);

    /// <summary>True when cell <paramref name="index"/> belongs to this shard.</summary>
    public bool Owns(int index) => index % Count == Index;

    /// <summary>"i/N".</summary>
    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "i/N" (0 ≤ i &lt; N).</summary>
    public static StudyShard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            return Checked(i, n, "--shard");
        throw new KelvinException($"--shard '{text}': expected i/N with 0 ≤ i < N, e.g. 0/4");
    }

    /// <summary>The shard of this process: <paramref name="option"/> when given, else the Slurm or
    /// Kubernetes variables read through <paramref name="environment"/>, else <see cref="All"/>.</summary>
    public static StudyShard Resolve(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option)) return Parse(option);
        if (environment("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task)
        {
            string count = environment("SLURM_ARRAY_TASK_COUNT") ?? throw new KelvinException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not");
            return Checked(Integer(task, "SLURM_ARRAY_TASK_ID"), Integer(count, "SLURM_ARRAY_TASK_COUNT"), "Slurm array (use --array=0-N−1)");
        }
        if (environment("JOB_COMPLETION_INDEX") is { Length: > 0 } index)
        {
            string count = environment(CompletionsVariable) ?? throw new KelvinException($"JOB_COMPLETION_INDEX is set but {CompletionsVariable} (the Job's completions) is not");
            return Checked(Integer(index, "JOB_COMPLETION_INDEX"), Integer(count, CompletionsVariable), "Indexed Job");
        }
        return All;
    }

    private static int Integer(string text, string name) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw new KelvinException($"{name}='{text}' is not a whole number");

    private static StudyShard Checked(int i, int n, string source) =>
        n >= 1 && i >= 0 && i < n ? new StudyShard(i, n) : throw new KelvinException($"{source}: shard {i} of {n} is out of range (need 0 ≤ i < N)");
}
