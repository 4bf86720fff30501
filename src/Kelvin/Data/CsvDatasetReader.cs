using System.Globalization;
using CsvHelper;

namespace Kelvin.Data;

/// <summary>
/// Reads a dataset from a CSV file with a header row: every column except the target is a numeric
/// feature; the target column is numeric too. A classification target holds integer labels (mapped,
/// in increasing order, to classes 0..C−1, one-hot targets); a regression target any real number.
/// </summary>
public static class CsvDatasetReader
{
    /// <summary>The largest number of distinct integer target values read as classes by
    /// <see cref="TaskKind"/> detection (more, or any non-integer value, means regression).</summary>
    public const int MaxDetectedClasses = 20;

    /// <summary>Reads <paramref name="path"/>; <paramref name="task"/> null detects it: integer
    /// targets with at most <see cref="MaxDetectedClasses"/> distinct values are classes.</summary>
    /// <exception cref="KelvinException">a missing file or target column, a non-numeric or
    /// non-finite cell (naming its row and column), a ragged row, or no data rows.</exception>
    public static Dataset Read(string path, string target, TaskKind? task = null, string? name = null)
    {
        if (!File.Exists(path)) throw new KelvinException($"CSV file not found: {path}");
        using var reader = new StreamReader(path);
        return Read(reader, target, task, name ?? Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Reads CSV text from <paramref name="text"/> (see <see cref="Read(string, string, TaskKind?, string?)"/>).</summary>
    public static Dataset Read(TextReader text, string target, TaskKind? task, string name, string? source = null)
    {
        source ??= name;
        var options = new CsvReaderOptions
        {
            HasHeader = true, Separator = ',', TrimWhitespace = true, SkipEmptyLines = true,
            TrackLineNumbers = true, FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.Create(text, options, false);
        string[] header = csv.Headers?.ToArray() ?? [];
        if (header.Length == 0) throw new KelvinException($"{source}: empty CSV (no header row)");
        int targetColumn = Array.FindIndex(header, h => string.Equals(h, target, StringComparison.Ordinal));
        if (targetColumn < 0) targetColumn = Array.FindIndex(header, h => string.Equals(h, target, StringComparison.OrdinalIgnoreCase));
        if (targetColumn < 0) throw new KelvinException($"{source}: no target column '{target}' (columns: {string.Join(", ", header)})");
        if (header.Length < 2) throw new KelvinException($"{source}: needs at least one feature column besides the target '{target}'");

        int d = header.Length - 1;
        var features = new List<float>();
        var targets = new List<double>();
        while (csv.Read())
        {
            long line = csv.LineNumber; // 1-based line in the file, the header being line 1
            if (csv.FieldCount != header.Length)
                throw new KelvinException($"{source}: line {line} has {csv.FieldCount} cells, the header has {header.Length}");
            for (int j = 0; j < header.Length; j++)
            {
                double v = Parse(csv.GetString(j), source, line, header[j]);
                if (j == targetColumn) targets.Add(v); else features.Add((float)v);
            }
        }
        int n = targets.Count;
        if (n == 0) throw new KelvinException($"{source}: no data rows");
        var featureNames = header.Where((_, j) => j != targetColumn).ToList();
        return Build(name, features.ToArray(), n, d, targets.ToArray(), task, featureNames);
    }

    private static double Parse(string cell, string source, long line, string column)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new KelvinException($"{source}: line {line}, column '{column}': '{cell}' is not a number");
        if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
            throw new KelvinException($"{source}: line {line}, column '{column}': {cell} is not a finite float32 number");
        return v;
    }

    /// <summary>A dataset from features and raw target values, as a classification (integer targets,
    /// mapped to 0..C−1 in increasing order) or regression problem.</summary>
    public static Dataset Build(string name, float[] features, int n, int d, double[] targets, TaskKind? task, IReadOnlyList<string> featureNames)
    {
        var distinct = targets.Distinct().Order().ToArray();
        bool integral = targets.All(t => t == Math.Round(t));
        TaskKind kind = task ?? (integral && distinct.Length <= MaxDetectedClasses ? TaskKind.Classification : TaskKind.Regression);
        if (kind == TaskKind.Regression)
            return new Dataset(name, TaskKind.Regression, features, n, d, targets.Select(t => (float)t).ToArray(), 1, featureNames: featureNames);
        if (!integral) throw new KelvinException($"dataset '{name}': a classification target needs integer labels (found {targets.First(t => t != Math.Round(t))})");
        if (distinct.Length < 2) throw new KelvinException($"dataset '{name}': a classification target needs at least two classes (found {distinct.Length})");
        var index = distinct.Select((v, c) => (v, c)).ToDictionary(p => p.v, p => p.c);
        var labels = targets.Select(t => index[t]).ToArray();
        var classNames = distinct.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
        return Dataset.Classification(name, features, n, d, labels, distinct.Length, featureNames, classNames);
    }
}
