using System.Globalization;

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
    /// <exception cref="KelvinException">a file outside the input policy, a missing target column, a
    /// non-numeric or non-finite cell (naming its line and column), a ragged row, a duplicate column
    /// name, or no data rows (see <see cref="CsvTable"/>).</exception>
    public static Dataset Read(string path, string target, TaskKind? task = null, string? name = null) =>
        FromTable(CsvTable.Read(path), target, task, name ?? Path.GetFileNameWithoutExtension(path));

    /// <summary>Reads CSV text from <paramref name="text"/> (see <see cref="Read(string, string, TaskKind?, string?)"/>).</summary>
    public static Dataset Read(TextReader text, string target, TaskKind? task, string name, string? source = null) =>
        FromTable(CsvTable.Read(text, source ?? name), target, task, name);

    private static Dataset FromTable(CsvTable table, string target, TaskKind? task, string name)
    {
        string source = table.Source;
        int targetColumn = table.ColumnIndex(target, "target column");
        int columns = table.Header.Count;
        if (columns < 2) throw new KelvinException($"{source}: needs at least one feature column besides the target '{target}'");
        int n = table.RowCount;
        if (n == 0) throw new KelvinException($"{source}: no data rows");
        int d = columns - 1;
        var features = new float[(long)n * d];
        var targets = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0, f = 0; j < columns; j++)
            {
                double v = table.Number(i, j);
                if (Math.Abs(v) > float.MaxValue)
                    throw new KelvinException($"{source}: line {table.Line(i)}, column '{table.Header[j]}': {table.Cell(i, j)} is not a finite float32 number");
                if (j == targetColumn) targets[i] = v; else features[(long)i * d + f++] = (float)v;
            }
        var featureNames = table.Header.Where((_, j) => j != targetColumn).ToList();
        return Build(name, features, n, d, targets, task, featureNames);
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
