using System.Globalization;
using Kelvin.Data;
using Kelvin.Energy;
using Kelvin.Trajectories;

namespace Kelvin.Checkpoints;

/// <summary>
/// What a saved Kelvin network needs besides its weights to be re-evaluated: the loss (energy form
/// ℓ), the data it was trained on (<see cref="Dataset"/>: a bundled name, or a CSV path with its
/// <see cref="Target"/> column), the split seed and test fraction that rebuild the same standardized
/// training split (<see cref="DataSplit.Create"/>), the cap of the fixed evaluation set
/// (<see cref="RecordedTrainer.EvaluationSet"/>, drawn with the same seed), and, if known, the
/// evaluation energy U_D(θ) on that set. Every field is stored as a string in the safetensors
/// <c>__metadata__</c> map under the "kelvin." keys of <see cref="ToMetadata"/>.
/// </summary>
public sealed record NetworkProvenance(
    string Loss,
    string? Dataset = null,
    string? Target = null,
    ulong Seed = 1,
    double TestFraction = DataSplit.DefaultTestFraction,
    int EvaluationSize = TrainingSetup.DefaultEvaluationSize,
    double? Energy = null)
{
    /// <summary>The metadata key that marks a Kelvin network, and its value.</summary>
    public const string FormatKey = "format", FormatValue = "kelvin-mlp/1";

    /// <summary>Whether the metadata was written by <see cref="NetworkCheckpoint"/>.</summary>
    public static bool IsKelvinNetwork(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(FormatKey, out var f) && f == FormatValue;

    /// <summary>Whether the data is named, so the energy can be recomputed.</summary>
    public bool HasData => !string.IsNullOrWhiteSpace(Dataset);

    /// <summary>The loss as an energy form.</summary>
    public IEnergyForm EnergyForm => EnergyForms.Parse(Loss);

    /// <summary>Whether <see cref="Dataset"/> names data Kelvin ships (a bundled dataset or
    /// fashion-mnist). Only such data is loaded on a checkpoint's word: metadata is untrusted input,
    /// so a file path in it is never opened.</summary>
    public bool HasBundledData => HasData && DatasetCatalog.Names.Any(n => string.Equals(n, Dataset, StringComparison.OrdinalIgnoreCase));

    /// <summary>The fixed evaluation set: the training split rebuilt from the dataset and seed, capped
    /// at <see cref="EvaluationSize"/> samples exactly as during training. Only for
    /// <see cref="HasBundledData"/>, or for a CSV path equal to <paramref name="trustedData"/> (a file
    /// the user named on the command line): any other path in the metadata is refused, never opened.</summary>
    public Dataset EvaluationSet(string? trustedData = null)
    {
        if (!HasData) throw new KelvinException("the checkpoint does not name its dataset, so its energy cannot be recomputed");
        if (!HasBundledData && !SamePath(Dataset!, trustedData))
            throw new KelvinException($"the checkpoint names its data as '{Dataset}', which is not a bundled dataset; Kelvin opens only files named on the command line (--data), or give --energy-before and --energy-after");
        var split = DataSplit.Create(DatasetCatalog.Load(Dataset!, Target), Seed, TestFraction);
        return RecordedTrainer.EvaluationSet(split.Train, EvaluationSize, Seed);
    }

    private static bool SamePath(string stored, string? trusted)
    {
        if (string.IsNullOrWhiteSpace(trusted)) return false;
        try { return string.Equals(Path.GetFullPath(stored), Path.GetFullPath(trusted), StringComparison.Ordinal); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return false; }
    }

    /// <summary>The same data and loss (what makes two networks' energies comparable).</summary>
    public bool SameDataAs(NetworkProvenance other) =>
        string.Equals(Loss, other.Loss, StringComparison.OrdinalIgnoreCase) && Dataset == other.Dataset && Target == other.Target
        && Seed == other.Seed && TestFraction.Equals(other.TestFraction) && EvaluationSize == other.EvaluationSize;

    /// <summary>The "kelvin." metadata entries (numbers in invariant round-trip form).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToMetadata()
    {
        yield return new("kelvin.loss", Loss);
        if (Dataset is not null) yield return new("kelvin.dataset", Dataset);
        if (Target is not null) yield return new("kelvin.target", Target);
        yield return new("kelvin.seed", Seed.ToString(CultureInfo.InvariantCulture));
        yield return new("kelvin.test_fraction", TestFraction.ToString("R", CultureInfo.InvariantCulture));
        yield return new("kelvin.eval_size", EvaluationSize.ToString(CultureInfo.InvariantCulture));
        if (Energy is double e) yield return new("kelvin.energy", e.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the entries written by <see cref="ToMetadata"/>; a missing or malformed one is a
    /// <see cref="KelvinException"/>.</summary>
    public static NetworkProvenance FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        string Required(string key) => metadata.TryGetValue(key, out var v) ? v : throw new KelvinException($"Kelvin network metadata: '{key}' is missing");
        T Number<T>(string key, string text) where T : ISpanParsable<T> =>
            T.TryParse(text, CultureInfo.InvariantCulture, out var v) ? v : throw new KelvinException($"Kelvin network metadata: '{key}' = '{text}' is not a number");
        double? energy = metadata.TryGetValue("kelvin.energy", out var e) ? Number<double>("kelvin.energy", e) : null;
        if (energy is double x && !double.IsFinite(x)) throw new KelvinException($"Kelvin network metadata: 'kelvin.energy' = '{e}' is not finite");
        return new NetworkProvenance(
            Required("kelvin.loss"),
            metadata.GetValueOrDefault("kelvin.dataset"),
            metadata.GetValueOrDefault("kelvin.target"),
            Number<ulong>("kelvin.seed", Required("kelvin.seed")),
            Number<double>("kelvin.test_fraction", Required("kelvin.test_fraction")),
            Number<int>("kelvin.eval_size", Required("kelvin.eval_size")),
            energy);
    }
}
