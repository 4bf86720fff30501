using Kelvin.Randomness;

namespace Kelvin.Data.Shifts;

/// <summary>
/// Covariate shift of size X: every feature j is scaled and translated, x′ⱼ = xⱼ·exp(X·uⱼ) + X·vⱼ
/// with uⱼ, vⱼ ~ N(0, 1) drawn once per feature; targets unchanged (p(y | x) keeps its form, p(x)
/// moves). On standardized features X is in standard deviations. X = 0 is no shift.
/// </summary>
public sealed class CovariateShift(double size) : IDataShift
{
    /// <summary>X.</summary>
    public double Size { get; } = size >= 0 && double.IsFinite(size) ? size : throw new KelvinException($"a covariate shift needs a size ≥ 0 (got {size})");

    /// <inheritdoc/>
    public string Kind => "covariate";

    /// <inheritdoc/>
    public Dataset Apply(Dataset data, Rng rng)
    {
        int d = data.FeatureCount;
        var scale = new double[d];
        var shift = new double[d];
        for (int j = 0; j < d; j++) { scale[j] = Math.Exp(Size * rng.NextGaussian()); shift[j] = Size * rng.NextGaussian(); }
        var x = new float[data.Features.Length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(data.Features[i] * scale[i % d] + shift[i % d]);
        return new Dataset(data.Name + "-covariate", data.Task, x, data.Count, d, data.Targets, data.Outputs, data.Labels, data.FeatureNames, data.ClassNames);
    }
}
