namespace Kelvin.Thermodynamics;

/// <summary>
/// The samples of one layer's weights in a state (docs/theory.md §2): N samples — K ensemble members, each
/// optionally contributing M late iterates, so N = K·M — of the layer's n_l weights, stored
/// sample-major in float64. Biases do not belong here (they are not part of the entropy, docs/theory.md §1).
/// Build it with <see cref="Add(ReadOnlySpan{double})"/> (or the float32 overload) one sample at a
/// time, or with <see cref="Of(string, IEnumerable{double[]})"/>.
/// </summary>
public sealed class LayerSamples
{
    private double[] _values;

    /// <summary>An empty layer called <paramref name="name"/> with <paramref name="parameterCount"/> weights.</summary>
    public LayerSamples(string name, int parameterCount)
    {
        if (parameterCount < 1) throw new KelvinException($"layer '{name}' needs at least one weight (got {parameterCount})");
        Name = name;
        ParameterCount = parameterCount;
        _values = new double[parameterCount * 4];
    }

    /// <summary>A layer from its samples (each one weight vector of equal length).</summary>
    public static LayerSamples Of(string name, IEnumerable<double[]> samples)
    {
        LayerSamples? layer = null;
        foreach (var s in samples) (layer ??= new LayerSamples(name, s.Length)).Add(s);
        return layer ?? throw new KelvinException($"layer '{name}' has no samples");
    }

    /// <summary>A layer from float32 samples (e.g. the weight matrices of an MLP ensemble).</summary>
    public static LayerSamples Of(string name, IEnumerable<float[]> samples)
    {
        LayerSamples? layer = null;
        foreach (var s in samples) (layer ??= new LayerSamples(name, s.Length)).Add(s);
        return layer ?? throw new KelvinException($"layer '{name}' has no samples");
    }

    /// <summary>The layer's name, e.g. "layer1" or "w".</summary>
    public string Name { get; }
    /// <summary>n_l, the number of weights in the layer.</summary>
    public int ParameterCount { get; }
    /// <summary>N, the number of samples (members × iterates).</summary>
    public int SampleCount { get; private set; }

    /// <summary>Appends one sample (a member, or one late iterate of a member); the weights are copied.</summary>
    public void Add(ReadOnlySpan<double> weights)
    {
        Span<double> slot = Append(weights.Length);
        for (int j = 0; j < weights.Length; j++)
        {
            if (!double.IsFinite(weights[j])) throw new KelvinException($"layer '{Name}': sample {SampleCount + 1} has a non-finite weight ({weights[j]}) at {j + 1}");
            slot[j] = weights[j];
        }
        SampleCount++;
    }

    /// <summary>Appends one float32 sample; the weights are widened to float64.</summary>
    public void Add(ReadOnlySpan<float> weights)
    {
        Span<double> slot = Append(weights.Length);
        for (int j = 0; j < weights.Length; j++)
        {
            if (!float.IsFinite(weights[j])) throw new KelvinException($"layer '{Name}': sample {SampleCount + 1} has a non-finite weight ({weights[j]}) at {j + 1}");
            slot[j] = weights[j];
        }
        SampleCount++;
    }

    private Span<double> Append(int length)
    {
        if (length != ParameterCount) throw new KelvinException($"layer '{Name}' has {ParameterCount} weights but a sample has {length}");
        int needed = (SampleCount + 1) * ParameterCount;
        if (needed > _values.Length) Array.Resize(ref _values, Math.Max(needed, 2 * _values.Length));
        return _values.AsSpan(SampleCount * ParameterCount, ParameterCount);
    }

    /// <summary>Sample s's weight vector.</summary>
    public ReadOnlySpan<double> Sample(int s) => _values.AsSpan(s * ParameterCount, ParameterCount);

    /// <summary>All N·n_l weights pooled (sample-major): the particle view's sample.</summary>
    public ReadOnlySpan<double> Pooled => _values.AsSpan(0, SampleCount * ParameterCount);

    /// <summary>Parameter j across the N samples: the ensemble view's marginal sample.</summary>
    public double[] Parameter(int j)
    {
        var column = new double[SampleCount];
        for (int s = 0; s < SampleCount; s++) column[s] = _values[s * ParameterCount + j];
        return column;
    }

    /// <summary>A copy with every weight multiplied by <paramref name="factor"/> (a change of unit).</summary>
    public LayerSamples Scaled(double factor)
    {
        var copy = new LayerSamples(Name, ParameterCount);
        copy._values = Pooled.ToArray();
        for (int i = 0; i < copy._values.Length; i++) copy._values[i] *= factor;
        copy.SampleCount = SampleCount;
        return copy;
    }
}
