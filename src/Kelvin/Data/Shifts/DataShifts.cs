namespace Kelvin.Data.Shifts;

/// <summary>The shift generators by name.</summary>
public static class DataShifts
{
    /// <summary>The generated kinds (besides "new", which takes a dataset).</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["covariate", "label", "concept", "noise"];

    /// <summary>The default size X of each kind.</summary>
    public static double DefaultSize(string kind) => kind switch
    {
        "covariate" => 0.5,
        "label" => 1.0,
        "concept" => 1.0,
        "noise" => 0.2,
        _ => 0,
    };

    /// <summary>The shift called <paramref name="kind"/> of size <paramref name="size"/> (null: the kind's default).</summary>
    public static IDataShift Create(string kind, double? size = null)
    {
        string k = kind.Trim().ToLowerInvariant();
        double x = size ?? DefaultSize(k);
        return k switch
        {
            "covariate" => new CovariateShift(x),
            "label" or "prior" => new LabelShift(x),
            "concept" => new ConceptShift(x),
            "noise" => new NoiseShift(x),
            _ => throw new KelvinException($"unknown shift '{kind}': expected covariate, label, concept or noise (or newData)", "newData"),
        };
    }
}
