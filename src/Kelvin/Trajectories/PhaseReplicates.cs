using Kelvin.Entropy;
using Kelvin.Randomness;
using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// One replicate of a recorded phase: at every state s — checkpoints 0..n−1, and s = n the trained
/// state (the late iterates) — the energy E(s), each layer's cumulative allocation A_l(s) and each
/// layer's entropy S_l(s) (null: a point). Checkpoints carry the curve's view, the trained state the
/// phase's view (they differ only in the thermal view: one checkpoint has no thermal entropy).
/// </summary>
internal sealed record ReplicateStates(double[] Energy, double[][] Allocation, double?[][] Entropy);

/// <summary>
/// A recorded phase as replicates for the uncertainty of its temperatures (docs/theory.md §2, "Uncertainty"):
/// <list type="bullet">
/// <item>particle or thermal view, K ≥ 2 members: replicate k is member k alone (its own energies,
/// allocations and entropies); the full state is their mean; T ± SE by <see cref="TemperatureEstimate.FromMembers"/>.</item>
/// <item>ensemble view (K ≥ <see cref="MinimumEnsembleMembers"/>): S_l = Σ_j ½ ln(2πe·v_j), v_j the
/// variance of weight j across the members; replicate k leaves member k out;
/// <see cref="TemperatureEstimate.FromLeaveOneOut"/>.</item>
/// <item>K = 1: B bootstrap replicates that resample, per layer, the weight indices j with replacement
/// (the same indices at every state, so the change is paired); the energies are exact on the fixed
/// evaluation set and are not resampled; <see cref="TemperatureEstimate.FromBootstrap"/>.</item>
/// </list>
/// The trained state: in the particle and ensemble views the mean of S_l over the late iterates; in
/// the thermal view the diagonal Gaussian of each run's late iterates with the χ² bias of M iterates removed
/// (<see cref="StateEntropies.Thermal"/>, the function the linear theory's simulation uses),
/// against the particle entropy of the initial state (exact for i.i.d. initial weights, where all views agree).
/// Network weights are recorded in float32, so a weight that never moves (a dead relu unit's) has the
/// float32 quantization variance instead of 0 (<see cref="StateEntropies.DiagonalGaussianTerms"/>).
/// </summary>
internal sealed class PhaseReplicates
{
    /// <summary>The fewest members of the ensemble view of a network (<see cref="EntropyViews.MinimumNetworkEnsembleMembers"/>).</summary>
    public const int MinimumEnsembleMembers = EntropyViews.MinimumNetworkEnsembleMembers;

    private PhaseReplicates(ReplicateStates full, IReadOnlyList<ReplicateStates> replicates, UncertaintyMethod method,
                            EntropyView view, EntropyView curveView, LateWindow window)
    {
        Full = full;
        Replicates = replicates;
        Method = method;
        View = view;
        CurveView = curveView;
        Window = window;
    }

    /// <summary>All members together: the point estimates.</summary>
    public ReplicateStates Full { get; }
    /// <summary>Members, leave-one-out sets or bootstrap replicates.</summary>
    public IReadOnlyList<ReplicateStates> Replicates { get; }
    /// <summary>How <see cref="Replicates"/> give a standard error.</summary>
    public UncertaintyMethod Method { get; }
    /// <summary>The view of the trained state (global and per-layer temperatures).</summary>
    public EntropyView View { get; }
    /// <summary>The view of single checkpoints (the T(t) curves): <see cref="View"/>, or particle for thermal.</summary>
    public EntropyView CurveView { get; }
    /// <summary>The late iterates of the trained state.</summary>
    public LateWindow Window { get; }
    /// <summary>n: the index of the trained state (checkpoints are 0..n−1).</summary>
    public int Trained => Full.Energy.Length - 1;

    /// <summary>The replicates of <paramref name="run"/> read with <paramref name="settings"/>.</summary>
    /// <exception cref="KelvinException">when the view needs more members or late iterates than the run has.</exception>
    public static PhaseReplicates Of(RecordedTraining run, TransitionSettings settings)
    {
        int n = run.CheckpointCount, k = run.MemberCount, layers = run.Layers.Count;
        var view = settings.View;
        if (view is not (EntropyView.Particle or EntropyView.Ensemble or EntropyView.Thermal))
            throw new KelvinException($"a network's transition is read in the particle, ensemble or thermal view (got {view.Name()})");
        if (n < 2) throw new KelvinException($"a transition needs at least 2 checkpoints (got {n})");
        int late = Math.Clamp(settings.LateIterates, 1, n - 1);
        if (view == EntropyView.Thermal && late < EntropyViews.MinimumThermalIterates)
            throw new KelvinException($"the thermal view needs at least {EntropyViews.MinimumThermalIterates} late iterates after the first checkpoint; this run has {late} (raise --late, or record more checkpoints with a smaller --every)");
        if (view == EntropyView.Ensemble && k < MinimumEnsembleMembers)
            throw new KelvinException($"the ensemble view of a network needs at least {MinimumEnsembleMembers} members (--ensemble {MinimumEnsembleMembers}); this run has {k}");
        var lateIdx = Enumerable.Range(n - late, late).ToArray();
        var window = new LateWindow(run.Steps[n - late], run.Steps[n - 1], late > 1 ? run.Steps[n - late + 1] - run.Steps[n - late] : 0, late);
        var curveView = view == EntropyView.Thermal ? EntropyView.Particle : view;
        var estimator = settings.EntropyEstimator;

        if (view == EntropyView.Ensemble)
        {
            var all = Enumerable.Range(0, k).ToArray();
            var loo = Enumerable.Range(0, k).Select(out_ => Ensemble(run, all.Where(m => m != out_).ToArray(), lateIdx)).ToList();
            return new(Ensemble(run, all, lateIdx), loo, UncertaintyMethod.Members, view, curveView, window);
        }
        if (k >= 2)
        {
            var members = new ReplicateStates[k];
            Parallel.For(0, k, m => members[m] = Member(run, m, lateIdx, view, estimator));
            return new(Mean(members), members, UncertaintyMethod.Members, view, curveView, window);
        }
        var full = Member(run, 0, lateIdx, view, estimator);
        var replicates = new ReplicateStates[settings.BootstrapReplicates];
        var sorted = SortedCheckpoints.Of(run);
        Parallel.For(0, replicates.Length,
            () => new ResampleScratch(run.Layers.Select(l => l.WeightCount).ToArray()),
            (b, _, scratch) =>
            {
                var rng = new Rng(settings.Seed, 0xB0075u + (ulong)b);
                var indices = new int[layers][];
                for (int l = 0; l < layers; l++)
                {
                    int count = run.Layers[l].WeightCount;
                    indices[l] = new int[count];
                    for (int j = 0; j < count; j++) indices[l][j] = rng.NextInt(count);
                }
                replicates[b] = full with { Entropy = Entropies(run, 0, lateIdx, view, estimator, (indices, sorted, scratch)) };
                return scratch;
            },
            _ => { });
        return new(full, replicates, UncertaintyMethod.Bootstrap, view, curveView, window);
    }

    /// <summary>T ± SE of the transition from state <paramref name="from"/> to <paramref name="to"/>:
    /// global (<paramref name="layer"/> null: ΔE = E(to) − E(from), ΔS = Σ_l ΔS_l) or of one layer
    /// (ΔE_l from the allocation). Tolerances as <see cref="TransitionTolerance.Default"/> on the full state.</summary>
    public TemperatureEstimate Between(int from, int to, int? layer)
    {
        var view = to == Trained ? View : CurveView;
        double dE = EnergyChange(Full, from, to, layer);
        if (EntropyChange(Full, from, to, layer) is not double dS) return TemperatureEstimate.Point(dE, view);
        var tol = TransitionTolerance.Default;
        double eTol = tol.Energy(Full.Energy[from], Full.Energy[to]);
        double sFrom = Sum(Full.Entropy[from], layer)!.Value, sTo = Sum(Full.Entropy[to], layer)!.Value;
        double sTol = tol.Entropy(sFrom, sTo);
        int r = Replicates.Count;
        var dEs = new double[r];
        var dSs = new double[r];
        for (int i = 0; i < r; i++)
        {
            dEs[i] = EnergyChange(Replicates[i], from, to, layer);
            if (EntropyChange(Replicates[i], from, to, layer) is not double s)
                return TemperatureEstimate.Single(dE, dS, view, eTol, sTol); // a replicate collapsed to a point: no SE
            dSs[i] = s;
        }
        return Method switch
        {
            UncertaintyMethod.Bootstrap => TemperatureEstimate.FromBootstrap(dE, dS, dEs, dSs, view, eTol, sTol),
            _ when View == EntropyView.Ensemble => TemperatureEstimate.FromLeaveOneOut(dE, dS, dEs, dSs, view, eTol, sTol),
            _ => TemperatureEstimate.FromMembers(dEs, dSs, view, eTol, sTol),
        };
    }

    private static double EnergyChange(ReplicateStates s, int from, int to, int? layer) =>
        layer is int l ? s.Allocation[to][l] - s.Allocation[from][l] : s.Energy[to] - s.Energy[from];

    private static double? EntropyChange(ReplicateStates s, int from, int to, int? layer) =>
        Sum(s.Entropy[to], layer) - Sum(s.Entropy[from], layer);

    /// <summary>S_l of one layer, or Σ_l S_l (null if any layer is a point).</summary>
    internal static double? Sum(double?[] entropies, int? layer)
    {
        if (layer is int l) return entropies[l];
        double total = 0;
        foreach (var s in entropies)
        {
            if (s is not double x) return null;
            total += x;
        }
        return total;
    }

    /// <summary>Member m alone: its energies, allocations and entropies.</summary>
    private static ReplicateStates Member(RecordedTraining run, int m, int[] lateIdx, EntropyView view, IEntropyEstimator estimator)
    {
        int n = run.CheckpointCount, layers = run.Layers.Count;
        var energy = new double[n + 1];
        var allocation = new double[n + 1][];
        for (int i = 0; i < n; i++)
        {
            energy[i] = run.MemberEnergy(m, i);
            allocation[i] = Enumerable.Range(0, layers).Select(l => run.MemberAllocation(m, i, l)).ToArray();
        }
        energy[n] = lateIdx.Average(i => energy[i]);
        allocation[n] = Enumerable.Range(0, layers).Select(l => lateIdx.Average(i => allocation[i][l])).ToArray();
        return new(energy, allocation, Entropies(run, m, lateIdx, view, estimator, null));
    }

    /// <summary>Member m's S_l at every checkpoint (particle) and in the trained state (the view's),
    /// with the weight indices of each layer resampled by <paramref name="resample"/> when given (member
    /// 0's checkpoints, sorted once: <see cref="SortedCheckpoints"/>).</summary>
    private static double?[][] Entropies(RecordedTraining run, int m, int[] lateIdx, EntropyView view, IEntropyEstimator estimator,
                                         (int[][] Indices, SortedCheckpoints Sorted, ResampleScratch Scratch)? resample)
    {
        int n = run.CheckpointCount, layers = run.Layers.Count;
        var entropy = new double?[n + 1][];
        int[][]? indices = resample?.Indices;
        int[][]? counts = indices?.Select(SortedCheckpoints.Multiplicities).ToArray();
        for (int i = 0; i < n; i++)
        {
            entropy[i] = new double?[layers];
            for (int l = 0; l < layers; l++)
            {
                var w = run.MemberWeights(m, i, l);
                string name = run.Layers[l].Name;
                entropy[i][l] = counts is null
                    ? StateEntropies.Particle(name, w.Length, 1, w.Select(x => (double)x).ToArray(), estimator).Entropy
                    : StateEntropies.ParticleSorted(name, w.Length, 1, resample!.Value.Sorted.Resample(i, l, counts[l], resample.Value.Scratch.Values[l]),
                                                    estimator, resample.Value.Scratch.Resolved[l], resample.Value.Scratch.Bounds[l]).Entropy;
            }
        }
        entropy[n] = new double?[layers];
        for (int l = 0; l < layers; l++)
        {
            if (view != EntropyView.Thermal) { entropy[n][l] = MeanOrNull(lateIdx.Select(i => entropy[i][l])); continue; }
            var iterates = new LayerSamples(run.Layers[l].Name, run.Layers[l].WeightCount);
            foreach (int i in lateIdx) iterates.Add(run.MemberWeights(m, i, l));
            if (indices is null) { entropy[n][l] = StateEntropies.Thermal(iterates, float32Weights: true).Entropy; continue; }
            var terms = StateEntropies.ThermalTerms(iterates, float32Weights: true);
            entropy[n][l] = terms is null ? null : indices[l].Sum(j => terms[j]);
        }
        return entropy;
    }

    /// <summary>One thread's buffers for the bootstrap's resamples, one set per layer (a resample, its
    /// dequantized values and where its ties are), reused from checkpoint to checkpoint and replicate to
    /// replicate: a layer's sample is dropped as soon as its entropy is estimated.</summary>
    private sealed class ResampleScratch(int[] weightCounts)
    {
        public double[][] Values { get; } = weightCounts.Select(n => new double[n]).ToArray();
        public double[][] Resolved { get; } = weightCounts.Select(n => new double[n]).ToArray();
        public int[][] Bounds { get; } = weightCounts.Select(n => new int[n + 4]).ToArray();
    }

    /// <summary>The members in <paramref name="subset"/> together, in the ensemble view: mean energies
    /// and allocations, S_l = Σ_j ½ ln(2πe·v_j) across them at each checkpoint, the late mean for the trained state.</summary>
    private static ReplicateStates Ensemble(RecordedTraining run, int[] subset, int[] lateIdx)
    {
        int n = run.CheckpointCount, layers = run.Layers.Count;
        var energy = new double[n + 1];
        var allocation = new double[n + 1][];
        var entropy = new double?[n + 1][];
        for (int i = 0; i < n; i++)
        {
            energy[i] = subset.Average(m => run.MemberEnergy(m, i));
            allocation[i] = Enumerable.Range(0, layers).Select(l => subset.Average(m => run.MemberAllocation(m, i, l))).ToArray();
            entropy[i] = new double?[layers];
            for (int l = 0; l < layers; l++)
            {
                var samples = new LayerSamples(run.Layers[l].Name, run.Layers[l].WeightCount);
                foreach (int m in subset) samples.Add(run.MemberWeights(m, i, l));
                entropy[i][l] = StateEntropies.DiagonalGaussian(samples, float32Weights: true).Entropy;
            }
        }
        energy[n] = lateIdx.Average(i => energy[i]);
        allocation[n] = Enumerable.Range(0, layers).Select(l => lateIdx.Average(i => allocation[i][l])).ToArray();
        entropy[n] = Enumerable.Range(0, layers).Select(l => MeanOrNull(lateIdx.Select(i => entropy[i][l]))).ToArray();
        return new(energy, allocation, entropy);
    }

    /// <summary>The members' mean, entry by entry (an entropy is null when any member's is).</summary>
    private static ReplicateStates Mean(IReadOnlyList<ReplicateStates> members)
    {
        var first = members[0];
        int states = first.Energy.Length, layers = first.Allocation[0].Length;
        var energy = new double[states];
        var allocation = new double[states][];
        var entropy = new double?[states][];
        for (int s = 0; s < states; s++)
        {
            energy[s] = members.Average(m => m.Energy[s]);
            allocation[s] = Enumerable.Range(0, layers).Select(l => members.Average(m => m.Allocation[s][l])).ToArray();
            entropy[s] = Enumerable.Range(0, layers).Select(l => MeanOrNull(members.Select(m => m.Entropy[s][l]))).ToArray();
        }
        return new(energy, allocation, entropy);
    }

    private static double? MeanOrNull(IEnumerable<double?> values)
    {
        double s = 0; int c = 0;
        foreach (var v in values)
        {
            if (v is not double x) return null;
            s += x; c++;
        }
        return c > 0 ? s / c : null;
    }
}
