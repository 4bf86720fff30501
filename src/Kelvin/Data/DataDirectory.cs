namespace Kelvin.Data;

/// <summary>
/// Finds a data/ folder at run time: the directory named by the KELVIN_DATA environment variable if
/// set; else the first data/ holding PROVENANCE.md found by walking up from
/// <see cref="AppContext.BaseDirectory"/> and then from the current directory (a source checkout).
/// <see cref="BundledDatasets"/> reads its embedded copies unless KELVIN_DATA is set.
/// </summary>
public static class DataDirectory
{
    /// <summary>The marker file that identifies Kelvin's data folder.</summary>
    public const string Marker = "PROVENANCE.md";

    /// <summary>The data folder, or a <see cref="KelvinException"/> saying where it was looked for.</summary>
    public static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable("KELVIN_DATA");
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (File.Exists(Path.Combine(env, Marker))) return env;
            throw new KelvinException($"KELVIN_DATA={env} does not hold {Marker}");
        }
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, Marker))) return candidate;
            }
        throw new KelvinException($"cannot find Kelvin's data/ folder (with {Marker}) above {AppContext.BaseDirectory} or the current directory; set KELVIN_DATA");
    }
}
