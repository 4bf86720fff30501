using Kelvin.Randomness;

namespace Kelvin.Data.Shifts;

/// <summary>
/// A distribution shift D1 → D2 (docs/theory.md §4, the Type II state): a seeded transformation of a dataset
/// (standardized features expected) into the data the trained model now faces.
/// </summary>
public interface IDataShift
{
    /// <summary>"covariate", "label", "concept", "noise" or "new".</summary>
    string Kind { get; }

    /// <summary>D2 from D1, drawing from <paramref name="rng"/> only.</summary>
    Dataset Apply(Dataset data, Rng rng);
}
