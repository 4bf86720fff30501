using Kelvin.Randomness;

namespace Kelvin.Data.Shifts;

/// <summary>
/// The shift to a second dataset given as is (e.g. another CSV file with the same columns): D2
/// replaces D1. It must have D1's feature count and outputs; it is used as given (standardize it
/// with D1's standardizer first, so that features keep their meaning).
/// </summary>
public sealed class NewDataShift(Dataset replacement) : IDataShift
{
    /// <summary>D2.</summary>
    public Dataset Replacement { get; } = replacement;

    /// <inheritdoc/>
    public string Kind => "new";

    /// <inheritdoc/>
    public Dataset Apply(Dataset data, Rng rng)
    {
        if (Replacement.FeatureCount != data.FeatureCount || Replacement.Outputs != data.Outputs || Replacement.Task != data.Task)
            throw new KelvinException($"the new data '{Replacement.Name}' ({Replacement.FeatureCount} features, {Replacement.Outputs} outputs, {Replacement.Task}) does not match '{data.Name}' ({data.FeatureCount} features, {data.Outputs} outputs, {data.Task})");
        return Replacement;
    }
}
