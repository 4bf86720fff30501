namespace Kelvin.Files;

/// <summary>
/// The one policy for every file Kelvin reads (CSV data, checkpoints): the path must name an existing
/// regular file (a directory is reported as a directory; device, process and kernel files under /dev,
/// /proc and /sys are refused, so `--data /dev/zero` cannot hang; so is anything of length 0, which
/// covers empty files and named pipes anywhere) no larger than a size limit for its kind. Every violation is a one-line <see cref="KelvinException"/>.
/// </summary>
public static class InputFile
{
    /// <summary>The largest CSV file read (256 MiB: far above any table Kelvin's estimators need).</summary>
    public const long CsvLimit = 256L << 20;

    /// <summary>The largest checkpoint read (32 GiB; checkpoints are read tensor by tensor).</summary>
    public const long CheckpointLimit = 32L << 30;

    private static readonly string[] SpecialRoots = ["/dev/", "/proc/", "/sys/"];

    /// <summary>Checks <paramref name="path"/> against the policy (<paramref name="what"/> names the
    /// kind of file in messages, e.g. "CSV file") and returns its full path.</summary>
    public static string Check(string? path, string what, long maxBytes)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new KelvinException($"no {what} given (the path is empty)");
        if (Directory.Exists(path)) throw new KelvinException($"'{path}' is a directory, not a {what}");
        if (!File.Exists(path)) throw new KelvinException($"{what} not found: '{path}'");
        var info = new FileInfo(path);
        string real = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        if (SpecialRoots.Any(r => real.StartsWith(r, StringComparison.Ordinal) || real + "/" == r))
            throw new KelvinException($"'{path}' is not a regular file (a device or system file), so it is not read as a {what}");
        // A named pipe, socket or device reports length 0, as does an empty file, which no reader could
        // use anyway: refusing length 0 means Kelvin never opens (and blocks on) a FIFO anywhere.
        if (info.Length == 0) throw new KelvinException($"'{path}' is empty or not a regular file, so it is not read as a {what}");
        if (info.Length > maxBytes)
            throw new KelvinException($"'{path}' has {info.Length} bytes, more than the {maxBytes >> 20} MiB a {what} may have");
        return info.FullName;
    }

    /// <summary>Opens <paramref name="path"/> for reading after <see cref="Check"/>.</summary>
    public static FileStream OpenRead(string? path, string what, long maxBytes)
    {
        string full = Check(path, what, maxBytes);
        return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }
}
