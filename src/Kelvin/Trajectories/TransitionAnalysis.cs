using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// A recorded phase read as a phase transition (docs/theory.md §3–4, §6): from the state at the first
/// checkpoint to the late-iterate state at the end, globally (T = ΔE/ΔS, S = Σ_l S_l in the particle
/// view; also in the ensemble view when K ≥ 32) and per layer (T_l = ΔE_l/ΔS_l with the allocated
/// ΔE_l), the T(t) curve and its isothermality. Every temperature comes from <see cref="Transition"/>.
/// The training transition (Type I) is the phase that starts at initialization; the refresh transition
/// (Type II) the phase that starts from a state trained on D1, recorded on D2.
/// </summary>
public sealed record TransitionAnalysis(
    Transition Global,
    IReadOnlyList<LayerTemperature> Layers,
    double? AllocationResidual,
    IReadOnlyList<CurvePoint> Curve,
    double? Isothermality,
    Transition? EnsembleGlobal,
    int LateIterates,
    IReadOnlyList<IReadOnlyList<Temperature?>> LayerCurves)
{
    /// <summary>Reads <paramref name="run"/> as a transition.</summary>
    public static TransitionAnalysis Of(RecordedTraining run, TransitionSettings? settings = null)
    {
        settings ??= TransitionSettings.Default;
        settings.Validate();
        var estimator = settings.EntropyEstimator;
        int n = run.CheckpointCount;
        // One unit of work per checkpoint (its layers serially): all cores stay busy on short runs of
        // small layers; each result lands in its own slot, so the numbers do not depend on the threads.
        var entropies = LayerEntropies.Map(n, i => StateEntropies.Of(run.Weights(i), EntropyView.Particle, estimator, maxDegreeOfParallelism: 1));

        int late = Math.Max(1, Math.Min(settings.LateIterates, n - 1));
        int[] lateIndices = Enumerable.Range(n - late, late).ToArray();
        var tolerance = TransitionTolerance.Default;

        double energyFrom = run.Energy(0);
        double energyTo = lateIndices.Average(run.Energy);
        double? entropyTo = Mean(lateIndices.Select(i => entropies[i].Total));
        var from = State(energyFrom, entropies[0].Total);
        var to = State(energyTo, entropyTo);
        var global = Transition.Between(from, to, tolerance);

        var layers = new List<LayerTemperature>();
        for (int l = 0; l < run.Layers.Count; l++)
        {
            int layer = l;
            double dE = lateIndices.Average(i => run.Allocation(i, layer));
            double? sFrom = entropies[0].Layers[l].Entropy;
            double? sTo = Mean(lateIndices.Select(i => entropies[i].Layers[layer].Entropy));
            layers.Add(LayerTemperature.Of(run.Layers[l].Name, dE, sFrom, sTo, energyFrom, energyTo));
        }

        var (curve, isothermality) = BuildCurve(run, entropies, settings.CurveWindow, tolerance);
        Transition? ensemble = null;
        if (run.MemberCount >= EntropyViews.MinimumEnsembleSize)
        {
            var sFrom = StateEntropies.Of(run.Weights(0), EntropyView.Ensemble, estimator).Total;
            var sTo = Mean(lateIndices.Select(i => StateEntropies.Of(run.Weights(i), EntropyView.Ensemble, estimator).Total));
            ensemble = Transition.Between(State(energyFrom, sFrom), State(energyTo, sTo), tolerance);
        }
        var layerCurves = Enumerable.Range(0, run.Layers.Count).Select(l => LayerCurve(run, entropies, l, settings.CurveWindow)).ToList();
        return new TransitionAnalysis(global, layers, run.AllocationResidual, curve, isothermality, ensemble, late, layerCurves);
    }

    /// <summary>E, S and T(t) at every checkpoint; T(t_i) from the window ending there
    /// (<see cref="TemperatureCurve"/>), null for the first w checkpoints; w is at most the number of
    /// checkpoints − 1.</summary>
    private static (List<CurvePoint> Points, double? Isothermality) BuildCurve(RecordedTraining run, StateEntropy[] entropies, int window, TransitionTolerance tolerance)
    {
        var checkpoints = Enumerable.Range(0, run.CheckpointCount).Select(i => new Checkpoint(run.Steps[i], run.Energy(i), entropies[i].Total)).ToList();
        var curve = TemperatureCurve.From(checkpoints, window = Math.Min(window, checkpoints.Count - 1), tolerance);
        var points = checkpoints.Select((c, i) => new CurvePoint(c.Step, c.Energy, c.Entropy, i >= window ? curve.Points[i - window].Temperature : null)).ToList();
        return (points, curve.CoefficientOfVariation);
    }

    /// <summary>T_l(t_i) = ΔE_l/ΔS_l between checkpoints i − w and i (null for the first w).</summary>
    private static IReadOnlyList<Temperature?> LayerCurve(RecordedTraining run, StateEntropy[] entropies, int layer, int window)
    {
        var curve = new Temperature?[run.CheckpointCount];
        for (int i = window; i < curve.Length; i++)
        {
            double dE = run.Allocation(i, layer) - run.Allocation(i - window, layer);
            double? a = entropies[i - window].Layers[layer].Entropy, b = entropies[i].Layers[layer].Entropy;
            double e0 = run.Energy(i - window), e1 = run.Energy(i);
            curve[i] = a is double sa && b is double sb
                ? Transition.FromChanges(dE, sb - sa, TransitionTolerance.Default.Energy(e0, e1), TransitionTolerance.Default.Entropy(sa, sb))
                : Temperature.Degenerate(Regime.PointState);
        }
        return curve;
    }

    private static ThermodynamicState State(double energy, double? entropy) =>
        entropy is double s ? ThermodynamicState.Of(energy, s) : ThermodynamicState.Point(energy);

    private static double? Mean(IEnumerable<double?> values)
    {
        double s = 0; int n = 0;
        foreach (var v in values)
        {
            if (v is not double x) return null;
            s += x; n++;
        }
        return n > 0 ? s / n : null;
    }
}
