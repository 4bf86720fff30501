using CsvHelper;
using Kelvin.Files;
using Kelvin.Numerics;

namespace Kelvin.Data;

/// <summary>
/// The one CSV reader behind every command (`entropy FILE`, `--data FILE.csv` in train/shift/run/engine,
/// `linear --data`): a header row, then data rows. The separator (',' ';' tab or '|') is detected from
/// the first lines; cells are trimmed; empty lines are skipped. Refused with a one-line
/// <see cref="KelvinException"/>: a file outside the <see cref="InputFile"/> policy, no header, an
/// empty or duplicate column name, a row whose cell count differs from the header's (ragged), a
/// malformed quote. Numbers are read by <see cref="InvariantNumber"/>.
/// </summary>
public sealed class CsvTable
{
    private readonly List<string[]> _rows;
    private readonly List<long> _lines;

    private CsvTable(string source, string[] header, List<string[]> rows, List<long> lines)
    {
        Source = source;
        Header = header;
        _rows = rows;
        _lines = lines;
    }

    /// <summary>The file (or name) the table came from, as messages show it.</summary>
    public string Source { get; }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    public static CsvTable Read(string path)
    {
        using var stream = InputFile.OpenRead(path, "CSV file", InputFile.CsvLimit);
        using var text = new StreamReader(stream);
        return Read(text, path);
    }

    /// <summary>Reads CSV text from <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static CsvTable Read(TextReader text, string source)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = true, Separator = null, TrimWhitespace = true, SkipEmptyLines = true,
            TrackLineNumbers = true, FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        try
        {
            using var csv = CsvReader.Create(text, options, false);
            string[] header = csv.Headers?.Select(h => h.Trim()).ToArray() ?? [];
            if (header.Length == 0) throw new KelvinException($"{source}: empty CSV (no header row)");
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string h in header)
            {
                if (h.Length == 0) throw new KelvinException($"{source}: the header has an empty column name");
                if (!seen.Add(h)) throw new KelvinException($"{source}: the header names column '{h}' twice");
            }
            var rows = new List<string[]>();
            var lines = new List<long>();
            while (csv.Read())
            {
                long line = csv.LineNumber;
                if (csv.FieldCount != header.Length)
                    throw new KelvinException($"{source}: line {line} has {csv.FieldCount} cells, the header has {header.Length}");
                var row = new string[header.Length];
                for (int j = 0; j < row.Length; j++) row[j] = (csv.GetString(j) ?? "").Trim();
                rows.Add(row);
                lines.Add(line);
            }
            return new CsvTable(source, header, rows, lines);
        }
        catch (CsvFormatException e)
        {
            throw new KelvinException($"{source}: malformed CSV ({e.Message})", e);
        }
    }

    /// <summary>The index of column <paramref name="name"/> (exact match first, then ignoring case);
    /// <paramref name="role"/> names it in the error, e.g. "target column".</summary>
    public int ColumnIndex(string name, string role = "column")
    {
        int index = Array.FindIndex(Header.ToArray(), h => string.Equals(h, name, StringComparison.Ordinal));
        if (index < 0) index = Array.FindIndex(Header.ToArray(), h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0) throw new KelvinException($"{Source}: no {role} '{name}' (columns: {string.Join(", ", Header)})");
        return index;
    }

    /// <summary>The raw (trimmed) text of row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public string Cell(int row, int column) => _rows[row][column];

    /// <summary>The 1-based line of the file that holds data row <paramref name="row"/>.</summary>
    public long Line(int row) => _lines[row];

    /// <summary>Cell (<paramref name="row"/>, <paramref name="column"/>) as a finite number; an empty,
    /// non-numeric or non-finite cell is a <see cref="KelvinException"/> naming its line and column.</summary>
    public double Number(int row, int column)
    {
        string cell = _rows[row][column];
        if (InvariantNumber.TryParse<double>(cell, out double v, out string why)) return v;
        throw new KelvinException($"{Source}: line {_lines[row]}, column '{Header[column]}': '{cell}' {why}");
    }

    /// <summary>Every value of column <paramref name="column"/> as numbers (<see cref="Number"/>).</summary>
    public double[] Column(int column)
    {
        var values = new double[RowCount];
        for (int i = 0; i < values.Length; i++) values[i] = Number(i, column);
        return values;
    }
}
