namespace Kelvin.Thermodynamics;

/// <summary>How a state's entropy is estimated from its samples (docs/theory.md §2).</summary>
public enum EntropyView
{
    /// <summary>One-particle (mean-field) view: S_l = n_l · h(pooled weights of layer l over all samples).
    /// Works from a single run; exact for i.i.d. weights. Name "particle".</summary>
    Particle,
    /// <summary>Ensemble (Gibbs) view, marginals: S_l = Σ_{j in l} h(parameter j across the N samples).
    /// Needs N ≥ 32. Name "ensemble".</summary>
    Ensemble,
    /// <summary>Ensemble view treating the state as Gaussian: S_l = ½ ln det(2πe C_l), C_l the sample
    /// covariance of layer l's parameters (needs N &gt; n_l; meant for small layers). Name "gaussian".</summary>
    EnsembleGaussian,
    /// <summary>Thermal view: the width of one run's SGD cloud around the minimum it reached. With
    /// v_j the variance of parameter j over M thinned late iterates of that run,
    /// S_l = Σ_{j in l} ½ ln(2πe·v_j) (a diagonal Gaussian: an upper bound on the cloud's joint
    /// Gaussian entropy, exact when the stationary covariance is diagonal; docs/theory.md §2). The window
    /// (steps, thinning) belongs with the number. Name "thermal".</summary>
    Thermal,
}

/// <summary>The CLI/JSON names of <see cref="EntropyView"/>.</summary>
public static class EntropyViews
{
    /// <summary>The minimum number of samples per parameter of the ensemble view (docs/theory.md §2).</summary>
    public const int MinimumEnsembleSize = 32;

    /// <summary>The minimum number of members of a network's ensemble view (per-weight variance across
    /// members; docs/theory.md §2 asks for K ≥ 4 for a standard error across members).</summary>
    public const int MinimumNetworkEnsembleMembers = 4;

    /// <summary>The minimum number of late iterates per run of the thermal view.</summary>
    public const int MinimumThermalIterates = 4;

    /// <summary>"particle", "ensemble", "gaussian" or "thermal".</summary>
    public static string Name(this EntropyView view) => view switch
    {
        EntropyView.Particle => "particle",
        EntropyView.Ensemble => "ensemble",
        EntropyView.EnsembleGaussian => "gaussian",
        EntropyView.Thermal => "thermal",
        _ => throw new ArgumentOutOfRangeException(nameof(view)),
    };

    /// <summary>The view called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="KelvinException">for an unknown name.</exception>
    public static EntropyView Parse(string name) =>
        Enum.GetValues<EntropyView>().Cast<EntropyView?>().FirstOrDefault(v => string.Equals(v!.Value.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new KelvinException($"unknown entropy view '{name}': expected particle, ensemble, thermal or gaussian");
}
