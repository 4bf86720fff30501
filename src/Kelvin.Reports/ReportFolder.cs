namespace Kelvin.Reports;

/// <summary>
/// A report folder written atomically: everything goes to a temporary sibling folder, and only
/// <see cref="Publish"/> moves it into place. An interrupted run leaves no half-written report
/// presented as complete (at most a stale ".kelvin-tmp-*" folder, removed on the next run unless the
/// process that owns it is still running).
/// </summary>
public sealed class ReportFolder : IDisposable
{
    private bool _published;

    private ReportFolder(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The temporary folder files are written to until <see cref="Publish"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks that <paramref name="target"/>'s parent is writable (a one-line
    /// <see cref="KelvinException"/> otherwise, before any long work) and opens a staging folder.</summary>
    public static ReportFolder Open(string target)
    {
        string full = Path.GetFullPath(target);
        string parent = Path.GetDirectoryName(full) ?? throw new KelvinException($"output folder '{target}' has no parent folder", "output folder");
        if (File.Exists(full)) throw new KelvinException($"output folder '{target}' is a file, not a folder", "output folder");
        try
        {
            Directory.CreateDirectory(parent);
            foreach (var stale in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(full)}.kelvin-tmp-*"))
                if (!OwnerIsAlive(stale)) Directory.Delete(stale, recursive: true);
            string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.kelvin-tmp-{Environment.ProcessId}");
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, ".probe"), "");
            File.Delete(Path.Combine(staging, ".probe"));
            return new ReportFolder(full, staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KelvinException($"cannot write the report to '{target}': {e.Message}");
        }
    }

    /// <summary>Whether the process whose id ends the staging folder's name is still running (then the
    /// folder is another run's work in progress, not a stale leftover).</summary>
    private static bool OwnerIsAlive(string staging)
    {
        string name = Path.GetFileName(staging);
        if (!int.TryParse(name[(name.LastIndexOf('-') + 1)..], out int pid) || pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The path of <paramref name="fileName"/> inside the staging folder.</summary>
    public string PathOf(string fileName) => Path.Combine(Staging, fileName);

    /// <summary>Replaces the target folder by the staging folder.</summary>
    public void Publish()
    {
        if (Directory.Exists(Target)) Directory.Delete(Target, recursive: true);
        Directory.Move(Staging, Target);
        _published = true;
    }

    /// <summary>Removes the staging folder if the report was never published.</summary>
    public void Dispose()
    {
        if (!_published && Directory.Exists(Staging))
        {
            try { Directory.Delete(Staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
