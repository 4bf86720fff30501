using System.Diagnostics;
using Kelvin.Studies;

namespace Kelvin.Tests.Studies;

/// <summary>A study small enough for tests (15 cells of a 4-unit network on iris, a fraction of a
/// second each) and helpers to run kelvin as a separate process.</summary>
internal static class TinyStudy
{
    /// <summary>The design on <paramref name="dataset"/> (iris: ~15 ms a cell; digits: slower, for the kill test).</summary>
    public static string JsonOn(string dataset) => Json.Replace("\"iris\"", $"\"{dataset}\"");

    public const string Json = """
        {
          "name": "tiny",
          "seeds": 5,
          "seed": 3,
          "base": { "dataset": "iris", "width": 4, "depth": 1, "epochs": 2, "batch": 16, "evaluation_size": 64, "checkpoint_every": 2 },
          "axes": { "label_noise": [0, 0.2, 0.4] }
        }
        """;

    public static StudyDesign Design => StudyDesignFile.Parse(Json, yaml: false, "tiny");

    public static StudyDesign DesignOn(string dataset) => StudyDesignFile.Parse(JsonOn(dataset), yaml: false, "tiny");

    /// <summary>A fresh temporary folder.</summary>
    public static string NewFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kelvin-study-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes the design file into <paramref name="dir"/> and returns its path.</summary>
    public static string DesignFile(string dir, string dataset = "iris")
    {
        string path = Path.Combine(dir, "tiny.json");
        File.WriteAllText(path, JsonOn(dataset));
        return path;
    }

    /// <summary>Starts `dotnet kelvin.dll args` with extra environment variables.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kelvin.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var name in new[] { "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", StudyShard.CompletionsVariable })
            info.Environment.Remove(name);
        foreach (var (k, v) in env) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    /// <summary>Waits for a started process and returns its stdout (asserting exit code 0).</summary>
    public static string Finish(Process p)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Every report file of a study folder (md, html, json, figures) by name.</summary>
    public static SortedDictionary<string, byte[]> ReportFiles(string dir)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir).Where(f => Path.GetFileName(f) is var n && (n.StartsWith("report.") || n.EndsWith(".png"))))
            files[Path.GetFileName(f)] = File.ReadAllBytes(f);
        return files;
    }

    /// <summary>Runs the whole design in-process and writes the report.</summary>
    public static StudyFolder RunInProcess(string dir, int jobs = 2, string dataset = "iris")
    {
        var folder = StudyFolder.Open(dir, DesignOn(dataset));
        StudyRunner.Run(folder, StudyShard.All, jobs);
        StudyReport.Write(StudyReport.Analyse(folder), folder);
        return folder;
    }
}
