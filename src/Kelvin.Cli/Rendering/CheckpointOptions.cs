using System.CommandLine;
using Kelvin.Checkpoints;
using Kelvin.Entropy;

namespace Kelvin.Cli.Rendering;

/// <summary>The options shared by `kelvin compare` and `kelvin inspect`: the entropy estimator and
/// the --include/--exclude globs that override the weight/bias rule; and --json.</summary>
internal sealed class CheckpointOptions
{
    public Option<string> Estimator { get; } = new("--estimator") { Description = "entropy estimator h (docs/theory.md §8)", DefaultValueFactory = _ => "vasicek" };
    public Option<string[]> Include { get; } = new("--include") { Description = "glob (* ?) of tensor names to count as weights; repeatable", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "glob of tensor names to leave out of the entropy (wins over --include); repeatable", AllowMultipleArgumentsPerToken = true };
    public Option<bool> Json { get; } = new("--json") { Description = "JSON on stdout" };

    public void AddTo(Command command)
    {
        command.Options.Add(Estimator);
        command.Options.Add(Include);
        command.Options.Add(Exclude);
        command.Options.Add(Json);
    }

    public IEntropyEstimator EstimatorOf(ParseResult parse) => EntropyEstimators.Parse(parse.GetValue(Estimator)!);

    public ParameterSelection SelectionOf(ParseResult parse) =>
        new(parse.GetValue(Include) ?? [], parse.GetValue(Exclude) ?? []);
}
