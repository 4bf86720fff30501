namespace Kelvin.Studies;

/// <summary>
/// A study's results folder, shared by every process that works on it: design.json (written once;
/// a rerun with a different design is refused), cells/KEY.json (one file per finished cell, written
/// to a temporary name and renamed into place, so a reader never sees half a cell and a killed
/// process leaves at most a temporary file), and the merged report files.
/// </summary>
public sealed class StudyFolder
{
    private StudyFolder(string root, StudyDesign design)
    {
        Root = root;
        Design = design;
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>The design the folder holds.</summary>
    public StudyDesign Design { get; }

    /// <summary>The design file's name.</summary>
    public const string DesignFile = "design.json";

    /// <summary>Where the cells go.</summary>
    public string CellsDirectory => Path.Combine(Root, "cells");

    /// <summary>Opens (creating it if needed) the folder for <paramref name="design"/>: writes
    /// design.json the first time, and refuses a folder that holds another design.</summary>
    public static StudyFolder Open(string root, StudyDesign design)
    {
        string text = StudyDesignFile.Canonical(design);
        string path = Path.Combine(root, DesignFile);
        try
        {
            if (File.Exists(root)) throw new KelvinException($"--out '{root}' is a file, not a folder");
            Directory.CreateDirectory(Path.Combine(root, "cells"));
            if (File.Exists(path))
            {
                if (File.ReadAllText(path) != text)
                    throw new KelvinException($"'{root}' holds another study design ({DesignFile} differs): choose a new --out folder");
            }
            else WriteAtomically(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KelvinException($"cannot use the study folder '{root}': {e.Message}");
        }
        return new StudyFolder(root, design);
    }

    /// <summary>Opens an existing folder from its design.json (for `kelvin study report DIR`).</summary>
    public static StudyFolder Existing(string root)
    {
        string path = Path.Combine(root, DesignFile);
        if (!File.Exists(path)) throw new KelvinException($"'{root}' is not a study folder (no {DesignFile})");
        return new StudyFolder(root, StudyDesignFile.Parse(File.ReadAllText(path), yaml: false, "study"));
    }

    /// <summary>The file of the cell with <paramref name="key"/>.</summary>
    public string CellPath(string key) => Path.Combine(CellsDirectory, key + ".json");

    /// <summary>True when the cell's result is in the folder.</summary>
    public bool IsDone(StudyCell cell) => File.Exists(CellPath(cell.Key));

    /// <summary>Writes a finished cell (temporary file, then rename).</summary>
    public void Write(CellResult result) => WriteAtomically(CellPath(result.Key), result.ToJson());

    /// <summary>The result of <paramref name="cell"/>, or null when it is not done.</summary>
    public CellResult? Read(StudyCell cell)
    {
        string path = CellPath(cell.Key);
        if (!File.Exists(path)) return null;
        var r = CellResult.FromJson(File.ReadAllText(path), path);
        if (r.Key != cell.Key) throw new KelvinException($"{path}: holds cell {r.Key}, not {cell.Key}");
        return r;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> by a uniquely named temporary
    /// sibling and a rename (atomic on one file system).</summary>
    public static void WriteAtomically(string path, string text)
    {
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
