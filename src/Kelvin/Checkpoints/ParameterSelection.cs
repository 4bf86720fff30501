using System.Text.RegularExpressions;

namespace Kelvin.Checkpoints;

/// <summary>
/// Decides which tensors count as weights. The default rule: rank ≥ 2 is a weight unless the name
/// marks a bias or a normalization parameter (a name part "bias", anything with "norm", a part
/// "bn"/"ln" optionally followed by digits, or "running_"); rank 0 and 1 are biases/norms.
/// <c>--include</c> glob patterns (* and ?, over the whole name) force a tensor in; <c>--exclude</c>
/// patterns force it out and win over includes.
/// </summary>
public sealed partial class ParameterSelection
{
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    /// <summary>The default rule with no overrides.</summary>
    public static ParameterSelection Default { get; } = new([], []);

    /// <summary>The default rule overridden by <paramref name="include"/> and <paramref name="exclude"/> globs.</summary>
    public ParameterSelection(IEnumerable<string> include, IEnumerable<string> exclude)
    {
        Include = [.. include];
        Exclude = [.. exclude];
        _include = [.. Include.Select(Glob)];
        _exclude = [.. Exclude.Select(Glob)];
    }

    /// <summary>The --include patterns.</summary>
    public IReadOnlyList<string> Include { get; }
    /// <summary>The --exclude patterns.</summary>
    public IReadOnlyList<string> Exclude { get; }

    /// <summary>The role of <paramref name="tensor"/> and why.</summary>
    public TensorClassification Classify(CheckpointTensor tensor)
    {
        for (int i = 0; i < _exclude.Length; i++)
            if (_exclude[i].IsMatch(tensor.Name)) return new(TensorRole.BiasOrNorm, $"--exclude {Exclude[i]}");
        for (int i = 0; i < _include.Length; i++)
            if (_include[i].IsMatch(tensor.Name)) return new(TensorRole.Weight, $"--include {Include[i]}");
        if (tensor.Rank < 2) return new(TensorRole.BiasOrNorm, $"rank {tensor.Rank}");
        if (NameMarker(tensor.Name) is string marker) return new(TensorRole.BiasOrNorm, $"name has '{marker}'");
        return new(TensorRole.Weight, $"rank {tensor.Rank}");
    }

    /// <summary>The weights of <paramref name="checkpoint"/>, in file order.</summary>
    public IReadOnlyList<CheckpointTensor> Weights(CheckpointFile checkpoint) =>
        [.. checkpoint.Tensors.Where(t => Classify(t).IsWeight)];

    [GeneratedRegex(@"^(bn|ln)\d*$")]
    private static partial Regex NormPart();

    private static string? NameMarker(string name)
    {
        string lower = name.ToLowerInvariant();
        if (lower.Contains("running_")) return "running_";
        if (lower.Contains("norm")) return "norm";
        foreach (var part in lower.Split('.', '/', ':', '-', '_'))
        {
            if (part == "bias") return "bias";
            if (NormPart().IsMatch(part)) return part;
        }
        return lower.Contains("bias") ? "bias" : null;
    }

    private static Regex Glob(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) throw new KelvinException("an empty include/exclude pattern", "include/exclude");
        string regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
        return new Regex(regex, RegexOptions.CultureInvariant);
    }
}
