using Kelvin.Files;

namespace Kelvin.Tests.Cli.Fuzz;

/// <summary>A temporary folder for the CLI fuzz test: inputs/ (CSV files, checkpoints, a user's notes)
/// and out/ (where commands may write). <see cref="Snapshot"/> and <see cref="Violations"/> find any
/// file the command touched that it had no right to: a change or deletion of a file Kelvin did not
/// write (not listed in its folder's manifest), or a new file outside out/.</summary>
internal sealed class FuzzWorkspace : IDisposable
{
    public FuzzWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("kelvin-fuzz-").FullName;
        Directory.CreateDirectory(Inputs);
        Directory.CreateDirectory(Out);
    }

    public string Root { get; }
    public string Inputs => Path.Combine(Root, "inputs");
    public string Out => Path.Combine(Root, "out");

    /// <summary>Writes <paramref name="text"/> to inputs/<paramref name="name"/> and returns its path.</summary>
    public string Input(string name, string text)
    {
        string path = Path.Combine(Inputs, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every file under the root with its size and last write time.</summary>
    public Dictionary<string, (long Size, DateTime Written)> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => { var i = new FileInfo(f); return (i.Length, i.LastWriteTimeUtc); });

    /// <summary>What changed since <paramref name="before"/> that the command had no right to change.</summary>
    public string? Violations(Dictionary<string, (long Size, DateTime Written)> before)
    {
        var after = Snapshot();
        foreach (var (path, state) in before)
        {
            if (Path.GetFileName(path) == OutputManifest.FileName) continue;
            bool changed = !after.TryGetValue(path, out var now) || now != state;
            if (changed && !OutputManifest.Read(Path.GetDirectoryName(path)!).Contains(Path.GetFileName(path)))
                return $"{(after.ContainsKey(path) ? "changed" : "deleted")} a file Kelvin did not write: {path}";
        }
        string outPrefix = Out + Path.DirectorySeparatorChar;
        foreach (var path in after.Keys)
            if (!before.ContainsKey(path) && !path.StartsWith(outPrefix, StringComparison.Ordinal))
                return $"created a file outside the output folder: {path}";
        return null;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
