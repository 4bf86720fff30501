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
    string? PathNote = null,
    IReadOnlyList<DuplicateTensor>? Duplicates = null,
    string? MatchNote = null)
{
    /// <summary>Weights left out because they are another weight under a second name (in either file).</summary>
    public IReadOnlyList<DuplicateTensor> DuplicateWeights => Duplicates ?? [];

    /// <summary>ΔS = S_after − S_before = Σ_l ΔS_l, in nats; null when a state is a point (S = −∞).</summary>
    public double? EntropyChange => After.Total - Before.Total;

    /// <summary>Compares two opened checkpoints. Both must hold the same weight tensors with the same
    /// shapes (two lone .npy files: compared by position, <see cref="MatchNote"/>); a weight that is
    /// another under a second name in either file is counted once (<see cref="DuplicateWeights"/>); <paramref name="energyBefore"/>/<paramref name="energyAfter"/> are both given or both null.
    /// <paramref name="trustedData"/> is a CSV file the user named, which the networks' metadata may
    /// name as their data (any other path there is never opened).</summary>
    public static CheckpointComparison Compare(CheckpointFile before, CheckpointFile after, ParameterSelection selection, IEntropyEstimator estimator,
        double? energyBefore = null, double? energyAfter = null, int maxParallelism = -1, string? trustedData = null)
    {
        if (energyBefore.HasValue != energyAfter.HasValue)
            throw new KelvinException("give both energies (energyBefore and energyAfter) or neither", "energyBefore and energyAfter");
        foreach (var e in new[] { energyBefore, energyAfter })
            if (e is double x && !double.IsFinite(x)) throw new KelvinException($"an energy must be a finite number (got {x})");
        var duplicates = DuplicateTensors.Find(before, selection.Weights(before)).Concat(DuplicateTensors.Find(after, selection.Weights(after)))
            .DistinctBy(d => d.Name).ToList();
        var leaveOut = duplicates.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var wa = selection.Weights(before).Where(w => !leaveOut.Contains(w.Name)).ToList();
        var wb = selection.Weights(after).Where(w => !leaveOut.Contains(w.Name)).ToList();
        // Two lone .npy files name their tensor after the file: they are compared by position.
        bool byPosition = before.Format == "npy" && after.Format == "npy";
        string? matchNote = null;
        if (byPosition)
        {
            if (wa.Count == 0 || wb.Count == 0) throw new KelvinException("a .npy array of rank < 2 is not a weight (see --include)");
            if (!wa[0].Shape.SequenceEqual(wb[0].Shape))
                throw new KelvinException($"the arrays have shapes {TensorShape.Format(wa[0].Shape)} and {TensorShape.Format(wb[0].Shape)}");
            if (wa[0].Name != wb[0].Name) matchNote = $"two .npy files compared by position: '{wa[0].Name}' ↔ '{wb[0].Name}'";
        }
        else CheckMatchingLayers(wa, wb);
        var a = CheckpointEntropy.OfLayers(before, selection, estimator, maxParallelism, leaveOut);
        var b = CheckpointEntropy.OfLayers(after, selection, estimator, maxParallelism, leaveOut);
        var layers = a.Layers.Zip(b.Layers, (x, y) => new LayerEntropyChange(x.Name, x.ParameterCount, x.Entropy, y.Entropy)).ToList();

        // Energies are given or recomputed, never read back from "kelvin.energy": a stored number may be
        // stale or forged, and a network whose recomputed energy is not finite has no temperature.
        var (path, pathNote) = NetworkPath(before, after, trustedData);
        var source = energyBefore.HasValue ? EnergySource.Given : path is not null ? EnergySource.Recomputed : EnergySource.None;
        var energies = source switch
        {
            EnergySource.Given => (energyBefore!.Value, energyAfter!.Value),
            EnergySource.Recomputed => (path!.EnergyBefore, path.EnergyAfter),
            _ => ((double, double)?)null,
        };
        var temperatures = path is null ? null : layers.Select(l => LayerTemperatureOf(l, path)).ToList();
        if (energies is not var (e1, e2))
            return new(layers, a, b, null, pathNote is null
                    ? "no energies given: T = ΔE/ΔS needs the loss of both checkpoints on the same data (--energy-before, --energy-after)"
                    : $"no energies: {pathNote} (give --energy-before and --energy-after)",
                source, path, temperatures, pathNote, duplicates, matchNote);
        return new(layers, a, b, Transition.Between(State(e1, a), State(e2, b)), null, source, path, temperatures, pathNote, duplicates, matchNote);
    }

    /// <summary>The straight-path allocation when both files are compatible Kelvin networks whose data
    /// is bundled and whose recomputed energies are finite; else a note why not.</summary>
    private static (StraightPath? Path, string? Note) NetworkPath(CheckpointFile before, CheckpointFile after, string? trustedData)
    {
        var a = NetworkCheckpoint.Read(before);
        var b = NetworkCheckpoint.Read(after);
        if (a is null || b is null) return (null, null);
        if (StraightPath.Incompatibility(a, b) is string why) return (null, $"no per-layer T_l: {why}");
        try
        {
            var path = StraightPath.Between(a, b, trustedData: trustedData);
            if (!double.IsFinite(path.EnergyBefore) || !double.IsFinite(path.EnergyAfter))
                return (null, "no per-layer T_l: a recomputed energy is not finite (the network overflows on its data)");
            return (path, null);
        }
        catch (KelvinException e)
        {
            return (null, $"no per-layer T_l: {e.Message}");
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
    /// <summary>Recomputed by Kelvin on the evaluation set named in the networks' metadata (bundled data
    /// only). The "kelvin.energy" entry is never used: it may be stale or forged.</summary>
    Recomputed,
    /// <summary>Computed by ONNX Runtime: each checkpoint's weights in the user's model, on the user's data.</summary>
    Model,
}
