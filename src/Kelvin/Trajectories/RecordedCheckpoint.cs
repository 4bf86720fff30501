namespace Kelvin.Trajectories;

/// <summary>
/// One recorded point of one training run: the step t, the energy U(θ(t)) on the fixed evaluation
/// set, each layer's weights (biases excluded: they carry no entropy), and the energy allocated to
/// each layer since the run's first checkpoint, Σ over segments of ΔE_l (sign of ΔE).
/// </summary>
public sealed record RecordedCheckpoint(long Step, double Energy, float[][] LayerWeights, double[] CumulativeAllocation);
