using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// The K recorded runs (ensemble members) of one training phase, checkpoint by checkpoint: every
/// member is recorded at the same steps. The state at checkpoint i has K samples: its energy is the
/// mean of the members' energies, its layer weights pool the members, and the energy allocated to
/// layer l is the members' mean.
/// </summary>
public sealed class RecordedTraining
{
    private readonly IReadOnlyList<TrajectoryRecorder> _members;

    /// <summary>The phase recorded by <paramref name="members"/> (at least one, same steps).</summary>
    public RecordedTraining(IReadOnlyList<TrajectoryRecorder> members)
    {
        if (members.Count == 0) throw new ArgumentException("no recorded member");
        var steps = members[0].Checkpoints.Select(c => c.Step).ToArray();
        if (steps.Length == 0) throw new KelvinException("a recorded training has no checkpoint");
        foreach (var m in members)
            if (!m.Checkpoints.Select(c => c.Step).SequenceEqual(steps))
                throw new ArgumentException("ensemble members were recorded at different steps");
        _members = members;
        Steps = steps;
    }

    /// <summary>The layers (names and parameter blocks).</summary>
    public IReadOnlyList<LayerSlice> Layers => _members[0].Layers;
    /// <summary>K.</summary>
    public int MemberCount => _members.Count;
    /// <summary>The optimizer step of each checkpoint.</summary>
    public IReadOnlyList<long> Steps { get; }
    /// <summary>The number of checkpoints.</summary>
    public int CheckpointCount => Steps.Count;

    /// <summary>E(i) = (1/K) Σ_k U(θ_k(t_i)) on the evaluation set.</summary>
    public double Energy(int i)
    {
        double s = 0;
        foreach (var m in _members) s += m.Checkpoints[i].Energy;
        return s / _members.Count;
    }

    /// <summary>Member k's energy at checkpoint i.</summary>
    public double MemberEnergy(int member, int i) => _members[member].Checkpoints[i].Energy;

    /// <summary>Σ over segments up to checkpoint i of ΔE_l, the members' mean (sign of ΔE).</summary>
    public double Allocation(int i, int layer)
    {
        double s = 0;
        foreach (var m in _members) s += m.Checkpoints[i].CumulativeAllocation[layer];
        return s / _members.Count;
    }

    /// <summary>Member k's cumulative allocation to layer l at checkpoint i (sign of ΔE).</summary>
    public double MemberAllocation(int member, int i, int layer) => _members[member].Checkpoints[i].CumulativeAllocation[layer];

    /// <summary>Member k's weights of layer l at checkpoint i (float32, not copied: do not modify).</summary>
    public float[] MemberWeights(int member, int i, int layer) => _members[member].Checkpoints[i].LayerWeights[layer];

    /// <summary>The weights of every layer at checkpoint i, one sample per member.</summary>
    public IReadOnlyList<LayerSamples> Weights(int i)
    {
        var layers = new List<LayerSamples>();
        for (int l = 0; l < Layers.Count; l++)
        {
            var samples = new LayerSamples(Layers[l].Name, Layers[l].WeightCount);
            foreach (var m in _members) samples.Add(m.Checkpoints[i].LayerWeights[l]);
            layers.Add(samples);
        }
        return layers;
    }

    /// <summary>
    /// The allocation residual Σ_segments |ΔE − Σ_l ΔE_l| / |E(last) − E(first)| (members' mean over
    /// the members' mean change); null when nothing changed.
    /// </summary>
    public double? AllocationResidual
    {
        get
        {
            double change = Energy(CheckpointCount - 1) - Energy(0);
            double residual = _members.Average(m => m.AbsoluteResidual);
            return change != 0 ? residual / Math.Abs(change) : null;
        }
    }

    /// <summary>Straight pieces the allocation used, all members (≥ one per segment).</summary>
    public long Pieces => _members.Sum(m => m.Pieces);

    /// <summary>The size of the fixed evaluation set.</summary>
    public int EvaluationSamples => _members[0].EvaluationSamples;

    /// <summary>Gradient evaluations on the evaluation set, all members.</summary>
    public long Evaluations => _members.Sum(m => m.Evaluations);
}
