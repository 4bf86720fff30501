using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Checkpoints;

/// <summary>
/// Two checkpoints of the same model (BEFORE → AFTER: init → trained, or before → after a
/// fine-tune): per-layer entropies and ΔS_l, the global ΔS = Σ_l ΔS_l and, given the two energies
/// (losses on the same data), the transition temperature T = ΔE/ΔS with its regime
/// (<see cref="Transition"/>). Without energies <see cref="Transition"/> is null and
/// <see cref="TemperatureNote"/> says why.
/// </summary>
public sealed record CheckpointComparison(
    IReadOnlyList<LayerEntropyChange> Layers,
    StateEntropy Before,
    StateEntropy After,
    Transition? Transition,
    string? TemperatureNote)
{
    /// <summary>ΔS = S_after − S_before = Σ_l ΔS_l, in nats; null when a state is a point (S = −∞).</summary>
    public double? EntropyChange => After.Total - Before.Total;

    /// <summary>Compares two opened checkpoints. Both must hold the same weight tensors with the same
    /// shapes; <paramref name="energyBefore"/>/<paramref name="energyAfter"/> are both given or both null.</summary>
    public static CheckpointComparison Compare(CheckpointFile before, CheckpointFile after, ParameterSelection selection, IEntropyEstimator estimator,
        double? energyBefore = null, double? energyAfter = null, int maxParallelism = -1)
    {
        CheckMatchingLayers(selection.Weights(before), selection.Weights(after));
        var a = CheckpointEntropy.OfLayers(before, selection, estimator, maxParallelism);
        var b = CheckpointEntropy.OfLayers(after, selection, estimator, maxParallelism);
        var layers = a.Layers.Zip(b.Layers, (x, y) => new LayerEntropyChange(x.Name, x.ParameterCount, x.Entropy, y.Entropy)).ToList();
        if (energyBefore.HasValue != energyAfter.HasValue)
            throw new KelvinException("give both energies (--energy-before and --energy-after) or neither");
        if (energyBefore is double e1 && energyAfter is double e2)
            return new(layers, a, b, Transition.Between(State(e1, a), State(e2, b)), null);
        return new(layers, a, b, null, "no energies given: T = ΔE/ΔS needs the loss of both checkpoints on the same data (--energy-before, --energy-after)");
    }

    private static ThermodynamicState State(double energy, StateEntropy entropy) =>
        entropy.Total is double s ? ThermodynamicState.Of(energy, s) : ThermodynamicState.Point(energy);

    private static void CheckMatchingLayers(IReadOnlyList<CheckpointTensor> before, IReadOnlyList<CheckpointTensor> after)
    {
        if (before.Count == 0) throw new KelvinException("BEFORE has no weight tensors (see --include)");
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
