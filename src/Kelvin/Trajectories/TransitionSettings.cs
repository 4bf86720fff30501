using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// How a recorded phase is read as a transition: the final state is the mean over the last
/// <see cref="LateIterates"/> checkpoints (energies, entropies and allocations averaged; iterates are
/// not pooled into one sample, since near-copies of each weight would collapse nearest-neighbour and
/// spacing estimates); T(t) uses windows of <see cref="CurveWindow"/> checkpoints; h is
/// <see cref="Estimator"/> (default ebrahimi: along a trajectory its estimates move smoothly with the
/// weights — on digits 64-64 the checkpoint-to-checkpoint noise of S is ≈ 2 nats against ≈ 90 for
/// knn with k = 3 — and ΔS does not depend on its constant bias); entropies and temperatures are
/// read in <see cref="View"/> (docs/theory.md §2); with one member the standard errors come from
/// <see cref="BootstrapReplicates"/> bootstrap replicates drawn from <see cref="Seed"/>.
/// </summary>
public sealed record TransitionSettings(int LateIterates = 5, int CurveWindow = 1, IEntropyEstimator? Estimator = null,
    EntropyView View = EntropyView.Particle, int BootstrapReplicates = 100, ulong Seed = 1)
{
    /// <summary>Late iterates 5, window 1, ebrahimi, particle view, 100 bootstrap replicates, seed 1.</summary>
    public static TransitionSettings Default { get; } = new();

    /// <summary>The estimator to use.</summary>
    public IEntropyEstimator EntropyEstimator => Estimator ?? new EbrahimiEntropy();

    internal void Validate()
    {
        if (LateIterates < 1) throw new KelvinException($"late iterates must be at least 1 (got {LateIterates})");
        if (BootstrapReplicates < 2) throw new KelvinException($"bootstrap replicates must be at least 2 (got {BootstrapReplicates})");
        if (CurveWindow < 1) throw new KelvinException($"the T(t) window must be at least 1 checkpoint (got {CurveWindow})");
    }
}
