using Kelvin.Randomness;

namespace Kelvin.Data.Shifts;

/// <summary>
/// Noise shift of size X: classification — each label, with probability X ∈ [0, 1], is replaced by a
/// uniformly drawn other class; regression — every target gets Gaussian noise of X target standard
/// deviations, y′ = y + X·sd(y)·ε, ε ~ N(0, 1).
/// </summary>
public sealed class NoiseShift(double size) : IDataShift
{
    /// <summary>X.</summary>
    public double Size { get; } = size >= 0 && double.IsFinite(size) ? size : throw new KelvinException($"a noise shift needs a size ≥ 0 (got {size})");

    /// <inheritdoc/>
    public string Kind => "noise";

    /// <inheritdoc/>
    public Dataset Apply(Dataset data, Rng rng)
    {
        if (data.Task == TaskKind.Classification)
        {
            if (Size > 1) throw new KelvinException($"a label-noise rate must lie in [0, 1] (got {Size})");
            int c = data.Outputs;
            var labels = new int[data.Count];
            for (int i = 0; i < data.Count; i++)
            {
                int y = data.Labels![i];
                labels[i] = rng.NextDouble() < Size ? (y + 1 + rng.NextInt(c - 1)) % c : y;
            }
            return Dataset.Classification(data.Name + "-noise", data.Features, data.Count, data.FeatureCount, labels, c, data.FeatureNames, data.ClassNames);
        }
        int o = data.Outputs;
        var t = (float[])data.Targets.Clone();
        for (int k = 0; k < o; k++)
        {
            double mean = 0, ss = 0;
            for (int i = 0; i < data.Count; i++) mean += t[i * o + k];
            mean /= data.Count;
            for (int i = 0; i < data.Count; i++) ss += (t[i * o + k] - mean) * (t[i * o + k] - mean);
            double sd = Math.Sqrt(ss / data.Count);
            for (int i = 0; i < data.Count; i++) t[i * o + k] = (float)(t[i * o + k] + Size * sd * rng.NextGaussian());
        }
        return new Dataset(data.Name + "-noise", data.Task, data.Features, data.Count, data.FeatureCount, t, o, null, data.FeatureNames, data.ClassNames);
    }
}
