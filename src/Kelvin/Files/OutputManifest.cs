namespace Kelvin.Files;

/// <summary>
/// The record of what Kelvin wrote into a folder: a file <see cref="FileName"/> in that folder, one
/// file name per line. Kelvin replaces a file only when it is listed here (or the user says --force),
/// and a report folder only when everything in it is listed: a user's own files are never deleted or
/// overwritten by surprise.
/// </summary>
public static class OutputManifest
{
    /// <summary>The manifest's name inside the folder it describes.</summary>
    public const string FileName = ".kelvin-outputs";

    private const long MaxBytes = 1 << 20;

    /// <summary>The file names listed for <paramref name="folder"/> (empty when there is no manifest;
    /// lines that are not plain file names are ignored).</summary>
    public static IReadOnlySet<string> Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null || info.Length > MaxBytes) return names;
        foreach (string line in File.ReadLines(path))
        {
            string name = line.Trim();
            if (IsPlainName(name)) names.Add(name);
        }
        return names;
    }

    /// <summary>Adds <paramref name="names"/> to <paramref name="folder"/>'s manifest.</summary>
    public static void Add(string folder, IEnumerable<string> names)
    {
        var all = new SortedSet<string>(Read(folder), StringComparer.Ordinal);
        foreach (string n in names) if (IsPlainName(n)) all.Add(n);
        Write(folder, all);
    }

    /// <summary>Writes a manifest of exactly <paramref name="names"/> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, IEnumerable<string> names)
    {
        string path = Path.Combine(folder, FileName);
        if (new FileInfo(path).LinkTarget is not null) throw new KelvinException($"'{path}' is a symbolic link; Kelvin does not write through it");
        File.WriteAllLines(path, names.Where(IsPlainName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name != FileName && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
