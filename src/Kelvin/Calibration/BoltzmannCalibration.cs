using Kelvin.Thermodynamics;

namespace Kelvin.Calibration;

/// <summary>
/// The settings of the Boltzmann calibration (docs/theory.md §2, §10). The Langevin step is
/// η = <paramref name="StepFraction"/>/λ_max; the energies are measured with the shadow potential of
/// that step (see <see cref="QuadraticPotential.Shadow"/>), which removes the discretization bias exactly.
/// </summary>
/// <param name="Dimension">d, the number of parameters (default 20).</param>
/// <param name="T1">The colder temperature (default 0.5).</param>
/// <param name="T2">The hotter temperature (default 2).</param>
/// <param name="Seed">The seed of the rotation and of every chain.</param>
/// <param name="LambdaMin">The smallest eigenvalue of H.</param>
/// <param name="LambdaMax">The largest eigenvalue of H.</param>
/// <param name="StepFraction">η·λ_max.</param>
/// <param name="Chains">Parallel chains per temperature (each its own random stream).</param>
/// <param name="SamplesPerChain">Kept samples per chain.</param>
/// <param name="Thinning">Steps between kept samples.</param>
/// <param name="BurnInRelaxations">Burn-in, in relaxation times 1/(ηλ_min) of the slowest mode.</param>
public sealed record CalibrationOptions(
    int Dimension = 20, double T1 = 0.5, double T2 = 2.0, ulong Seed = 1,
    double LambdaMin = 0.5, double LambdaMax = 5.0, double StepFraction = 0.1,
    int Chains = 8, int SamplesPerChain = 6000, int Thinning = 10, double BurnInRelaxations = 10)
{
    internal void Validate()
    {
        if (Dimension < 1) throw new KelvinException($"Dimension must be at least 1 (got {Dimension})", nameof(Dimension));
        if (!(T1 > 0) || !double.IsFinite(T1)) throw new KelvinException($"T1 must be a temperature > 0 (got {T1})", nameof(T1));
        if (!(T2 > 0) || !double.IsFinite(T2)) throw new KelvinException($"T2 must be a temperature > 0 (got {T2})", nameof(T2));
        if (!(StepFraction > 0 && StepFraction < 1)) throw new KelvinException($"eta·lambda_max must lie in (0, 1) (got {StepFraction})");
    }
}

/// <summary>One sampled Boltzmann state: E and S measured from samples next to the exact d·T/2 and
/// (d/2) ln(2πeT) − ½ ln det H.</summary>
/// <param name="Temperature">T of the Langevin chains.</param>
/// <param name="Energy">Mean shadow energy Ũ (exactly Boltzmann for the discrete chain).</param>
/// <param name="RawEnergy">Mean U itself (biased upward by the discretization, about ηλ/2 per mode).</param>
/// <param name="ExpectedEnergy">Equipartition d·T/2.</param>
/// <param name="Entropy">½ ln det(2πe Ĉ) of the sample covariance Ĉ (the ensemble view, Gaussian form).</param>
/// <param name="ExpectedEntropy">The entropy of the discrete chain's exact stationary state N(0, T·H̃⁻¹).</param>
public sealed record CalibrationState(double Temperature, double Energy, double RawEnergy, double ExpectedEnergy, double Entropy, double ExpectedEntropy)
{
    /// <summary>(E − d·T/2)/(d·T/2).</summary>
    public double EnergyRelativeError => (Energy - ExpectedEnergy) / ExpectedEnergy;
}

/// <summary>The calibration's outcome: the measured transition temperature ΔE/ΔS between the two
/// sampled states (with its regime) against the logarithmic mean (T2 − T1)/ln(T2/T1).</summary>
public sealed record CalibrationResult(CalibrationOptions Options, double StepSize, double Expected, Temperature Measured, CalibrationState Cold, CalibrationState Hot)
{
    /// <summary>3%, the calibration tolerance of docs/theory.md §10.</summary>
    public const double Tolerance = 0.03;

    /// <summary>(T_measured − T_expected)/T_expected; null when the measured temperature is degenerate.</summary>
    public double? RelativeError => Measured.Value is double t ? (t - Expected) / Expected : null;

    /// <summary>Whether the thermometer passes (docs/theory.md §10): |ΔE/ΔS − log-mean| and both states'
    /// |E − d·T/2| within <see cref="Tolerance"/>, relative.</summary>
    public bool Passed =>
        RelativeError is double e && Math.Abs(e) <= Tolerance
        && Math.Abs(Cold.EnergyRelativeError) <= Tolerance && Math.Abs(Hot.EnergyRelativeError) <= Tolerance;
}

/// <summary>
/// The calibration of the thermometer (docs/theory.md §2, §10): Langevin samples of U = ½θᵀHθ at T1 and T2
/// must give ΔE/ΔS equal to the logarithmic mean of T1 and T2, and each state's energy d·T/2.
/// </summary>
public static class BoltzmannCalibration
{
    /// <summary>The logarithmic mean (T2 − T1)/ln(T2/T1) (T1 when T1 = T2): the exact transition
    /// temperature between Boltzmann states of a quadratic potential.</summary>
    public static double LogarithmicMean(double t1, double t2) =>
        t1 == t2 ? t1 : (t2 - t1) / Math.Log(t2 / t1);

    /// <summary>Runs the calibration; deterministic for a seed, on any thread count.</summary>
    public static CalibrationResult Run(CalibrationOptions options, int? maxDegreeOfParallelism = null)
    {
        options.Validate();
        var potential = QuadraticPotential.LogSpaced(options.Dimension, options.LambdaMin, options.LambdaMax, options.Seed);
        double eta = options.StepFraction / options.LambdaMax;
        var shadow = potential.Shadow(eta);
        int burnIn = (int)Math.Ceiling(options.BurnInRelaxations / (eta * options.LambdaMin));
        var langevin = new LangevinOptions(eta, options.Chains, burnIn, options.SamplesPerChain, options.Thinning);

        CalibrationState Measure(double t, ulong stream, out ThermodynamicState state)
        {
            var samples = LangevinSampler.Sample(potential, t, langevin, options.Seed ^ (0x5EED0000UL + stream), maxDegreeOfParallelism);
            var shadowEnergies = new double[samples.Count];
            for (int s = 0; s < samples.Count; s++)
                shadowEnergies[s] = shadow.Energy(samples.Values.AsSpan(s * samples.Dimension, samples.Dimension));
            var layer = new LayerSamples("theta", samples.Dimension);
            for (int s = 0; s < samples.Count; s++) layer.Add(samples.Values.AsSpan(s * samples.Dimension, samples.Dimension));
            var ensemble = new EnsembleState([layer], shadowEnergies);
            state = ensemble.Thermodynamic(EntropyView.EnsembleGaussian);
            return new CalibrationState(t, ensemble.Energy, samples.Energies.Average(), potential.BoltzmannEnergy(t),
                                        state.Entropy, shadow.BoltzmannEntropy(t));
        }

        var cold = Measure(options.T1, 1, out var a);
        var hot = Measure(options.T2, 2, out var b);
        var transition = Transition.Between(a, b);
        return new CalibrationResult(options, eta, LogarithmicMean(options.T1, options.T2), transition.Temperature, cold, hot);
    }
}
