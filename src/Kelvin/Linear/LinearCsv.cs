using System.Globalization;
using Kelvin.Data;
using Kelvin.Numerics;

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
        var table = CsvTable.Read(path);
        string[] header = [.. table.Header];
        int targetIndex = table.ColumnIndex(target);
        if (header.Length < 2) throw new KelvinException($"{path}: no feature columns besides '{target}'");
        if (header.Length - 1 > LinearData.MaxDimension)
            throw new KelvinException($"{path}: {header.Length - 1} feature columns; the linear theory works with d × d matrices (limit d ≤ {LinearData.MaxDimension})");
        var features = new List<double>();
        var labels = new List<string>();
        for (int i = 0; i < table.RowCount; i++)
            for (int c = 0; c < header.Length; c++)
            {
                if (c == targetIndex) labels.Add(table.Cell(i, c));
                else features.Add(table.Number(i, c));
            }
        int d = header.Length - 1;
        int n = labels.Count;
        if (n < 2) throw new KelvinException($"{path}: needs at least 2 data rows (got {n})");
        var x = features.ToArray();
        Standardize(x, n, d, header.Where((_, c) => c != targetIndex).ToArray(), path);
        var y = task == LinearTask.Regression ? table.Column(targetIndex) : ClassTargets(labels, header[targetIndex], path);
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

    private static double[] ClassTargets(List<string> cells, string name, string path)
    {
        var classes = cells.Distinct().ToList();
        if (classes.Count != 2) throw new KelvinException($"{path}: column '{name}' has {classes.Count} distinct values; binary ce needs exactly 2");
        bool numeric = classes.All(c => InvariantNumber.TryParse<double>(c, out _, out _));
        classes.Sort((a, b) => numeric
            ? double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture))
            : string.CompareOrdinal(a, b));
        return cells.Select(c => c == classes[0] ? -1.0 : 1.0).ToArray();
    }
}
