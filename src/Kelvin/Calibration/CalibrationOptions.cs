using Kelvin.Entropy;

namespace Kelvin.Calibration;

/// <summary>
/// The settings of the Boltzmann calibration (docs/theory.md §2, §10). The Langevin step is
/// η = <paramref name="StepFraction"/>/λ_max for every potential (λ_max: the stiffest eigenvalue of the
/// quadratic's H; for the anharmonic potentials the same number sets the step in their units).
/// </summary>
/// <param name="Dimension">d, the number of parameters (default 20).</param>
/// <param name="T1">The colder temperature (default 0.5).</param>
/// <param name="T2">The hotter temperature (default 2).</param>
/// <param name="Seed">The seed of the rotation of H and of every chain.</param>
/// <param name="LambdaMin">The smallest eigenvalue of H (also sets the burn-in).</param>
/// <param name="LambdaMax">The largest eigenvalue of H.</param>
/// <param name="StepFraction">η·λ_max.</param>
/// <param name="Chains">Parallel chains per temperature and seed (each its own random stream).</param>
/// <param name="SamplesPerChain">Kept samples per chain.</param>
/// <param name="Thinning">Steps between kept samples.</param>
/// <param name="BurnInRelaxations">Burn-in, in relaxation times 1/(ηλ_min).</param>
/// <param name="Potential">quadratic (unadjusted Langevin), double-well or quartic (MALA).</param>
/// <param name="Estimator">The one-dimensional entropy estimator of the anharmonic calibrations
/// (ensemble view, Σᵢ h(θᵢ)); the quadratic uses ½ ln det(2πe Ĉ) and ignores it.</param>
/// <param name="Seeds">Independent repetitions (chain seeds) whose spread is reported (default 4).</param>
public sealed record CalibrationOptions(
    int Dimension = 20, double T1 = 0.5, double T2 = 2.0, ulong Seed = 1,
    double LambdaMin = 0.5, double LambdaMax = 5.0, double StepFraction = 0.1,
    int Chains = 8, int SamplesPerChain = 6000, int Thinning = 10, double BurnInRelaxations = 10,
    CalibrationPotential Potential = CalibrationPotential.Quadratic, string Estimator = "vasicek", int Seeds = 4)
{
    internal void Validate()
    {
        if (Dimension < 1) throw new KelvinException($"--d must be at least 1 (got {Dimension})");
        if (!(T1 > 0) || !double.IsFinite(T1)) throw new KelvinException($"--t1 must be a temperature > 0 (got {T1})");
        if (!(T2 > 0) || !double.IsFinite(T2)) throw new KelvinException($"--t2 must be a temperature > 0 (got {T2})");
        if (Dimension > 2000) throw new KelvinException($"--d must be at most 2000 (got {Dimension}): the potential is a dense d × d matrix");
        foreach (var (t, name) in new[] { (T1, "--t1"), (T2, "--t2") })
            if (t < 1e-6 || t > 1e6) throw new KelvinException($"{name} must lie in [1e-6, 1e6] (got {t})");
        // At T1 ≈ T2 both ΔE and ΔS are sampling noise and their ratio is not a temperature measurement.
        if (Math.Abs(Math.Log(T2 / T1)) < 0.01) throw new KelvinException($"--t1 and --t2 must differ by at least 1% (got {T1} and {T2}): T = ΔE/ΔS needs two distinct states");
        if (!(StepFraction > 0 && StepFraction < 1)) throw new KelvinException($"eta·lambda_max must lie in (0, 1) (got {StepFraction})");
        if (Seeds < 1) throw new KelvinException($"--seeds must be at least 1 (got {Seeds})");
        EntropyEstimators.Parse(Estimator);
    }
}
