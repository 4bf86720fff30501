using Kelvin.Entropy;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Checkpoints;

/// <summary>
/// Two checkpoints of the same model (BEFORE → AFTER: init → trained, or before → after a
/// fine-tune): per-layer entropies and ΔS_l, the global ΔS = Σ_l ΔS_l and, given the two energies
/// (losses on the same data), the transition temperature T = ΔE/ΔS with its regime
/// (<see cref="Transition"/>). When both files are Kelvin networks saved with their loss and data
/// (<see cref="NetworkCheckpoint"/>), Kelvin recomputes the energies itself if none are given and
/// allocates ΔE to layers along the straight path between them (<see cref="Path"/>), giving each
/// layer T_l = ΔE_l/ΔS_l (<see cref="LayerTemperatures"/>). Without energies
/// <see cref="Transition"/> is null and <see cref="TemperatureNote"/> says why.
/// </summary>
public sealed record CheckpointComparison(
    IReadOnlyList<LayerEntropyChange> Layers,
    StateEntropy Before,
    StateEntropy After,
    Transition? Transition,
    string? TemperatureNote,
    EnergySource EnergySource = EnergySource.None,
    StraightPath? Path = null,
    IReadOnlyList<LayerTemperature?>? LayerTemperatures = null,
    string? PathNote = null)
{
    /// <summary>ΔS = S_after − S_before = Σ_l ΔS_l, in nats; null when a state is a point (S = −∞).</summary>
    public double? EntropyChange => After.Total - Before.Total;

    /// <summary>Compares two opened checkpoints. Both must hold the same weight tensors with the same
    /// shapes; <paramref name="energyBefore"/>/<paramref name="energyAfter"/> are both given or both null.</summary>
    public static CheckpointComparison Compare(CheckpointFile before, CheckpointFile after, ParameterSelection selection, IEntropyEstimator estimator,
        double? energyBefore = null, double? energyAfter = null, int maxParallelism = -1)
    {
        if (energyBefore.HasValue != energyAfter.HasValue)
            throw new KelvinException("give both energies (energyBefore and energyAfter) or neither", "energyBefore and energyAfter");
        foreach (var e in new[] { energyBefore, energyAfter })
            if (e is double x && !double.IsFinite(x)) throw new KelvinException($"an energy must be a finite number (got {x})");
        CheckMatchingLayers(selection.Weights(before), selection.Weights(after));
        var a = CheckpointEntropy.OfLayers(before, selection, estimator, maxParallelism);
        var b = CheckpointEntropy.OfLayers(after, selection, estimator, maxParallelism);
        var layers = a.Layers.Zip(b.Layers, (x, y) => new LayerEntropyChange(x.Name, x.ParameterCount, x.Entropy, y.Entropy)).ToList();

        var (path, pathNote, stored) = NetworkPath(before, after);
        var source = energyBefore.HasValue ? EnergySource.Given : path is not null ? EnergySource.Recomputed : stored.HasValue ? EnergySource.Stored : EnergySource.None;
        var energies = source switch
        {
            EnergySource.Given => (energyBefore!.Value, energyAfter!.Value),
            EnergySource.Recomputed => (path!.EnergyBefore, path.EnergyAfter),
            EnergySource.Stored => stored!.Value,
            _ => ((double, double)?)null,
        };
        var temperatures = path is null ? null : layers.Select(l => LayerTemperatureOf(l, path)).ToList();
        if (energies is not var (e1, e2))
            return new(layers, a, b, null, "no energies given: T = ΔE/ΔS needs the loss of both checkpoints on the same data (--energy-before, --energy-after)",
                source, path, temperatures, pathNote);
        return new(layers, a, b, Transition.Between(State(e1, a), State(e2, b)), null, source, path, temperatures, pathNote);
    }

    /// <summary>The straight-path allocation when both files are compatible Kelvin networks whose data
    /// can be loaded; else a note why not, and the energies stored in their metadata if both have one.</summary>
    private static (StraightPath? Path, string? Note, (double, double)? Stored) NetworkPath(CheckpointFile before, CheckpointFile after)
    {
        var a = NetworkCheckpoint.Read(before);
        var b = NetworkCheckpoint.Read(after);
        if (a is null || b is null) return (null, null, null);
        (double, double)? stored = a.Provenance.Energy is double e1 && b.Provenance.Energy is double e2 && a.Provenance.SameDataAs(b.Provenance) ? (e1, e2) : null;
        if (StraightPath.Incompatibility(a, b) is string why) return (null, $"no per-layer T_l: {why}", stored);
        try
        {
            return (StraightPath.Between(a, b), null, stored);
        }
        catch (KelvinException e)
        {
            return (null, $"no per-layer T_l: {e.Message}", stored);
        }
    }

    /// <summary>T_l of the layer whose weights are "denseL.weight", from the path's ΔE_l (its weights
    /// and biases) and the layer's ΔS_l; null for a tensor that is not a layer of the network.</summary>
    private static LayerTemperature? LayerTemperatureOf(LayerEntropyChange layer, StraightPath path)
    {
        for (int l = 0; l < path.LayerNames.Count; l++)
            if (layer.Name == NetworkCheckpoint.WeightName(l + 1))
                return LayerTemperature.Of(path.LayerNames[l], path.Allocation.LayerChanges[l], layer.EntropyBefore, layer.EntropyAfter, path.EnergyBefore, path.EnergyAfter);
        return null;
    }

    private static ThermodynamicState State(double energy, StateEntropy entropy) =>
        entropy.Total is double s ? ThermodynamicState.Of(energy, s) : ThermodynamicState.Point(energy);

    private static void CheckMatchingLayers(IReadOnlyList<CheckpointTensor> before, IReadOnlyList<CheckpointTensor> after)
    {
        if (before.Count == 0) throw new KelvinException("BEFORE has no weight tensors (see include)", "include");
        var byName = after.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var t in before)
        {
            if (!byName.TryGetValue(t.Name, out var u))
                throw new KelvinException($"the layer sets differ: weight '{t.Name}' is in BEFORE but not in AFTER");
            if (!t.Shape.SequenceEqual(u.Shape))
                throw new KelvinException($"layer '{t.Name}' has shape {TensorShape.Format(t.Shape)} in BEFORE but {TensorShape.Format(u.Shape)} in AFTER");
        }
        var names = before.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var extra = after.FirstOrDefault(t => !names.Contains(t.Name));
        if (extra is not null) throw new KelvinException($"the layer sets differ: weight '{extra.Name}' is in AFTER but not in BEFORE");
    }
}

/// <summary>Where a comparison's energies E_before, E_after came from.</summary>
public enum EnergySource
{
    /// <summary>No energies: no temperature.</summary>
    None,
    /// <summary>Given by the user (--energy-before, --energy-after).</summary>
    Given,
    /// <summary>Recomputed by Kelvin on the evaluation set named in the networks' metadata.</summary>
    Recomputed,
    /// <summary>Read from the networks' metadata ("kelvin.energy"), the data being unavailable.</summary>
    Stored,
}
