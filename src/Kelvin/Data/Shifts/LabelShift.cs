using Kelvin.Randomness;

namespace Kelvin.Data.Shifts;

/// <summary>
/// Label (prior) shift of size X: the samples are resampled, with replacement and to the same count,
/// with weights ∝ exp(X·s) — for classification s = z_c, one N(0, 1) score per class c (the class
/// prior becomes skewed, p(x | y) unchanged); for regression s = the standardized target (the target
/// distribution tilts). X = 0 is a plain bootstrap.
/// </summary>
public sealed class LabelShift(double size) : IDataShift
{
    /// <summary>X.</summary>
    public double Size { get; } = size >= 0 && double.IsFinite(size) ? size : throw new KelvinException($"a label shift needs a size ≥ 0 (got {size})");

    /// <inheritdoc/>
    public string Kind => "label";

    /// <inheritdoc/>
    public Dataset Apply(Dataset data, Rng rng)
    {
        var score = new double[data.Count];
        if (data.Task == TaskKind.Classification)
        {
            var z = new double[data.Outputs];
            for (int c = 0; c < z.Length; c++) z[c] = rng.NextGaussian();
            for (int i = 0; i < data.Count; i++) score[i] = z[data.Labels![i]];
        }
        else
        {
            double mean = 0, ss = 0;
            for (int i = 0; i < data.Count; i++) mean += data.Targets[i * data.Outputs];
            mean /= data.Count;
            for (int i = 0; i < data.Count; i++) { double e = data.Targets[i * data.Outputs] - mean; ss += e * e; }
            double sd = Math.Sqrt(ss / data.Count);
            for (int i = 0; i < data.Count; i++) score[i] = sd > 0 ? (data.Targets[i * data.Outputs] - mean) / sd : 0;
        }
        double max = score.Max();
        var cumulative = new double[data.Count];
        double total = 0;
        for (int i = 0; i < data.Count; i++) { total += Math.Exp(Size * (score[i] - max)); cumulative[i] = total; }
        var pick = new int[data.Count];
        for (int r = 0; r < pick.Length; r++)
        {
            int i = Array.BinarySearch(cumulative, rng.NextDouble() * total);
            pick[r] = Math.Min(i < 0 ? ~i : i, data.Count - 1);
        }
        Array.Sort(pick);
        return data.Subset(pick, data.Name + "-label");
    }
}
