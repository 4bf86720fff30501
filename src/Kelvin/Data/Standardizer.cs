namespace Kelvin.Data;

/// <summary>
/// Feature standardization x′ⱼ = (xⱼ − μⱼ)/σⱼ with μ, σ fitted on a training set (σⱼ = 1 for a
/// constant feature), and, for regression, the same for the targets (energies are then in units of
/// the target's training variance; R² does not change). Classification targets stay one-hot.
/// </summary>
public sealed class Standardizer
{
    private Standardizer(double[] mean, double[] scale, double[] targetMean, double[] targetScale)
    {
        FeatureMean = mean; FeatureScale = scale; TargetMean = targetMean; TargetScale = targetScale;
    }

    /// <summary>μⱼ per feature.</summary>
    public IReadOnlyList<double> FeatureMean { get; }
    /// <summary>σⱼ per feature (population standard deviation; 1 for a constant feature).</summary>
    public IReadOnlyList<double> FeatureScale { get; }
    /// <summary>Regression target means (empty for classification).</summary>
    public IReadOnlyList<double> TargetMean { get; }
    /// <summary>Regression target scales (empty for classification).</summary>
    public IReadOnlyList<double> TargetScale { get; }

    /// <summary>Fits μ and σ on <paramref name="train"/> (float64 accumulation).</summary>
    public static Standardizer Fit(Dataset train)
    {
        var (m, s) = Moments(train.Features, train.Count, train.FeatureCount);
        if (train.Task != TaskKind.Regression) return new Standardizer(m, s, [], []);
        var (tm, ts) = Moments(train.Targets, train.Count, train.Outputs);
        return new Standardizer(m, s, tm, ts);
    }

    /// <summary>The identity transform for data shaped like <paramref name="train"/>.</summary>
    public static Standardizer Identity(Dataset train) =>
        new(new double[train.FeatureCount], Enumerable.Repeat(1.0, train.FeatureCount).ToArray(), [], []);

    private static (double[] Mean, double[] Scale) Moments(float[] values, int n, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += values[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double e = values[i * d + j] - mean[j]; scale[j] += e * e; }
        for (int j = 0; j < d; j++)
        {
            double sd = Math.Sqrt(scale[j] / n);
            scale[j] = sd > 1e-12 * Math.Max(1, Math.Abs(mean[j])) ? sd : 1.0;
        }
        return (mean, scale);
    }

    /// <summary>The standardized copy of <paramref name="data"/>.</summary>
    public Dataset Apply(Dataset data)
    {
        if (data.FeatureCount != FeatureMean.Count) throw new KelvinException($"dataset '{data.Name}' has {data.FeatureCount} features, the standardizer was fitted on {FeatureMean.Count}");
        var x = Transform(data.Features, data.FeatureCount, FeatureMean, FeatureScale);
        var y = TargetMean.Count == data.Outputs && data.Task == TaskKind.Regression
            ? Transform(data.Targets, data.Outputs, TargetMean, TargetScale) : data.Targets;
        return new Dataset(data.Name, data.Task, x, data.Count, data.FeatureCount, y, data.Outputs, data.Labels, data.FeatureNames, data.ClassNames);
    }

    private static float[] Transform(float[] values, int d, IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        var r = new float[values.Length];
        for (int i = 0; i < values.Length; i++) r[i] = (float)((values[i] - mean[i % d]) / scale[i % d]);
        return r;
    }
}
