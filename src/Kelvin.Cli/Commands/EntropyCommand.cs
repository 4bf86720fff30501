using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin entropy`: every estimator on a generated sample, next to the exact value.</summary>
internal static class EntropyCommand
{
    public static Command Create()
    {
        var dist = new Option<string>("--dist") { Description = "normal|uniform|laplace|mixed", DefaultValueFactory = _ => "normal" };
        var n = new Option<int>("--n") { Description = "sample size", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var command = new Command("entropy", "Differential entropy of a sample by every estimator of THEORY §8.") { dist, n, seed, json };
        command.SetAction(parse =>
        {
            IUnivariateDistribution d = parse.GetValue(dist) switch
            {
                "normal" => new Normal(0, 1),
                "uniform" => Uniform.Symmetric(1),
                "laplace" => new Laplace(0, 1),
                "mixed" => new Mixed(0.5, 1, 1),
                var other => throw new KelvinException($"unknown distribution '{other}'"),
            };
            int size = parse.GetValue(n);
            if (size < 2) throw new KelvinException($"--n must be at least 2 (got {size})");
            var sample = SortedSample.From(d.Samples(new Rng(parse.GetValue(seed)), size));
            var result = new EntropyResult(size, d.Entropy, EntropyEstimators.All.ToDictionary(e => e.Name, e => e.Estimate(sample)));
            JsonOutput.Write(result);
            return 0;
        });
        return command;
    }

    private sealed record EntropyResult(
        [property: JsonPropertyName("n")] int N,
        [property: JsonPropertyName("exact")] double? Exact,
        [property: JsonPropertyName("estimates")] Dictionary<string, double> Estimates);
}
