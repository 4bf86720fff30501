using System.Globalization;
using CsvHelper;

namespace Kelvin.Linear;

/// <summary>
/// Empirical linear-model data from a CSV file with a header row: one target column, every other
/// column a numeric feature, standardized to mean 0 and variance 1 (a constant column is an error).
/// Regression targets are used as they are; classification targets must take exactly two values,
/// mapped to −1 (the smaller, numerically or alphabetically) and +1.
/// </summary>
public static class LinearCsv
{
    /// <summary>Reads <paramref name="path"/>; bad cells give a <see cref="KelvinException"/> naming row and column.</summary>
    public static LinearData Load(string path, string target, LinearTask task)
    {
        if (!File.Exists(path)) throw new KelvinException($"data file not found: {path}");
        var features = new List<double>();
        var labels = new List<string>();
        string[] header;
        int targetIndex;
        try
        {
            using var csv = CsvReader.FromFile(path, null);
            header = csv.Headers.Select(h => h.Trim()).ToArray();
            if (header.Length == 0) throw new KelvinException($"{path}: no header row");
            targetIndex = Array.FindIndex(header, h => string.Equals(h, target, StringComparison.OrdinalIgnoreCase));
            if (targetIndex < 0) throw new KelvinException($"{path}: no column '{target}' (columns: {string.Join(", ", header)})");
            if (header.Length < 2) throw new KelvinException($"{path}: no feature columns besides '{target}'");
            int row = 1;
            while (csv.Read())
            {
                row++;
                if (csv.FieldCount != header.Length) throw new KelvinException($"{path}: row {row} has {csv.FieldCount} cells, the header has {header.Length}");
                for (int c = 0; c < header.Length; c++)
                {
                    string cell = (csv.GetString(c) ?? "").Trim();
                    if (c == targetIndex) { labels.Add(cell); continue; }
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                        throw new KelvinException($"{path}: row {row}, column '{header[c]}': '{cell}' is not a finite number");
                    features.Add(v);
                }
            }
        }
        catch (CsvFormatException e) { throw new KelvinException($"{path}: malformed CSV ({e.Message})", e); }
        int d = header.Length - 1;
        int n = labels.Count;
        if (n < 2) throw new KelvinException($"{path}: needs at least 2 data rows (got {n})");
        var x = features.ToArray();
        Standardize(x, n, d, header.Where((_, c) => c != targetIndex).ToArray(), path);
        var y = task == LinearTask.Regression ? RegressionTargets(labels, header[targetIndex], path) : ClassTargets(labels, header[targetIndex], path);
        return new LinearData(Path.GetFileName(path), task, x, y, d);
    }

    private static void Standardize(double[] x, int n, int d, string[] names, string path)
    {
        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x[i * d + j];
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) ss += (x[i * d + j] - mean) * (x[i * d + j] - mean);
            double sd = Math.Sqrt(ss / (n - 1));
            if (!(sd > 0)) throw new KelvinException($"{path}: column '{names[j]}' is constant and cannot be standardized");
            for (int i = 0; i < n; i++) x[i * d + j] = (x[i * d + j] - mean) / sd;
        }
    }

    private static double[] RegressionTargets(List<string> cells, string name, string path)
    {
        var y = new double[cells.Count];
        for (int i = 0; i < y.Length; i++)
            if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out y[i]) || !double.IsFinite(y[i]))
                throw new KelvinException($"{path}: row {i + 2}, column '{name}': '{cells[i]}' is not a finite number");
        return y;
    }

    private static double[] ClassTargets(List<string> cells, string name, string path)
    {
        var classes = cells.Distinct().ToList();
        if (classes.Count != 2) throw new KelvinException($"{path}: column '{name}' has {classes.Count} distinct values; binary ce needs exactly 2");
        bool numeric = classes.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        classes.Sort((a, b) => numeric
            ? double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture))
            : string.CompareOrdinal(a, b));
        return cells.Select(c => c == classes[0] ? -1.0 : 1.0).ToArray();
    }
}
