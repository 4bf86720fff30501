namespace Kelvin.Linear;

/// <summary>
/// How the simulation samples the states (docs/theory.md §2, §4): K ensemble members (K sampled
/// initializations; K independent SGD runs), each SGD run <see cref="Steps"/> steps long, of which the
/// last half is sampled at <see cref="LateIterates"/> evenly spaced times (the first half is burn-in).
/// </summary>
/// <param name="Ensemble">K ≥ 2 (≥ 32 for the ensemble view).</param>
/// <param name="Steps">T, or null for automatic: 40 relaxation times 1/(η λ_min(H)), at least 2000, at most 2·10⁶.</param>
/// <param name="LateIterates">M iterates per run.</param>
/// <param name="Seed">the seed; member k draws from stream k only.</param>
/// <param name="InitialEntropyEstimator">the 1-D estimator of the pooled initial weights.</param>
/// <param name="MaxDegreeOfParallelism">threads (−1: all); results do not depend on it.</param>
public sealed record SimulationSetting(int Ensemble = 64, int? Steps = null, int LateIterates = 32, ulong Seed = 1,
                                       string InitialEntropyEstimator = "ebrahimi", int MaxDegreeOfParallelism = -1)
{
    /// <summary>Largest automatic step count.</summary>
    public const int MaxAutoSteps = 2_000_000;

    /// <summary>Checks the counts.</summary>
    public void Validate()
    {
        if (Ensemble < 2) throw new KelvinException($"Ensemble must be at least 2 (got {Ensemble})", nameof(Ensemble));
        if (Steps is int t && t < 2) throw new KelvinException($"Steps must be at least 2 (got {t})", nameof(Steps));
        if (LateIterates < 1) throw new KelvinException($"late iterates must be at least 1 (got {LateIterates})");
        if (Steps is int s && LateIterates > s / 2) throw new KelvinException($"Steps {s} is too short for {LateIterates} late iterates", nameof(Steps));
    }

    /// <summary>Relaxation times between the late iterates the thermal view reads (automatic step count):
    /// the slowest mode's autocorrelation between them is e^(−3) ≈ 0.05.</summary>
    public const double ThermalThinning = 3;

    /// <summary>T for a run whose slowest mode has curvature <paramref name="lambdaMin"/>: 40 relaxation
    /// times τ = 1/(ηλ_min), and at least 2·M·<paramref name="thinning"/>·τ so that the M late iterates of the
    /// second half are <paramref name="thinning"/> relaxation times apart.</summary>
    public int StepsFor(double eta, double lambdaMin, double thinning = 0)
    {
        if (Steps is int t) return t;
        double tau = 1.0 / (eta * lambdaMin);
        double auto = Math.Max(2000, Math.Max(Math.Max(40, 2 * LateIterates * thinning) * tau, 4.0 * LateIterates));
        return (int)Math.Min(MaxAutoSteps, Math.Ceiling(auto));
    }
}
