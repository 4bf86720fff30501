using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Cli.Rendering;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>
/// `kelvin entropy`: every estimator of docs/theory.md §8 on a generated sample (next to the exact entropy) or
/// on a column of a CSV file (no exact value).
/// </summary>
internal static class EntropyCommand
{
    /// <summary>The generated distributions and their parameters.</summary>
    private static readonly (string Name, string Description, Func<IUnivariateDistribution> Create)[] Distributions =
    [
        ("normal", "Normal(0, 1), h = ½ ln(2πe)", () => new Normal(0, 1)),
        ("uniform", "Uniform(−1, 1), h = ln 2", () => Uniform.Symmetric(1)),
        ("laplace", "Laplace(0, b = 1), h = 1 + ln 2", () => new Laplace(0, 1)),
        ("mixed", "½·Normal(0, 1) + ½·Uniform(−1, 1) (π = 0.5, σ = 1, a = 1), h by quadrature", () => new Mixed(0.5, 1, 1)),
    ];

    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "a CSV file with a header row (use with --column)", Arity = ArgumentArity.ZeroOrOne };
        var column = new Option<string?>("--column") { Description = "the CSV column to read" };
        var dist = new Option<string?>("--dist")
        {
            Description = "generated sample (default normal): " + string.Join("; ", Distributions.Select(d => $"{d.Name} = {d.Description}")),
        };
        var n = new Option<int>("--n") { Description = "sample size of --dist (at least 2)", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "random seed of --dist", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout instead of a table" };
        var command = new Command("entropy", "Differential entropy (nats) of a sample by every estimator of docs/theory.md §8: gaussian, vasicek, ebrahimi, knn, histogram.")
        {
            file, column, dist, n, seed, json,
        };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(file);
            string? columnName = parse.GetValue(column);
            string? distName = parse.GetValue(dist);
            double[] values;
            double? exact;
            string source;
            if (path is not null)
            {
                if (distName is not null) throw new KelvinException("give either a CSV FILE or --dist, not both");
                if (string.IsNullOrWhiteSpace(columnName)) throw new KelvinException("a CSV file needs --column NAME");
                values = CsvColumn.Read(path, columnName);
                exact = null;
                source = $"{Path.GetFileName(path)}:{columnName}";
            }
            else
            {
                if (columnName is not null) throw new KelvinException("--column needs a CSV FILE");
                string name = (distName ?? "normal").Trim().ToLowerInvariant();
                var entry = Distributions.FirstOrDefault(d => d.Name == name);
                if (entry.Create is null)
                    throw new KelvinException($"unknown distribution '{distName}': expected one of {string.Join(", ", Distributions.Select(d => d.Name))}");
                int size = parse.GetValue(n);
                if (size < 2) throw new KelvinException($"--n must be at least 2 (got {size})");
                var distribution = entry.Create();
                values = distribution.Samples(new Rng(parse.GetValue(seed)), size);
                exact = distribution.Entropy;
                source = distribution.Description;
            }
            var sample = SortedSample.From(values);
            // A non-finite estimate (none is expected) travels as null / "—", never as ±∞ or NaN.
            var estimates = EntropyEstimators.All.ToDictionary(e => e.Name, e => e.Estimate(sample) is var h && double.IsFinite(h) ? h : (double?)null);
            if (parse.GetValue(json)) JsonOutput.Write(new EntropyResult(sample.Count, exact, estimates));
            else Render(source, sample, exact, estimates);
            return 0;
        });
        return command;
    }

    private static void Render(string source, SortedSample sample, double? exact, Dictionary<string, double?> estimates)
    {
        var console = StdoutConsole.Create();
        var table = new Table().Title($"entropy of {Markup.Escape(source)}, n = {sample.Count} (nats)");
        table.AddColumn("estimator").AddColumn(new TableColumn("estimate").RightAligned());
        if (exact is not null) table.AddColumn(new TableColumn("error").RightAligned());
        foreach (var (name, h) in estimates)
        {
            if (exact is double x) table.AddRow(name, StdoutConsole.Number(h), StdoutConsole.Number(h - x));
            else table.AddRow(name, StdoutConsole.Number(h));
        }
        if (exact is double e) table.AddRow("exact", StdoutConsole.Number(e), "");
        console.Write(table);
        if (sample.HasTies)
            console.WriteLine($"ties: {sample.TiedCount} values on {sample.AtomCount} atoms ({sample.TieFraction:P1}); largest atom {StdoutConsole.Number(sample.LargestAtom.Value)} ×{sample.LargestAtom.Count}; quantum {StdoutConsole.Number(sample.Quantum)}");
    }

    private sealed record EntropyResult(
        [property: JsonPropertyName("n")] int N,
        [property: JsonPropertyName("exact")] double? Exact,
        [property: JsonPropertyName("estimates")] Dictionary<string, double?> Estimates);
}
