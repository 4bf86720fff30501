using Kelvin.Randomness;

namespace Kelvin.Data.Shifts;

/// <summary>
/// Concept shift of size X ∈ [0, 1]: p(y | x) changes, p(x) does not. Classification: a random
/// permutation π of the classes without fixed points (a cyclic shift of a shuffled order) relabels a
/// fraction X of the samples, y → π(y). Regression: a new linear teacher t(x) = wᵀx, w ~ N(0, I),
/// rescaled to the targets' mean and spread, replaces them in proportion X: y′ = (1 − X)·y + X·t̃(x).
/// X = 1 (default) is a complete change of concept.
/// </summary>
public sealed class ConceptShift(double size = 1) : IDataShift
{
    /// <summary>X.</summary>
    public double Size { get; } = size is >= 0 and <= 1 ? size : throw new KelvinException($"a concept shift needs a size in [0, 1] (got {size})");

    /// <inheritdoc/>
    public string Kind => "concept";

    /// <inheritdoc/>
    public Dataset Apply(Dataset data, Rng rng)
    {
        if (data.Task == TaskKind.Classification)
        {
            int c = data.Outputs;
            var order = rng.Permutation(c);
            var map = new int[c];
            for (int i = 0; i < c; i++) map[order[i]] = order[(i + 1) % c];
            var labels = new int[data.Count];
            for (int i = 0; i < data.Count; i++)
                labels[i] = rng.NextDouble() < Size ? map[data.Labels![i]] : data.Labels![i];
            return Dataset.Classification(data.Name + "-concept", data.Features, data.Count, data.FeatureCount, labels, c, data.FeatureNames, data.ClassNames);
        }
        int d = data.FeatureCount, o = data.Outputs;
        var y = new float[data.Targets.Length];
        for (int k = 0; k < o; k++)
        {
            var w = new double[d];
            for (int j = 0; j < d; j++) w[j] = rng.NextGaussian();
            var t = new double[data.Count];
            for (int i = 0; i < data.Count; i++) { double s = 0; for (int j = 0; j < d; j++) s += w[j] * data.Features[i * d + j]; t[i] = s; }
            var (ym, ys) = Moments(Enumerable.Range(0, data.Count).Select(i => (double)data.Targets[i * o + k]));
            var (tm, ts) = Moments(t);
            for (int i = 0; i < data.Count; i++)
            {
                double teacher = ts > 0 ? ym + ys * (t[i] - tm) / ts : ym;
                y[i * o + k] = (float)((1 - Size) * data.Targets[i * o + k] + Size * teacher);
            }
        }
        return new Dataset(data.Name + "-concept", data.Task, data.Features, data.Count, d, y, o, null, data.FeatureNames, data.ClassNames);
    }

    private static (double Mean, double Sd) Moments(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average(), ss = 0;
        foreach (double x in v) ss += (x - mean) * (x - mean);
        return (mean, Math.Sqrt(ss / v.Length));
    }
}
