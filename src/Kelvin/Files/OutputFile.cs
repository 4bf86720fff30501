namespace Kelvin.Files;

/// <summary>
/// The one policy for a single file Kelvin writes at a path the user names (--plot, --csv, the files of
/// `train --out DIR`): the path must be non-empty and not a directory or a symbolic link, and an existing
/// file there is replaced only if Kelvin wrote it (listed in its folder's <see cref="OutputManifest"/>)
/// or the user passed --force. Violations are a one-line <see cref="KelvinException"/> before anything
/// is written. <see cref="Write"/> records the file in the manifest after writing it.
/// </summary>
public static class OutputFile
{
    /// <summary>Checks that <paramref name="path"/> (given to <paramref name="option"/>) may be written,
    /// creates its folder, and returns its full path.</summary>
    public static string Prepare(string? path, string option, bool force)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new KelvinException($"{option}: the path is empty");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new KelvinException($"{option} '{path}' is not a valid path");
        }
        if (Directory.Exists(full)) throw new KelvinException($"{option} '{path}' is a directory, not a file");
        string folder = Path.GetDirectoryName(full) ?? throw new KelvinException($"{option} '{path}' has no folder");
        if (File.Exists(full) || new FileInfo(full).LinkTarget is not null)
        {
            if (new FileInfo(full).LinkTarget is not null) throw new KelvinException($"{option} '{path}' is a symbolic link; Kelvin does not write through it");
            if (!force && !OutputManifest.Read(folder).Contains(Path.GetFileName(full)))
                throw new KelvinException($"{option} '{path}' already exists and was not written by Kelvin: choose another name, or pass --force to replace it");
        }
        if (File.Exists(folder)) throw new KelvinException($"{option} '{path}': '{folder}' is a file, not a folder");
        Directory.CreateDirectory(folder);
        return full;
    }

    /// <summary>Checks every path of <paramref name="paths"/> (<see cref="Prepare"/>) before any is written.</summary>
    public static IReadOnlyList<string> PrepareAll(IEnumerable<string> paths, string option, bool force) =>
        paths.Select(p => Prepare(p, option, force)).ToList();

    /// <summary>Writes one file: <see cref="Prepare"/>, then <paramref name="write"/>(full path), then
    /// records it in its folder's manifest.</summary>
    public static void Write(string? path, string option, bool force, Action<string> write)
    {
        string full = Prepare(path, option, force);
        write(full);
        Record(full);
    }

    /// <summary>Records files Kelvin wrote in their folders' manifests.</summary>
    public static void Record(params IEnumerable<string> fullPaths)
    {
        foreach (var group in fullPaths.GroupBy(p => Path.GetDirectoryName(p)!))
            OutputManifest.Add(group.Key, group.Select(Path.GetFileName)!);
    }
}
