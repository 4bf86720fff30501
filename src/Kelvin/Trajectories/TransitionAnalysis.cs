using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// A recorded phase read as a phase transition (docs/theory.md §2–4, §6): from the state at the first
/// checkpoint to the late-iterate state at the end, globally (T = ΔE/ΔS, S = Σ_l S_l) and per layer
/// (T_l = ΔE_l/ΔS_l with the allocated ΔE_l), the T(t) curve and its isothermality, all in one entropy
/// view (<see cref="View"/>; the curve in <see cref="CurveView"/>), every temperature with its standard
/// error (<see cref="PhaseReplicates"/>: jackknife across K ≥ 2 members, or a bootstrap of one run).
/// The training transition (Type I) is the phase that starts at initialization; the refresh transition
/// (Type II) the phase that starts from a state trained on D1, recorded on D2.
/// </summary>
/// <param name="Global">the global transition between the full states (members' means); its temperature is <paramref name="GlobalEstimate"/>'s.</param>
/// <param name="GlobalEstimate">T ± SE of the global transition.</param>
/// <param name="Layers">T_l per layer, each with its <see cref="LayerTemperature.Estimate"/>.</param>
/// <param name="AllocationResidual">|ΔE − Σ_l ΔE_l| / |ΔE| of the allocation.</param>
/// <param name="Curve">E, S and T(t) ± SE at every checkpoint.</param>
/// <param name="Isothermality">the coefficient of variation of the finite T(t).</param>
/// <param name="View">the entropy view of the global and layer temperatures.</param>
/// <param name="CurveView">the view of the T(t) curves: <paramref name="View"/>, or particle in the thermal view (one checkpoint has no SGD cloud).</param>
/// <param name="Window">the late iterates of the trained state (the thermal view's window).</param>
/// <param name="LayerCurves">T_l(t) ± SE per layer, null for the first window.</param>
public sealed record TransitionAnalysis(
    Transition Global,
    TemperatureEstimate GlobalEstimate,
    IReadOnlyList<LayerTemperature> Layers,
    double? AllocationResidual,
    IReadOnlyList<CurvePoint> Curve,
    double? Isothermality,
    EntropyView View,
    EntropyView CurveView,
    LateWindow Window,
    IReadOnlyList<IReadOnlyList<TemperatureEstimate?>> LayerCurves)
{
    /// <summary>M, the late iterates averaged into (or, in the thermal view, spread into) the trained state.</summary>
    public int LateIterates => Window.Iterates;

    /// <summary>Reads <paramref name="run"/> as a transition.</summary>
    /// <exception cref="KelvinException">when the view needs more members or late iterates than the run has.</exception>
    public static TransitionAnalysis Of(RecordedTraining run, TransitionSettings? settings = null)
    {
        settings ??= TransitionSettings.Default;
        settings.Validate();
        var replicates = PhaseReplicates.Of(run, settings);
        var full = replicates.Full;
        int n = replicates.Trained;

        var global = replicates.Between(0, n, null);
        var from = State(full.Energy[0], PhaseReplicates.Sum(full.Entropy[0], null));
        var to = State(full.Energy[n], PhaseReplicates.Sum(full.Entropy[n], null));

        var layers = new List<LayerTemperature>();
        for (int l = 0; l < run.Layers.Count; l++)
        {
            var t = replicates.Between(0, n, l);
            layers.Add(new LayerTemperature(run.Layers[l].Name, full.Allocation[n][l] - full.Allocation[0][l], full.Entropy[0][l], full.Entropy[n][l], t.Temperature) { Estimate = t });
        }

        int window = Math.Min(settings.CurveWindow, n - 1);
        var curve = new List<CurvePoint>();
        for (int i = 0; i < n; i++)
        {
            var t = i >= window ? replicates.Between(i - window, i, null) : null;
            curve.Add(new CurvePoint(run.Steps[i], full.Energy[i], PhaseReplicates.Sum(full.Entropy[i], null), t?.Temperature) { Estimate = t });
        }
        var isothermality = TemperatureCurve.CoefficientOfVariationOf(curve.Where(p => p.Temperature is not null).Select(p => p.Temperature!.Value));
        var layerCurves = Enumerable.Range(0, run.Layers.Count)
            .Select(l => (IReadOnlyList<TemperatureEstimate?>)Enumerable.Range(0, n).Select(i => i >= window ? replicates.Between(i - window, i, l) : null).ToList())
            .ToList();
        return new TransitionAnalysis(new Transition(from, to, global.Temperature), global, layers, run.AllocationResidual, curve, isothermality,
            replicates.View, replicates.CurveView, replicates.Window, layerCurves);
    }

    private static ThermodynamicState State(double energy, double? entropy) =>
        entropy is double s ? ThermodynamicState.Of(energy, s) : ThermodynamicState.Point(energy);
}
