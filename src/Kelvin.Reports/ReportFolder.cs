using Kelvin.Files;

namespace Kelvin.Reports;

/// <summary>
/// A report folder written atomically and safely. Everything goes to a temporary sibling folder
/// (".NAME.kelvin-tmp-PID"); only <see cref="Publish"/> moves it into place, so an interrupted run
/// leaves no half-written report presented as complete. Safety rules:
/// <list type="bullet">
/// <item>An existing target may hold only files Kelvin wrote there (listed in its
/// <see cref="OutputManifest"/>, or one of the caller's own file names): a subfolder, a link or any
/// other file makes <see cref="Open"/> refuse with one line, and <see cref="Publish"/> checks again.
/// The previous report is moved aside and its listed files removed one by one — never a recursive delete.</item>
/// <item>A lock file (".NAME.kelvin-lock", holding the owner's process id) makes a second concurrent
/// run on the same target refuse instead of silently losing one report.</item>
/// <item>Stale staging folders are removed only when they carry Kelvin's marker and their process is gone.</item>
/// </list>
/// </summary>
public sealed class ReportFolder : IDisposable
{
    private const string StagingMarker = ".kelvin-staging";
    private readonly FileStream _lock;
    private readonly IReadOnlySet<string> _ownNames;
    private bool _published;

    private ReportFolder(string target, string staging, FileStream lockFile, IReadOnlySet<string> ownNames)
    {
        Target = target;
        Staging = staging;
        _lock = lockFile;
        _ownNames = ownNames;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The temporary folder files are written to until <see cref="Publish"/>.</summary>
    public string Staging { get; }

    /// <summary>Checks <paramref name="target"/> (a one-line <see cref="KelvinException"/> when it is
    /// empty, a file, holds anything Kelvin did not write, or another run holds its lock), takes the
    /// lock and opens a staging folder, before any long work. <paramref name="ownNames"/> are the file
    /// names a report of this kind has (accepted in a folder without a manifest, from older versions).</summary>
    public static ReportFolder Open(string target, IEnumerable<string>? ownNames = null)
    {
        if (string.IsNullOrWhiteSpace(target)) throw new KelvinException("--out: the path is empty");
        string full;
        try { full = Path.GetFullPath(target); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new KelvinException($"--out '{target}' is not a valid path");
        }
        full = Path.TrimEndingDirectorySeparator(full);
        string parent = Path.GetDirectoryName(full) ?? throw new KelvinException($"--out '{target}' has no parent folder");
        if (File.Exists(full)) throw new KelvinException($"--out '{target}' is a file, not a folder");
        var own = new HashSet<string>(ownNames ?? [], StringComparer.Ordinal);
        CheckOnlyKelvinFiles(full, target, own);
        FileStream? lockFile = null;
        try
        {
            Directory.CreateDirectory(parent);
            lockFile = TakeLock(parent, Path.GetFileName(full), target);
            foreach (var stale in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(full)}.kelvin-tmp-*"))
                if (File.Exists(Path.Combine(stale, StagingMarker)) && !OwnerIsAlive(stale)) RemoveStaging(stale);
            string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.kelvin-tmp-{Environment.ProcessId}");
            if (Directory.Exists(staging)) RemoveStaging(staging);
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, StagingMarker), "");
            return new ReportFolder(full, staging, lockFile, own);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lockFile?.Dispose();
            throw new KelvinException($"cannot write the report to '{target}': {e.Message}");
        }
        catch
        {
            lockFile?.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a target that holds anything but regular files Kelvin wrote.</summary>
    private static void CheckOnlyKelvinFiles(string full, string shown, IReadOnlySet<string> own)
    {
        if (!Directory.Exists(full)) return;
        if (new DirectoryInfo(full).LinkTarget is not null) throw new KelvinException($"--out '{shown}' is a symbolic link; choose a real folder");
        var listed = OutputManifest.Read(full);
        foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
        {
            if (entry.Name == OutputManifest.FileName && entry is FileInfo { LinkTarget: null }) continue;
            bool ours = entry is FileInfo { LinkTarget: null } && (listed.Contains(entry.Name) || listed.Count == 0 && own.Contains(entry.Name));
            if (!ours)
                throw new KelvinException($"--out '{shown}' already holds '{entry.Name}', which Kelvin did not write there: choose a new folder or move it away");
        }
    }

    /// <summary>Creates the lock file next to the target, or refuses when a live process holds it.</summary>
    private static FileStream TakeLock(string parent, string name, string shown)
    {
        string path = Path.Combine(parent, $".{name}.kelvin-lock");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64, FileOptions.DeleteOnClose);
                using (var w = new StreamWriter(stream, leaveOpen: true)) w.Write(Environment.ProcessId);
                stream.Flush();
                return stream;
            }
            catch (IOException) when (File.Exists(path))
            {
                string owner = "";
                try { owner = File.ReadAllText(path).Trim(); } catch (IOException) { }
                bool alive = int.TryParse(owner, out int pid) && (pid == Environment.ProcessId || IsRunning(pid));
                if (alive || attempt > 0)
                    throw new KelvinException($"--out '{shown}' is being written by another kelvin run (process {owner}); wait for it or choose another folder");
                File.Delete(path); // a stale lock of a process that is gone
            }
        }
        throw new KelvinException($"--out '{shown}': cannot take the lock {path}");
    }

    /// <summary>Whether the process whose id ends the staging folder's name is still running (then the
    /// folder is another run's work in progress, not a stale leftover).</summary>
    private static bool OwnerIsAlive(string staging)
    {
        string name = Path.GetFileName(staging);
        if (!int.TryParse(name[(name.LastIndexOf('-') + 1)..], out int pid) || pid == Environment.ProcessId) return false;
        return IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
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

    /// <summary>Moves the staging folder into place. A previous report there (only Kelvin's files,
    /// checked again now) is moved aside first and then removed file by file.</summary>
    public void Publish()
    {
        var written = new DirectoryInfo(Staging).EnumerateFiles().Select(f => f.Name).Where(n => n != StagingMarker).ToList();
        File.Delete(Path.Combine(Staging, StagingMarker));
        OutputManifest.Write(Staging, written);
        string? previous = null;
        if (Directory.Exists(Target))
        {
            CheckOnlyKelvinFiles(Target, Target, _ownNames);
            previous = Path.Combine(Path.GetDirectoryName(Target)!, $".{Path.GetFileName(Target)}.kelvin-old-{Environment.ProcessId}");
            if (Directory.Exists(previous)) RemoveKelvinFiles(previous);
            Directory.Move(Target, previous);
        }
        Directory.Move(Staging, Target);
        _published = true;
        if (previous is not null) RemoveKelvinFiles(previous);
    }

    /// <summary>Removes a moved-aside report: its listed files, its manifest, then the folder if empty
    /// (anything else stays where it is).</summary>
    private void RemoveKelvinFiles(string folder)
    {
        var listed = OutputManifest.Read(folder);
        foreach (var f in new DirectoryInfo(folder).EnumerateFiles())
            if (f.LinkTarget is null && (listed.Contains(f.Name) || listed.Count == 0 && _ownNames.Contains(f.Name))) f.Delete();
        string manifest = Path.Combine(folder, OutputManifest.FileName);
        if (File.Exists(manifest)) File.Delete(manifest);
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
    }

    /// <summary>Removes a staging folder: only plain files (Kelvin writes no subfolders there).</summary>
    private static void RemoveStaging(string staging)
    {
        foreach (var f in new DirectoryInfo(staging).EnumerateFiles()) f.Delete();
        if (!Directory.EnumerateFileSystemEntries(staging).Any()) Directory.Delete(staging);
    }

    /// <summary>Removes the staging folder if the report was never published, and releases the lock.</summary>
    public void Dispose()
    {
        if (!_published && Directory.Exists(Staging))
        {
            try { RemoveStaging(Staging); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        _lock.Dispose();
    }
}
