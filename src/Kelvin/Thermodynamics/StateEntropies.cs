using Kelvin.Entropy;

namespace Kelvin.Thermodynamics;

/// <summary>
/// The entropy of layer samples in each view (docs/theory.md §2); <see cref="EnsembleState.Entropy"/> calls
/// this, and so can code that has weights but no energies (e.g. an initial state's entropy alone).
/// </summary>
public static class StateEntropies
{
    /// <summary>The largest layer (in weights) the Gaussian view accepts: its covariance is n_l × n_l.</summary>
    public const int MaximumGaussianParameters = 4096;

    /// <summary>S_l for every layer and S = Σ_l S_l in <paramref name="view"/> (see <see cref="EnsembleState.Entropy"/>).</summary>
    public static StateEntropy Of(IReadOnlyList<LayerSamples> layers, EntropyView view, IEntropyEstimator? estimator = null, int? maxDegreeOfParallelism = null)
    {
        estimator ??= new KnnEntropy();
        string name = view switch
        {
            EntropyView.EnsembleGaussian => "gaussian-logdet",
            EntropyView.Thermal => "diagonal-gaussian",
            _ => estimator.Name,
        };
        LayerEntropy[] result = view switch
        {
            EntropyView.Particle => LayerEntropies.Map(layers.Count, l => Particle(layers[l], estimator), maxDegreeOfParallelism),
            // The ensemble view parallelizes over the parameters inside each layer instead.
            EntropyView.Ensemble => layers.Select(l => Ensemble(l, estimator, maxDegreeOfParallelism)).ToArray(),
            EntropyView.EnsembleGaussian => LayerEntropies.Map(layers.Count, l => Gaussian(layers[l]), maxDegreeOfParallelism),
            EntropyView.Thermal => LayerEntropies.Map(layers.Count, l => Thermal(layers[l]), maxDegreeOfParallelism),
            _ => throw new ArgumentOutOfRangeException(nameof(view)),
        };
        return new StateEntropy(view, name, result);
    }

    /// <summary>S_l = n_l · h(pooled weights of the layer).</summary>
    public static LayerEntropy Particle(LayerSamples layer, IEntropyEstimator estimator) =>
        Particle(layer.Name, layer.ParameterCount, layer.SampleCount, layer.Pooled.ToArray(), estimator);

    /// <summary>S_l = n_l · h(<paramref name="pooled"/>), the pooled weights of a layer of
    /// <paramref name="parameterCount"/> weights over <paramref name="sampleCount"/> samples; takes
    /// ownership of <paramref name="pooled"/> (sorted in place: no copy, for layers of 10⁷ weights).</summary>
    internal static LayerEntropy Particle(string name, int parameterCount, int sampleCount, double[] pooled, IEntropyEstimator estimator)
    {
        if (IsConstant(pooled)) return new(name, parameterCount, sampleCount, null, 1);
        var sample = SortedSample.Own(pooled);
        return new(name, parameterCount, sampleCount, parameterCount * estimator.Estimate(sample), sample.TieFraction);
    }

    /// <summary><see cref="Particle(string, int, int, double[], IEntropyEstimator)"/> of values already sorted
    /// (ascending, −0.0 stored as +0.0): the same number, without the sort. <paramref name="resolvedBuffer"/>:
    /// scratch for the dequantized values when there are ties, <paramref name="boundsBuffer"/> for where the
    /// ties are (see <see cref="SortedSample"/>).</summary>
    internal static LayerEntropy ParticleSorted(string name, int parameterCount, int sampleCount, double[] sorted, IEntropyEstimator estimator,
                                                double[]? resolvedBuffer = null, int[]? boundsBuffer = null)
    {
        if (sorted.Length > 0 && sorted[0] == sorted[^1]) return new(name, parameterCount, sampleCount, null, 1);
        var sample = SortedSample.OwnSorted(sorted, resolvedBuffer, boundsBuffer);
        return new(name, parameterCount, sampleCount, parameterCount * estimator.Estimate(sample), sample.TieFraction);
    }

    /// <summary>S_l = Σ_j h(parameter j across the samples); null (a point) if some parameter never varies.</summary>
    public static LayerEntropy Ensemble(LayerSamples layer, IEntropyEstimator estimator, int? maxDegreeOfParallelism = null)
    {
        if (layer.SampleCount < EntropyViews.MinimumEnsembleSize)
            throw new KelvinException($"the ensemble view needs at least {EntropyViews.MinimumEnsembleSize} samples per parameter; layer '{layer.Name}' has {layer.SampleCount} (use the particle view, or more members/iterates)");
        var perParameter = LayerEntropies.Map(layer.ParameterCount, j =>
        {
            double[] column = layer.Parameter(j);
            if (IsConstant(column)) return (Entropy: double.NaN, Ties: 1.0);
            var sample = SortedSample.Own(column);
            return (Entropy: estimator.Estimate(sample), Ties: sample.TieFraction);
        }, maxDegreeOfParallelism);
        double total = 0, ties = 0;
        bool point = false;
        foreach (var (h, t) in perParameter)
        {
            if (double.IsNaN(h)) point = true;
            else total += h;
            ties = Math.Max(ties, t);
        }
        return new(layer.Name, layer.ParameterCount, layer.SampleCount, point ? null : total, ties);
    }

    /// <summary>S_l = ½ ln det(2πe C_l), C_l the sample covariance of the layer's parameters.</summary>
    public static LayerEntropy Gaussian(LayerSamples layer)
    {
        if (layer.ParameterCount > MaximumGaussianParameters)
            throw new KelvinException($"the Gaussian view handles layers of at most {MaximumGaussianParameters} weights; '{layer.Name}' has {layer.ParameterCount} (use the ensemble or particle view)");
        if (layer.SampleCount <= layer.ParameterCount)
            throw new KelvinException($"the Gaussian view needs more samples than weights; layer '{layer.Name}' has {layer.SampleCount} samples of {layer.ParameterCount} weights");
        if (IsConstant(layer.Pooled)) return new(layer.Name, layer.ParameterCount, layer.SampleCount, null, 1);
        double s = MultivariateGaussianEntropy.FromSamples(layer.Pooled, layer.SampleCount, layer.ParameterCount);
        return new(layer.Name, layer.ParameterCount, layer.SampleCount, s, 0);
    }

    /// <summary>
    /// The thermal view of one run (docs/theory.md §2): the layer's samples are M late iterates of a single run,
    /// v_j = Σ_m (θ_jm − θ̄_j)² / (M − 1) the variance of parameter j over them, and
    /// S_l = Σ_j [½ ln(2πe·v_j) − b(M)], b(M) = ½[ψ((M − 1)/2) + ln(2/(M − 1))] the χ² bias of ½ ln v_j
    /// for M independent Gaussian iterates (<see cref="ThermalEntropyBias"/>; −0.0748 nats at M = 8), so S_l
    /// estimates the stationary cloud's diagonal entropy without the finite-M bias. Null (a point) when
    /// some parameter never moves (v_j = 0). Several runs: call this per run and combine the runs' S_l
    /// (their mean and standard error).
    /// </summary>
    /// <exception cref="KelvinException">for fewer than <see cref="EntropyViews.MinimumThermalIterates"/> iterates.</exception>
    /// <param name="iterates">the late iterates of one run.</param>
    /// <param name="float32Weights">the weights were stored in float32: see <see cref="DiagonalGaussianTerms"/>.</param>
    public static LayerEntropy Thermal(LayerSamples iterates, bool float32Weights = false)
    {
        if (iterates.SampleCount < EntropyViews.MinimumThermalIterates)
            throw new KelvinException($"the thermal view needs at least {EntropyViews.MinimumThermalIterates} late iterates of a run; layer '{iterates.Name}' has {iterates.SampleCount}");
        return Summed(iterates, ThermalTerms(iterates, float32Weights));
    }

    /// <summary>The per-parameter terms ½ ln(2πe·v_j) − b(M) of <see cref="Thermal"/> (their sum is S_l; a
    /// bootstrap resamples them), or null when some v_j = 0. A float32-floored v_j (see
    /// <see cref="DiagonalGaussianTerms"/>) is shifted by the same b(M): |b| ≤ 0.19 beside ln(u²/12) ≈ −35.</summary>
    public static double[]? ThermalTerms(LayerSamples iterates, bool float32Weights = false)
    {
        var terms = DiagonalGaussianTerms(iterates, float32Weights);
        if (terms is null) return null;
        double bias = ThermalEntropyBias.PerParameter(iterates.SampleCount);
        for (int j = 0; j < terms.Length; j++) terms[j] -= bias;
        return terms;
    }

    /// <summary>S_l = Σ_j ½ ln(2πe·v_j), v_j the sample variance (divisor N − 1) of parameter j over the
    /// layer's N ≥ 2 samples: the thermal view over one run's iterates, and the ensemble view of a
    /// network over its K members (per-parameter variance across members). Null when some v_j = 0.</summary>
    public static LayerEntropy DiagonalGaussian(LayerSamples samples, bool float32Weights = false)
        => Summed(samples, DiagonalGaussianTerms(samples, float32Weights));

    /// <summary>S_l = Σ_j of the per-parameter terms, summed in order; a point (null) without terms.</summary>
    private static LayerEntropy Summed(LayerSamples samples, double[]? terms)
    {
        if (terms is null) return new(samples.Name, samples.ParameterCount, samples.SampleCount, null, 1);
        double total = 0;
        foreach (double t in terms) total += t;
        return new(samples.Name, samples.ParameterCount, samples.SampleCount, total, 0);
    }

    /// <summary>The per-parameter terms ½ ln(2πe·v_j) of <see cref="DiagonalGaussian"/> (their sum is
    /// S_l; a bootstrap resamples them), or null when some v_j = 0. With
    /// <paramref name="float32Weights"/> a weight that never moved (v_j below its float32 resolution,
    /// e.g. the incoming weights of a dead relu unit) is known only to that resolution: v_j is floored at
    /// the uniform quantization variance u_j²/12, u_j the float32 spacing at |θ̄_j| (as
    /// <see cref="Entropy.SortedSample"/> spreads tied values over their resolution cell).</summary>
    /// <exception cref="KelvinException">for fewer than 2 samples.</exception>
    public static double[]? DiagonalGaussianTerms(LayerSamples samples, bool float32Weights = false)
    {
        int m = samples.SampleCount, n = samples.ParameterCount;
        if (m < 2) throw new KelvinException($"a per-parameter variance needs at least 2 samples; layer '{samples.Name}' has {m}");
        var mean = new double[n];
        for (int s = 0; s < m; s++)
        {
            var w = samples.Sample(s);
            for (int j = 0; j < n; j++) mean[j] += w[j];
        }
        for (int j = 0; j < n; j++) mean[j] /= m;
        var ss = new double[n];
        for (int s = 0; s < m; s++)
        {
            var w = samples.Sample(s);
            for (int j = 0; j < n; j++) { double d = w[j] - mean[j]; ss[j] += d * d; }
        }
        var terms = new double[n];
        for (int j = 0; j < n; j++)
        {
            double v = ss[j] / (m - 1);
            if (float32Weights) v = Math.Max(v, Float32QuantizationVariance(mean[j]));
            if (!(v > 0)) return null;
            terms[j] = 0.5 * Math.Log(2 * Math.PI * Math.E * v);
        }
        return terms;
    }

    /// <summary>u²/12, u the gap between float32 |x| and the next float32 (the smallest subnormal at 0).</summary>
    internal static double Float32QuantizationVariance(double x)
    {
        float f = Math.Abs((float)x);
        double u = (double)MathF.BitIncrement(f) - f;
        return u * u / 12;
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        for (int i = 1; i < values.Length; i++) if (values[i] != values[0]) return false;
        return true;
    }
}
