namespace Kelvin.Thermodynamics;

/// <summary>Where a temperature's standard error comes from (docs/theory.md §2, "Uncertainty").</summary>
public enum UncertaintyMethod
{
    /// <summary>No standard error: a single value (an analytic result, or one run not resampled).</summary>
    None,
    /// <summary>Across K ≥ 2 independent members (runs with their own seeds): the delete-one jackknife
    /// of the ratio of mean changes; intervals use Student's t with K − 1 degrees of freedom.
    /// docs/theory.md recommends K ≥ 4. Name "members".</summary>
    Members,
    /// <summary>By a bootstrap of one run (resampling what the run is made of, e.g. the weights of a
    /// layer and the evaluation samples); intervals by percentiles of the replicates. Name "bootstrap".</summary>
    Bootstrap,
}

/// <summary>The JSON/table names of <see cref="UncertaintyMethod"/>.</summary>
public static class UncertaintyMethods
{
    /// <summary>"none", "members" or "bootstrap".</summary>
    public static string Name(this UncertaintyMethod method) => method switch
    {
        UncertaintyMethod.None => "none",
        UncertaintyMethod.Members => "members",
        UncertaintyMethod.Bootstrap => "bootstrap",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
