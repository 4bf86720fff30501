using System.Globalization;
using CsvHelper;

namespace Kelvin.Data;

/// <summary>Reading one numeric column of a CSV file with a header row (CsvHelper, invariant culture).</summary>
public static class CsvColumn
{
    /// <summary>The values of column <paramref name="column"/> of <paramref name="path"/>, in row order.</summary>
    /// <exception cref="KelvinException">for a missing file, a missing column, or a cell that is empty,
    /// not a number, NaN or ±∞ (the message names the line).</exception>
    public static double[] Read(string path, string column)
    {
        if (!File.Exists(path)) throw new KelvinException($"file not found: {path}");
        var options = new CsvReaderOptions
        {
            HasHeader = true, Separator = ',', TrimWhitespace = true, SkipEmptyLines = true,
            TrackLineNumbers = true, FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, options, false);
        string[] header = csv.Headers?.ToArray() ?? [];
        if (header.Length == 0) throw new KelvinException($"{path}: empty CSV (no header row)");
        int index = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.Ordinal));
        if (index < 0) index = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        if (index < 0) throw new KelvinException($"{path}: no column '{column}' (columns: {string.Join(", ", header)})");
        var values = new List<double>();
        while (csv.Read())
        {
            long line = csv.LineNumber;
            string cell = index < csv.FieldCount ? csv.GetString(index) : "";
            if (string.IsNullOrWhiteSpace(cell)) throw new KelvinException($"{path}: line {line}, column '{column}' is empty");
            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new KelvinException($"{path}: line {line}, column '{column}': '{cell}' is not a number");
            if (!double.IsFinite(v)) throw new KelvinException($"{path}: line {line}, column '{column}' is {cell} (values must be finite)");
            values.Add(v);
        }
        return values.ToArray();
    }
}
