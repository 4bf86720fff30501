using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Calibration;

/// <summary>
/// The calibration of the thermometer (docs/theory.md §2, §10): samples of a Boltzmann state p ∝ exp(−U/T) at T1 and
/// T2 must give ΔE/ΔS equal to the exact transition temperature, and each state the exact energy.
/// Energies are always those of the true U. Quadratic U: unadjusted Langevin, compared with the exact
/// stationary state of that discrete chain (variance T/(λ(1 − ηλ/2)) per mode: E = Σ T/(2 − ηλ)); entropy
/// ½ ln det(2πe Ĉ). Double well and quartic: MALA (exactly Boltzmann), compared with quadrature; entropy
/// Σᵢ h(θᵢ) with the chosen estimator (exact for a separable potential). Repeated over
/// <see cref="CalibrationOptions.Seeds"/> chain seeds: the means are compared, the spread is reported.
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
        double eta = options.StepFraction / options.LambdaMax;
        int burnIn = (int)Math.Ceiling(options.BurnInRelaxations / (eta * options.LambdaMin));
        bool anharmonic = options.Potential.IsAnharmonic();
        var langevin = new LangevinOptions(eta, options.Chains, burnIn, options.SamplesPerChain, options.Thinning, MetropolisAdjusted: anharmonic);
        IEntropyEstimator estimator = EntropyEstimators.Parse(options.Estimator);

        IPotential potential;
        Func<double, (double Energy, double Entropy)> exact;
        double reference;
        if (anharmonic)
        {
            var separable = options.Potential == CalibrationPotential.DoubleWell
                ? SeparablePotential.DoubleWell(options.Dimension) : SeparablePotential.Quartic(options.Dimension);
            potential = separable;
            exact = t => { var m = separable.Boltzmann(t); return (m.Energy, m.Entropy); };
            var (e1, s1) = exact(options.T1);
            var (e2, s2) = exact(options.T2);
            reference = (e2 - e1) / (s2 - s1);
        }
        else
        {
            var quadratic = QuadraticPotential.LogSpaced(options.Dimension, options.LambdaMin, options.LambdaMax, options.Seed);
            var stationary = quadratic.Shadow(eta);
            potential = quadratic;
            exact = t => (quadratic.LangevinEnergy(t, eta), stationary.BoltzmannEntropy(t));
            reference = LogarithmicMean(options.T1, options.T2);
        }

        long accepted = 0, proposed = 0;
        (double Energy, double Entropy) Measure(double t, ulong stream)
        {
            var samples = LangevinSampler.Sample(potential, t, langevin, options.Seed ^ (0x5EED0000UL + stream), maxDegreeOfParallelism);
            accepted += (long)Math.Round(samples.AcceptanceRate * samples.Count * options.Thinning);
            proposed += (long)samples.Count * options.Thinning;
            var layer = new LayerSamples("theta", samples.Dimension);
            for (int s = 0; s < samples.Count; s++) layer.Add(samples.Values.AsSpan(s * samples.Dimension, samples.Dimension));
            var ensemble = new EnsembleState([layer], samples.Energies);
            var view = anharmonic ? EntropyView.Ensemble : EntropyView.EnsembleGaussian;
            var state = ensemble.Thermodynamic(view, estimator, maxDegreeOfParallelism);
            return (state.Energy, state.Entropy);
        }

        var cold = new List<(double Energy, double Entropy)>();
        var hot = new List<(double Energy, double Entropy)>();
        var perSeed = new List<double?>();
        for (int k = 0; k < options.Seeds; k++)
        {
            cold.Add(Measure(options.T1, 1 + 2 * (ulong)k));
            hot.Add(Measure(options.T2, 2 + 2 * (ulong)k));
            perSeed.Add(Transition.Between(cold[k].Energy, cold[k].Entropy, hot[k].Energy, hot[k].Entropy).Temperature.Value);
        }

        CalibrationState State(double t, List<(double Energy, double Entropy)> runs)
        {
            var (e, s) = exact(t);
            return new CalibrationState(t, runs.Average(r => r.Energy), Spread(runs.Select(r => r.Energy).ToList()), e,
                                        runs.Average(r => r.Entropy), Spread(runs.Select(r => r.Entropy).ToList()), s);
        }
        var a = State(options.T1, cold);
        var b = State(options.T2, hot);
        var measured = Transition.Between(a.Energy, a.Entropy, b.Energy, b.Entropy).Temperature;
        double expected = (b.ExpectedEnergy - a.ExpectedEnergy) / (b.ExpectedEntropy - a.ExpectedEntropy);
        return new CalibrationResult(options, eta, expected, reference, measured, perSeed, a, b,
            anharmonic ? "mala" : "langevin", anharmonic ? estimator.Name : "gaussian",
            anharmonic ? (double)accepted / proposed : null);
    }

    private static double? Spread(IReadOnlyList<double> x) => x.Count < 2 ? null : CalibrationResult.StandardDeviation(x);
}
