namespace Kelvin.Trajectories;

/// <summary>
/// Records one training run at checkpoints (every k optimizer steps, chosen by the caller): the energy
/// on a fixed evaluation set, the weights of every layer, and the loss change allocation of the segment
/// since the previous checkpoint (<see cref="LossChangeAllocator"/>). Between checkpoints the allocation
/// integrates the gradient along the straight chord θ(t−k) → θ(t), not along the k SGD steps: the
/// chord's total ΔE is the true ΔE (U is a potential), so the residual measures the quadrature error;
/// the split between layers is the chord's (k = 1 follows the optimizer's path exactly).
/// </summary>
public sealed class TrajectoryRecorder
{
    private readonly LossChangeAllocator? _allocator;
    private readonly ILayeredPotential? _potential;
    private readonly IReadOnlyList<LayerSlice> _layers;
    private readonly List<RecordedCheckpoint> _checkpoints = [];
    private PotentialPoint? _last;
    private double[] _cumulative;
    private double _absoluteResidual;
    private long _pieces;

    /// <summary>A recorder of a run on <paramref name="potential"/> (U on the evaluation set).</summary>
    public TrajectoryRecorder(ILayeredPotential potential, AllocationTolerance? tolerance = null, AllocationRule rule = AllocationRule.Trapezoid)
    {
        _potential = potential;
        _layers = potential.Layers;
        _allocator = new LossChangeAllocator(potential, tolerance, rule);
        _cumulative = new double[potential.Layers.Count];
    }

    /// <summary>A recorder of a run whose energies and allocations are measured outside Kelvin's
    /// networks (<see cref="Thermometer"/>), filled by <see cref="Append"/>.</summary>
    internal TrajectoryRecorder(IReadOnlyList<LayerSlice> layers)
    {
        _layers = layers;
        _cumulative = new double[layers.Count];
    }

    /// <summary>The layers of θ.</summary>
    public IReadOnlyList<LayerSlice> Layers => _layers;
    /// <summary>The checkpoints so far, in step order.</summary>
    public IReadOnlyList<RecordedCheckpoint> Checkpoints => _checkpoints;
    /// <summary>Σ over segments of |ΔE − Σ_l ΔE_l|.</summary>
    public double AbsoluteResidual => _absoluteResidual;
    /// <summary>Straight pieces the allocation used (≥ one per segment).</summary>
    public long Pieces => _pieces;
    /// <summary>Samples in the evaluation set (0 when the potential is not a dataset's).</summary>
    public int EvaluationSamples => (_potential as NetworkPotential)?.EvaluationSamples ?? 0;
    /// <summary>Gradient evaluations on the evaluation set so far.</summary>
    public long Evaluations => _allocator?.Evaluations ?? 0;

    /// <summary>Records θ at optimizer step <paramref name="step"/> (steps strictly increase).</summary>
    /// <exception cref="KelvinException">when the energy is not finite (a diverging run), naming the step.</exception>
    public RecordedCheckpoint Record(long step, ReadOnlySpan<double> theta)
    {
        if (_allocator is null || _potential is null) throw new InvalidOperationException("this recorder has no potential: use Append");
        CheckStep(step);
        PotentialPoint point;
        try { point = _allocator.Evaluate(theta); }
        catch (KelvinException e) { throw new KelvinException($"training diverged at step {step}: {e.Message}"); }
        if (_last is not null)
        {
            var segment = _allocator.Allocate(_last, point);
            for (int l = 0; l < _cumulative.Length; l++) _cumulative[l] += segment.LayerChanges[l];
            _absoluteResidual += segment.Residual;
            _pieces += segment.Pieces;
        }
        if (_last is not null) _allocator.Recycle(_last);
        _last = point;
        var weights = new float[_layers.Count][];
        for (int l = 0; l < weights.Length; l++)
        {
            var slice = _layers[l];
            var w = new float[slice.WeightCount];
            for (int j = 0; j < w.Length; j++) w[j] = (float)theta[slice.Offset + j];
            weights[l] = w;
        }
        var checkpoint = new RecordedCheckpoint(step, point.Energy, weights, (double[])_cumulative.Clone());
        _checkpoints.Add(checkpoint);
        return checkpoint;
    }

    /// <summary>Adds a checkpoint measured elsewhere: the energy at <paramref name="step"/>, each layer's
    /// weights, and the allocation of the segment since the previous checkpoint (null for the first,
    /// or when the run has no per-layer allocation).</summary>
    internal RecordedCheckpoint Append(long step, double energy, float[][] weights, SegmentAllocation? segment)
    {
        CheckStep(step);
        if (segment is not null)
        {
            for (int l = 0; l < _cumulative.Length; l++) _cumulative[l] += segment.LayerChanges[l];
            _absoluteResidual += segment.Residual;
            _pieces += segment.Pieces;
        }
        var checkpoint = new RecordedCheckpoint(step, energy, weights, (double[])_cumulative.Clone());
        _checkpoints.Add(checkpoint);
        return checkpoint;
    }

    private void CheckStep(long step)
    {
        if (_checkpoints.Count > 0 && step <= _checkpoints[^1].Step) throw new ArgumentException($"checkpoint steps must increase ({step} after {_checkpoints[^1].Step})");
    }
}
