namespace Kelvin.Checkpoints;

/// <summary>One layer's entropy in two checkpoints: ΔS_l = S_l(after) − S_l(before), in nats.</summary>
public sealed record LayerEntropyChange(string Name, long Count, double EntropyBefore, double EntropyAfter)
{
    /// <summary>ΔS_l = S_after − S_before.</summary>
    public double EntropyChange => EntropyAfter - EntropyBefore;
}
