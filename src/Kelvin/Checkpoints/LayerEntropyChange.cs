namespace Kelvin.Checkpoints;

/// <summary>One layer's particle-view entropy in two checkpoints, in nats: S_l before and after
/// (null for a layer without spread, S_l = −∞) and ΔS_l = S_l(after) − S_l(before).</summary>
public sealed record LayerEntropyChange(string Name, long Count, double? EntropyBefore, double? EntropyAfter)
{
    /// <summary>ΔS_l = S_after − S_before; null when either side is a point.</summary>
    public double? EntropyChange => EntropyAfter - EntropyBefore;
}
