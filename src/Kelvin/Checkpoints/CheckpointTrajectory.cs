using Kelvin.Checkpoints.Models;
using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Checkpoints;

/// <summary>One checkpoint of a series: its file, step t, energy E(t) (null without energies) and
/// particle-view entropy S(t) with its layers S_l(t).</summary>
public sealed record TrajectoryPoint(string File, long Step, double? Energy, StateEntropy Entropy);

/// <summary>The transition between consecutive checkpoints i−1 → i: T = ΔE/ΔS with its regime
/// (null without energies) and, with a model, the layers' ΔE_l and T_l along the straight segment.</summary>
public sealed record TrajectorySegment(long FromStep, long ToStep, Transition? Transition, EnergyAllocation? Allocation, IReadOnlyList<ModelLayerTemperature>? Layers);

/// <summary>
/// A training run seen through its saved checkpoints (docs/theory.md §3, §6 on a recorded trajectory): S(t)
/// and ΔS_l(t) = S_l(t) − S_l(t₀) per weight; with energies (a model and data, or logged losses)
/// E(t) and T(t) = ΔE/ΔS between consecutive checkpoints; with a model also ΔE_l and T_l(t) per layer
/// on each segment (<see cref="EnergyAllocation"/>; the straight segment between two close
/// checkpoints approximates the path training took, and the approximation improves as checkpoints
/// are saved more often). Over the whole run ΔE_l = Σ over segments, and T_l = ΔE_l/ΔS_l.
/// </summary>
public sealed record CheckpointTrajectory(IReadOnlyList<TrajectoryPoint> Points, IReadOnlyList<TrajectorySegment> Segments,
    IReadOnlyList<DuplicateTensor> Duplicates, IReadOnlyList<string> Notes)
{
    /// <summary>The weight names, in file order.</summary>
    public IReadOnlyList<string> Weights => [.. Points[0].Entropy.Layers.Select(l => l.Name)];

    /// <summary>The whole run's transition, first → last checkpoint (null without energies).</summary>
    public Transition? Overall => Points[0].Energy is double a && Points[^1].Energy is double b ? Transition.Between(State(a, Points[0].Entropy), State(b, Points[^1].Entropy)) : null;

    /// <summary>Per model layer over the whole run: ΔE_l = Σ_segments ΔE_l (straight pieces), ΔS_l = S_l(last) − S_l(first), T_l = ΔE_l/ΔS_l.</summary>
    public IReadOnlyList<ModelLayerTemperature>? OverallLayers()
    {
        if (Segments.Any(s => s.Allocation is null) || Segments.Count == 0) return null;
        var first = Segments[0].Allocation!;
        var path = new double[first.Layers.Count];
        var swap = new double[first.Layers.Count];
        foreach (var s in Segments)
            for (int l = 0; l < path.Length; l++) { path[l] += s.Allocation!.PathChanges[l]; swap[l] += s.Allocation.SwapChanges[l]; }
        var total = first with { EnergyAfter = Segments[^1].Allocation!.EnergyAfter, PathChanges = path, SwapChanges = swap };
        return ModelLayerTemperature.Of(total, EntropyChanges(Points[0], Points[^1]));
    }

    /// <summary>Measures the series <paramref name="series"/>; energies from <paramref name="losses"/> or
    /// from <paramref name="model"/> (whose substitution also gives per-layer ΔE_l), or none.</summary>
    public static CheckpointTrajectory Of(IReadOnlyList<(string Path, long Step)> series, ParameterSelection selection, IEntropyEstimator estimator,
        TrainingLosses? losses = null, (OnnxModel Model, ModelEnergy Energy)? model = null)
    {
        if (losses is not null && model is not null) throw new KelvinException("give --losses or --model, not both");
        var points = new List<TrajectoryPoint>();
        var segments = new List<TrajectorySegment>();
        var notes = new List<string>();
        IReadOnlyList<DuplicateTensor> duplicates = [];
        HashSet<string>? leaveOut = null;
        CheckpointFile? previous = null;
        try
        {
            foreach (var (path, step) in series)
            {
                var file = CheckpointFile.Open(path);
                try
                {
                    if (leaveOut is null)
                    {
                        duplicates = DuplicateTensors.Find(file, selection.Weights(file));
                        leaveOut = duplicates.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
                        if (file.Note is string n) notes.Add($"{Path.GetFileName(path)}: {n}");
                    }
                    var entropy = CheckpointEntropy.OfLayers(file, selection, estimator, leaveOut: leaveOut);
                    if (points.Count > 0 && !entropy.Layers.Select(l => l.Name).SequenceEqual(points[0].Entropy.Layers.Select(l => l.Name)))
                        throw new KelvinException($"{Path.GetFileName(path)} holds other weights than {Path.GetFileName(points[0].File)}");
                    EnergyAllocation? allocation = null;
                    double? energy = losses?.Of(path, step);
                    if (model is { } m)
                    {
                        if (previous is null) energy = m.Energy.Of(ParameterSubstitution.Of(m.Model, file, file).Before);
                        else
                        {
                            allocation = EnergyAllocation.Of(m.Energy, ParameterSubstitution.Of(m.Model, previous, file));
                            energy = allocation.EnergyAfter;
                        }
                    }
                    var point = new TrajectoryPoint(path, step, energy, entropy);
                    if (points.Count > 0)
                    {
                        var from = points[^1];
                        var transition = from.Energy is double a && energy is double b ? Transition.Between(State(a, from.Entropy), State(b, entropy)) : null;
                        var layers = allocation is null ? null : ModelLayerTemperature.Of(allocation, EntropyChanges(from, point));
                        segments.Add(new TrajectorySegment(from.Step, step, transition, allocation, layers));
                    }
                    points.Add(point);
                }
                finally
                {
                    previous?.Dispose();
                    previous = file;
                }
            }
        }
        finally
        {
            previous?.Dispose();
        }
        return new CheckpointTrajectory(points, segments, duplicates, notes);
    }

    private static IReadOnlyList<LayerEntropyChange> EntropyChanges(TrajectoryPoint a, TrajectoryPoint b) =>
        [.. a.Entropy.Layers.Zip(b.Entropy.Layers, (x, y) => new LayerEntropyChange(x.Name, x.ParameterCount, x.Entropy, y.Entropy))];

    private static ThermodynamicState State(double energy, StateEntropy entropy) =>
        entropy.Total is double s ? ThermodynamicState.Of(energy, s) : ThermodynamicState.Point(energy);
}
