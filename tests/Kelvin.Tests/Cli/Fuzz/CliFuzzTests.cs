namespace Kelvin.Tests.Cli.Fuzz;

/// <summary>
/// The reliability corpus of issue 13, run in-process: a seeded generator of bad CSV files, bad options
/// and mutated checkpoints (<see cref="FuzzCorpus"/>). Every invocation must end with exit code 0 or 1;
/// a failure is exactly one line on stderr ("kelvin: …", no raw control characters) and, with --json,
/// nothing on stdout; a success prints no NaN or infinity; and no file outside the output folder — nor
/// any file there that Kelvin did not write — is created, changed or deleted.
/// </summary>
[Collection("Console")]
public class CliFuzzTests
{
    private const int Seed = 13_2026;
    private const int Cases = 300;

    [Fact]
    public void EveryHostileInvocationEndsInExitZeroOrOneWithOneLineAndNothingTouched()
    {
        using var work = new FuzzWorkspace();
        var corpus = new FuzzCorpus(Seed, work).Generate(Cases);
        var cwd = Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()).Order().ToList();
        var problems = new List<string>();
        foreach (var args in corpus)
        {
            var before = work.Snapshot();
            var (exit, stdout, stderr) = CliHarness.Run(args);
            string? problem = Check(args, exit, stdout, stderr) ?? work.Violations(before);
            if (problem is not null) problems.Add($"kelvin {Show(args)} → {problem}");
        }
        Assert.Equal(cwd, Directory.EnumerateFileSystemEntries(Directory.GetCurrentDirectory()).Order().ToList());
        Assert.True(problems.Count == 0, $"{problems.Count} of {Cases} cases broke a promise:\n" + string.Join("\n", problems.Take(25)));
    }

    [Fact]
    public void TheCorpusIsTheSameForTheSameSeed()
    {
        using var a = new FuzzWorkspace();
        using var b = new FuzzWorkspace();
        var x = new FuzzCorpus(Seed, a).Generate(60).Select(args => Show(args).Replace(a.Root, "ROOT"));
        var y = new FuzzCorpus(Seed, b).Generate(60).Select(args => Show(args).Replace(b.Root, "ROOT"));
        Assert.Equal(x, y);
    }

    /// <summary>The promise one invocation must keep, or what it broke.</summary>
    internal static string? Check(string[] args, int exit, string stdout, string stderr)
    {
        if (exit is not (0 or 1)) return $"exit code {exit}: {stderr.Trim()}";
        if (exit == 1)
        {
            if (!stderr.EndsWith('\n') || stderr.TrimEnd('\n', '\r').Contains('\n')) return $"stderr is not exactly one line: {stderr}";
            if (!stderr.StartsWith("kelvin: ", StringComparison.Ordinal)) return $"stderr does not start with 'kelvin: ': {stderr}";
            if (stderr.TrimEnd('\n', '\r').Any(char.IsControl)) return $"raw control character on stderr: {stderr}";
            if (stderr.Length > 1100) return $"error line of {stderr.Length} characters";
            if (args.Contains("--json") && stdout.Length > 0) return $"stdout not empty on a failure with --json: {stdout[..Math.Min(200, stdout.Length)]}";
            if (stderr.Contains("internal error")) return $"internal error: {stderr}";
        }
        else
        {
            if (args.Contains("--json") && !IsJson(stdout)) return $"--json printed something that is not JSON: {stdout[..Math.Min(200, stdout.Length)]}";
            // Kelvin's numbers are never NaN or ±∞; `inspect` echoes a file's metadata strings (indented
            // "key = value" lines, or JSON strings), which may spell anything.
            var lines = stdout.Split('\n').Where(l => !(args[0] == "inspect" && (l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" = ") || l.TrimStart().StartsWith('"') && l.Contains("\": \""))));
            foreach (string bad in new[] { "NaN", "Infinity", "∞" })
                if (lines.FirstOrDefault(l => l.Contains(bad)) is { } line) return $"'{bad}' on stdout: {line}";
        }
        if (stdout.Any(c => char.IsControl(c) && c is not ('\n' or '\r'))) return "raw control character on stdout";
        if ((stdout + stderr).Contains("root:")) return "printed a line of /etc/passwd";
        return null;
    }

    private static bool IsJson(string text)
    {
        try { using var _ = System.Text.Json.JsonDocument.Parse(text); return true; }
        catch (System.Text.Json.JsonException) { return false; }
    }

    private static string Show(string[] args) =>
        string.Join(" ", args.Select(a => a.Length > 60 ? a[..60] + "…" : a).Select(a => a.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || a.Length == 0 ? $"'{Escape(a)}'" : a));

    private static string Escape(string s) => string.Concat(s.Select(c => char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));
}
