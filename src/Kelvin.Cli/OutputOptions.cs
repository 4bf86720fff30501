using System.CommandLine;
using Kelvin.Files;

namespace Kelvin.Cli;

/// <summary>The --force option of commands that write files, and the check of an output folder's
/// files before the work starts (<see cref="OutputFile"/>: Kelvin replaces only its own files unless
/// --force).</summary>
internal static class OutputOptions
{
    /// <summary>A new --force option.</summary>
    public static Option<bool> Force() => new("--force") { Description = "replace existing output files even when Kelvin did not write them" };

    /// <summary>The full paths of <paramref name="names"/> inside the folder given to <paramref name="option"/>,
    /// each checked by <see cref="OutputFile.Prepare"/> (so nothing is written when one is refused).</summary>
    public static IReadOnlyList<string> PrepareFolder(string folder, string option, bool force, params IEnumerable<string> names)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new KelvinException($"{option}: the path is empty");
        if (File.Exists(folder)) throw new KelvinException($"{option} '{folder}' is a file, not a folder");
        return OutputFile.PrepareAll(names.Select(n => Path.Combine(folder, n)), option, force);
    }
}
