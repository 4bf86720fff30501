namespace Kelvin.Trajectories;

/// <summary>
/// One layer of a foreign model at one recorded step, as a <see cref="Thermometer"/> reads it: the
/// layer's weights (they carry entropy, S_l = n_l·h(weights) in the particle view), optionally its
/// biases (energy but no entropy, docs/theory.md §1), and optionally the gradient of the loss with
/// respect to both (then the thermometer allocates ΔE to layers, ΔE_l = ⟨ḡ_l, Δθ_l⟩). Values are
/// copied to float64 at construction, so the caller may reuse its buffers.
/// </summary>
public sealed class LayerReading
{
    private LayerReading(string name, double[] weights, double[] biases, double[]? weightGradient, double[]? biasGradient)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new KelvinException("a layer needs a name");
        if (weights.Length < 2) throw new KelvinException($"layer '{name}' needs at least 2 weights to have an entropy (got {weights.Length})");
        if (weightGradient is not null && weightGradient.Length != weights.Length)
            throw new KelvinException($"layer '{name}': {weights.Length} weights but {weightGradient.Length} weight gradients");
        if (biasGradient is not null && biasGradient.Length != biases.Length)
            throw new KelvinException($"layer '{name}': {biases.Length} biases but {biasGradient.Length} bias gradients");
        if ((weightGradient is null) != (biasGradient is null) && biases.Length > 0)
            throw new KelvinException($"layer '{name}': give the gradient of both weights and biases, or of neither");
        CheckFinite(name, "weights", weights);
        CheckFinite(name, "biases", biases);
        if (weightGradient is not null) CheckFinite(name, "gradient", weightGradient);
        if (biasGradient is not null) CheckFinite(name, "bias gradient", biasGradient);
        Name = name;
        Weights = weights;
        Biases = biases;
        WeightGradient = weightGradient;
        BiasGradient = biasGradient ?? (weightGradient is null ? null : []);
    }

    /// <summary>The layer's name (the same at every step).</summary>
    public string Name { get; }
    /// <summary>The weights θ_l (float64 copy).</summary>
    public IReadOnlyList<double> Weights { get; }
    /// <summary>The biases (empty when not given).</summary>
    public IReadOnlyList<double> Biases { get; }
    /// <summary>∂U/∂weights, or null.</summary>
    public IReadOnlyList<double>? WeightGradient { get; }
    /// <summary>∂U/∂biases (empty without biases), or null.</summary>
    public IReadOnlyList<double>? BiasGradient { get; }
    /// <summary>True when the gradient was given.</summary>
    public bool HasGradient => WeightGradient is not null;

    /// <summary>A layer of float64 weights, optionally with biases and the gradients of both.</summary>
    /// <exception cref="KelvinException">for mismatched lengths, fewer than 2 weights or a NaN/±∞ value.</exception>
    public static LayerReading Of(string name, ReadOnlySpan<double> weights, ReadOnlySpan<double> gradient = default,
        ReadOnlySpan<double> biases = default, ReadOnlySpan<double> biasGradient = default) =>
        new(name, weights.ToArray(), biases.ToArray(), gradient.IsEmpty ? null : gradient.ToArray(), biasGradient.IsEmpty ? null : biasGradient.ToArray());

    /// <summary>A layer of float32 weights (widened to float64), optionally with biases and gradients.</summary>
    /// <exception cref="KelvinException">for mismatched lengths, fewer than 2 weights or a NaN/±∞ value.</exception>
    public static LayerReading Of(string name, ReadOnlySpan<float> weights, ReadOnlySpan<float> gradient = default,
        ReadOnlySpan<float> biases = default, ReadOnlySpan<float> biasGradient = default) =>
        new(name, Widen(weights), Widen(biases), gradient.IsEmpty ? null : Widen(gradient), biasGradient.IsEmpty ? null : Widen(biasGradient));

    /// <summary>The layer's parameters in allocation order: weights, then biases.</summary>
    internal int ParameterCount => Weights.Count + Biases.Count;

    internal void CopyParameters(Span<double> into)
    {
        var w = (double[])Weights; var b = (double[])Biases;
        w.CopyTo(into);
        b.CopyTo(into[w.Length..]);
    }

    internal void CopyGradient(Span<double> into)
    {
        var w = (double[])WeightGradient!; var b = (double[])BiasGradient!;
        w.CopyTo(into);
        b.CopyTo(into[w.Length..]);
    }

    internal float[] WeightsAsFloat()
    {
        var w = new float[Weights.Count];
        for (int j = 0; j < w.Length; j++) w[j] = (float)Weights[j];
        return w;
    }

    private static double[] Widen(ReadOnlySpan<float> values)
    {
        var d = new double[values.Length];
        for (int j = 0; j < d.Length; j++) d[j] = values[j];
        return d;
    }

    private static void CheckFinite(string name, string what, double[] values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) throw new KelvinException($"layer '{name}': the {what} contain {v}");
    }
}
