namespace Kelvin.Data;

/// <summary>Reading one numeric column of a CSV file with a header row (<see cref="CsvTable"/>).</summary>
public static class CsvColumn
{
    /// <summary>The values of column <paramref name="column"/> of <paramref name="path"/>, in row order.</summary>
    /// <exception cref="KelvinException">for a file outside the input policy, a missing column, or a
    /// cell that is empty, not a number, NaN or ±∞ (the message names the line); see <see cref="CsvTable"/>.</exception>
    public static double[] Read(string path, string column)
    {
        var table = CsvTable.Read(path);
        return table.Column(table.ColumnIndex(column));
    }
}
