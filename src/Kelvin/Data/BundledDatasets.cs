namespace Kelvin.Data;

/// <summary>
/// The datasets bundled under data/ (see data/PROVENANCE.md): the classic small problems shipped
/// with scikit-learn, as CSV with a header and a `target` column. They are embedded in the
/// Kelvin.Core assembly (resources "Kelvin.Data.NAME.csv"), so they load from a NuGet package as from
/// a checkout; the environment variable KELVIN_DATA names a folder to read them from instead.
/// </summary>
public static class BundledDatasets
{
    /// <summary>One bundled dataset: its name, task and class names.</summary>
    public sealed record Entry(string Name, TaskKind Task, string Description, IReadOnlyList<string>? ClassNames = null);

    /// <summary>Every bundled dataset.</summary>
    public static IReadOnlyList<Entry> All { get; } =
    [
        new("iris", TaskKind.Classification, "150 irises, 4 measurements, 3 species", ["setosa", "versicolor", "virginica"]),
        new("wine", TaskKind.Classification, "178 wines, 13 chemical measurements, 3 cultivars", ["class_0", "class_1", "class_2"]),
        new("breast_cancer", TaskKind.Classification, "569 tumours, 30 cell-nucleus features, malignant/benign", ["malignant", "benign"]),
        new("digits", TaskKind.Classification, "1797 handwritten digits, 8×8 pixel counts 0..16, 10 classes", Enumerable.Range(0, 10).Select(i => i.ToString()).ToList()),
        new("diabetes", TaskKind.Regression, "442 patients, 10 baseline variables, disease progression after one year"),
        new("fashion_mnist_1k", TaskKind.Classification, "1000 Fashion-MNIST images (100 per class), 28×28 pixels 0..255, 10 kinds of clothing", FashionMnist.ClassNames),
    ];

    /// <summary>The bundled dataset called <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads the bundled dataset called <paramref name="name"/>.</summary>
    public static Dataset Load(string name)
    {
        var entry = Find(name) ?? throw new KelvinException($"unknown dataset '{name}': expected one of {string.Join(", ", All.Select(e => e.Name))}, fashion-mnist or a CSV file");
        var data = Read(entry);
        if (entry.ClassNames is { } names && data.Task == TaskKind.Classification)
            data = new Dataset(data.Name, data.Task, data.Features, data.Count, data.FeatureCount, data.Targets, data.Outputs, data.Labels, data.FeatureNames, names);
        return data;
    }

    private static Dataset Read(Entry entry)
    {
        string file = entry.Name + ".csv";
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("KELVIN_DATA")))
            return CsvDatasetReader.Read(Path.Combine(DataDirectory.Locate(), file), "target", entry.Task, entry.Name);
        using var stream = typeof(BundledDatasets).Assembly.GetManifestResourceStream("Kelvin.Data." + file)
            ?? throw new KelvinException($"the bundled dataset '{entry.Name}' is missing from {typeof(BundledDatasets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return CsvDatasetReader.Read(reader, "target", entry.Task, entry.Name, file);
    }
}
