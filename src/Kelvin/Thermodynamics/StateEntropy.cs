namespace Kelvin.Thermodynamics;

/// <summary>
/// One layer's entropy S_l in nats (extensive), or null when the layer has no spread (a point:
/// S_l = −∞). <see cref="TieFraction"/> is the largest fraction of tied values met in its samples.
/// </summary>
public sealed record LayerEntropy(string Name, int ParameterCount, int SampleCount, double? Entropy, double TieFraction)
{
    /// <summary>S_l / n_l: the entropy per weight (null for a point).</summary>
    public double? PerParameter => Entropy / ParameterCount;
    /// <summary>True when the layer has no spread (S_l = −∞).</summary>
    public bool IsPoint => Entropy is null;
}

/// <summary>
/// A state's entropy in one view with one estimator: S = Σ_l S_l over its layers (docs/theory.md §2);
/// <see cref="Total"/> is null when some layer is a point (S = −∞, a point state).
/// </summary>
public sealed record StateEntropy(EntropyView View, string Estimator, IReadOnlyList<LayerEntropy> Layers)
{
    /// <summary>S = Σ_l S_l in nats, summed in layer order; null for a point state.</summary>
    public double? Total
    {
        get
        {
            double s = 0;
            foreach (var l in Layers)
            {
                if (l.Entropy is not double e) return null;
                s += e;
            }
            return s;
        }
    }

    /// <summary>True when some layer has no spread.</summary>
    public bool IsPoint => Layers.Any(l => l.IsPoint);
}
