using Kelvin.Thermodynamics;

namespace Kelvin.Calibration;

/// <summary>One sampled Boltzmann state, averaged over the seeds: the mean energy of the true potential U
/// and the entropy, each with its spread over seeds, next to the exact values for the sampler used.</summary>
/// <param name="Temperature">T of the chains.</param>
/// <param name="Energy">Mean of U over the samples (mean over seeds).</param>
/// <param name="EnergySpread">Standard deviation over seeds of the per-seed mean energy; null with one seed.</param>
/// <param name="ExpectedEnergy">The exact E[U] under the sampler's stationary law: Σ T/(2 − ηλ) for the
/// unadjusted chain on the quadratic; d·E₁(T) by quadrature for MALA (exactly Boltzmann).</param>
/// <param name="Entropy">The measured entropy (mean over seeds).</param>
/// <param name="EntropySpread">Standard deviation over seeds of the entropy; null with one seed.</param>
/// <param name="ExpectedEntropy">The exact entropy of the sampler's stationary law.</param>
public sealed record CalibrationState(double Temperature, double Energy, double? EnergySpread, double ExpectedEnergy,
                                      double Entropy, double? EntropySpread, double ExpectedEntropy)
{
    /// <summary>(E − E_exact)/E_exact.</summary>
    public double EnergyRelativeError => (Energy - ExpectedEnergy) / ExpectedEnergy;
}

/// <summary>The calibration's outcome: the measured transition temperature ΔE/ΔS between the two sampled
/// states (from the seed-averaged E and S, with its regime; and its spread over seeds) against the exact
/// ΔE/ΔS of the sampler's stationary states, and the Boltzmann reference.</summary>
/// <param name="Options">The settings.</param>
/// <param name="StepSize">η.</param>
/// <param name="Expected">Exact ΔE/ΔS between the sampler's stationary states at T1 and T2.</param>
/// <param name="BoltzmannReference">Exact ΔE/ΔS between the Boltzmann states themselves: the logarithmic
/// mean for the quadratic (the unadjusted chain's states differ from them by O(η)); = Expected for MALA.</param>
/// <param name="Measured">ΔE/ΔS of the seed-averaged states.</param>
/// <param name="SeedTemperatures">ΔE/ΔS of each seed (null when degenerate).</param>
/// <param name="Cold">The state at T1.</param>
/// <param name="Hot">The state at T2.</param>
/// <param name="Sampler">"langevin" (unadjusted) or "mala".</param>
/// <param name="EntropyMethod">"gaussian" (½ ln det 2πeĈ) or the one-dimensional estimator's name.</param>
/// <param name="AcceptanceRate">MALA's accepted fraction of proposals over both temperatures; null for the unadjusted chain.</param>
public sealed record CalibrationResult(
    CalibrationOptions Options, double StepSize, double Expected, double BoltzmannReference, Temperature Measured,
    IReadOnlyList<double?> SeedTemperatures, CalibrationState Cold, CalibrationState Hot,
    string Sampler, string EntropyMethod, double? AcceptanceRate)
{
    /// <summary>3%, the calibration tolerance of docs/theory.md §10 for the quadratic.</summary>
    public const double QuadraticTolerance = 0.03;

    /// <summary>1%, the tolerance of the anharmonic calibrations (issue 12: vasicek, ebrahimi and knn pass it).</summary>
    public const double AnharmonicTolerance = 0.01;

    /// <summary>The relative tolerance for this potential.</summary>
    public double Tolerance => Options.Potential.IsAnharmonic() ? AnharmonicTolerance : QuadraticTolerance;

    /// <summary>(T_measured − T_expected)/T_expected; null when the measured temperature is degenerate.</summary>
    public double? RelativeError => Measured.Value is double t ? (t - Expected) / Expected : null;

    /// <summary>The standard deviation over seeds of ΔE/ΔS; null with fewer than two finite seed values.</summary>
    public double? Spread
    {
        get
        {
            var t = SeedTemperatures.OfType<double>().ToList();
            return t.Count < 2 ? null : StandardDeviation(t);
        }
    }

    /// <summary>Whether the thermometer passes: |ΔE/ΔS − exact| and both states' |E − E_exact| within
    /// <see cref="Tolerance"/>, relative.</summary>
    public bool Passed =>
        RelativeError is double e && Math.Abs(e) <= Tolerance
        && Math.Abs(Cold.EnergyRelativeError) <= Tolerance && Math.Abs(Hot.EnergyRelativeError) <= Tolerance;

    /// <summary>The sample standard deviation (n − 1).</summary>
    internal static double StandardDeviation(IReadOnlyList<double> x)
    {
        double mean = x.Average(), ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (x.Count - 1));
    }
}
