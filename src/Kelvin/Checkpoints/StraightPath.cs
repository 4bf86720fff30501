using Kelvin.Trajectories;

namespace Kelvin.Checkpoints;

/// <summary>
/// The loss change allocation (docs/theory.md §6) between two saved Kelvin networks along the straight path
/// θ(s) = θ_a + s·(θ_b − θ_a), s ∈ [0, 1]: per layer ΔE_l = ∫ ⟨∇_l U(θ(s)), θ_l(b) − θ_l(a)⟩ ds by
/// <see cref="LossChangeAllocator"/> (adaptive Simpson, so Σ_l ΔE_l = U(θ_b) − U(θ_a) to its
/// tolerance), with U the loss on the fixed evaluation set rebuilt from the checkpoints'
/// <see cref="NetworkProvenance"/> (<see cref="NetworkPotential"/>).
/// <para>An approximation: training did not move along the straight line, and the allocation is
/// path-dependent (∇U is not the gradient of a per-layer-separable function), so these ΔE_l are
/// those of the straight path, not of the recorded trajectory that `kelvin train` integrates. Their
/// sum is exact (U is a potential); their split between layers is not.</para>
/// </summary>
public sealed record StraightPath(double EnergyBefore, double EnergyAfter, IReadOnlyList<string> LayerNames, SegmentAllocation Allocation, int EvaluationSamples, long Evaluations)
{
    /// <summary>ΔE = U(θ_b) − U(θ_a) on the evaluation set.</summary>
    public double EnergyChange => EnergyAfter - EnergyBefore;

    /// <summary>The relative allocation residual |ΔE − Σ_l ΔE_l| / |ΔE| (null when ΔE = 0).</summary>
    public double? RelativeResidual => EnergyChange != 0 ? Allocation.Residual / Math.Abs(EnergyChange) : null;

    /// <summary>Why the two networks admit no common path (different shapes, loss or data), or null.</summary>
    public static string? Incompatibility(NetworkCheckpoint before, NetworkCheckpoint after)
    {
        if (before.Network.Architecture.ToString() != after.Network.Architecture.ToString())
            return $"the networks differ ({before.Network.Architecture} vs {after.Network.Architecture})";
        if (!before.Provenance.SameDataAs(after.Provenance))
            return "the two networks were not saved with the same loss, dataset, seed and evaluation set";
        if (!before.Provenance.HasData) return "the checkpoints do not name their dataset";
        return null;
    }

    /// <summary>The allocation between <paramref name="before"/> and <paramref name="after"/> (see
    /// <see cref="Incompatibility"/>; loading the data may throw a <see cref="KelvinException"/>).
    /// <paramref name="trustedData"/> is a CSV path the user named, which the metadata may point to
    /// (see <see cref="NetworkProvenance.EvaluationSet"/>).</summary>
    public static StraightPath Between(NetworkCheckpoint before, NetworkCheckpoint after, AllocationTolerance? tolerance = null, string? trustedData = null)
    {
        if (Incompatibility(before, after) is string why) throw new KelvinException($"no straight path between the checkpoints: {why}");
        var evaluation = before.Provenance.EvaluationSet(trustedData);
        var architecture = before.Network.Architecture;
        var potential = new NetworkPotential(architecture, evaluation, before.Provenance.EnergyForm);
        var allocator = new LossChangeAllocator(potential, tolerance);
        var a = allocator.Evaluate(Array.ConvertAll(before.Network.Parameters, v => (double)v));
        var b = allocator.Evaluate(Array.ConvertAll(after.Network.Parameters, v => (double)v));
        var allocation = allocator.Allocate(a, b);
        return new StraightPath(a.Energy, b.Energy, [.. potential.Layers.Select(l => l.Name)], allocation, potential.EvaluationSamples, allocator.Evaluations);
    }
}
