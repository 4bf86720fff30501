namespace Kelvin.Data;

/// <summary>
/// Resolves what a user names as data: a bundled dataset (<see cref="BundledDatasets"/>),
/// "fashion-mnist" (<see cref="FashionMnist"/>, training part), or a CSV file path with a target column.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Every name accepted besides a file path.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. BundledDatasets.All.Select(e => e.Name), "fashion-mnist"];

    /// <summary>Loads <paramref name="spec"/>: a bundled name, "fashion-mnist", or a path to a CSV
    /// file (then <paramref name="target"/> names the target column, default "target").</summary>
    public static Dataset Load(string spec, string? target = null, TaskKind? task = null)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new KelvinException("no dataset given");
        if (BundledDatasets.Find(spec) is not null)
        {
            if (target is not null && target != "target") throw new KelvinException($"target applies to CSV files; the bundled dataset '{spec}' has its own target", "target");
            return BundledDatasets.Load(spec);
        }
        if (string.Equals(spec, "fashion-mnist", StringComparison.OrdinalIgnoreCase)) return FashionMnist.Load(train: true);
        if (spec.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || File.Exists(spec) || Directory.Exists(spec))
            return CsvDatasetReader.Read(spec, target ?? "target", task);
        throw new KelvinException($"unknown dataset '{spec}': expected one of {string.Join(", ", Names)} or a CSV file");
    }
}
