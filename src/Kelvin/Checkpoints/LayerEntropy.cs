namespace Kelvin.Checkpoints;

/// <summary>
/// The particle-view entropy of one layer (THEORY §2): S_l = n_l · h(pooled weights of layer l),
/// with h the one-dimensional differential entropy of the layer's weights, in nats per weight.
/// </summary>
public sealed record LayerEntropy(string Name, IReadOnlyList<long> Shape, long Count, double PerWeight)
{
    /// <summary>S_l = n_l · h, in nats (extensive).</summary>
    public double Entropy => Count * PerWeight;
}
