namespace Kelvin.Networks.Training;

/// <summary>
/// What a training hook sees: member k's network after <see cref="Step"/> updates. The network is
/// live (read its <see cref="Mlp.Parameters"/> now, copy them if they must be kept; don't modify them).
/// </summary>
public sealed class TrainingProgress
{
    internal TrainingProgress(Mlp network, int member) { Network = network; Member = member; }

    /// <summary>The network being trained.</summary>
    public Mlp Network { get; }
    /// <summary>Ensemble member k (0 for a single run).</summary>
    public int Member { get; }
    /// <summary>Updates done so far (0 before the first).</summary>
    public long Step { get; internal set; }
    /// <summary>Zero-based epoch of the last update (0 at step 0).</summary>
    public int Epoch { get; internal set; }
    /// <summary>Energy of the last minibatch, measured before its update (null at step 0).</summary>
    public double? BatchEnergy { get; internal set; }
    /// <summary>Whether this is the last call of the run.</summary>
    public bool IsFinal { get; internal set; }
}

/// <summary>The outcome of one training run.</summary>
/// <param name="Member">Ensemble member k.</param>
/// <param name="Steps">Updates made.</param>
/// <param name="FinalBatchEnergy">Energy of the last minibatch (before its update).</param>
public sealed record TrainingResult(int Member, long Steps, double FinalBatchEnergy);
