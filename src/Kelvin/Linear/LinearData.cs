using Kelvin.Energy;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Linear;

/// <summary>Regression (real targets) or binary classification (targets y ∈ {−1, +1}).</summary>
public enum LinearTask
{
    /// <summary>y real; mse or mae.</summary>
    Regression,
    /// <summary>y ∈ {−1, +1}; ce with margin m = y·wᵀx.</summary>
    Classification,
}

/// <summary>
/// The data D = {(xᵢ, yᵢ)} of a linear model f(x) = wᵀx (docs/theory.md §5), in float64: features as a
/// row-major n × d matrix, one scalar target per sample. The potential energy is
/// U_D(w) = (1/n) Σᵢ ℓ(wᵀxᵢ, yᵢ).
/// </summary>
public sealed class LinearData
{
    /// <summary>The largest number of features d: the analytic side works with d × d matrices and their
    /// eigendecomposition (O(d³)), so a larger d is refused up front instead of running out of memory.</summary>
    public const int MaxDimension = 1000;

    /// <summary>The largest n·d (feature values held in float64).</summary>
    public const long MaxValues = 20_000_000;

    /// <summary>Checks sizes (d ≤ <see cref="MaxDimension"/>, n·d ≤ <see cref="MaxValues"/>), shapes,
    /// finiteness and (for classification) that every target is ±1.</summary>
    public LinearData(string name, LinearTask task, double[] features, double[] targets, int d)
    {
        if (d <= 0) throw new KelvinException($"linear data '{name}' needs at least one feature");
        if (d > MaxDimension) throw new KelvinException($"linear data '{name}' has d = {d} features; the linear theory works with d × d matrices (limit d ≤ {MaxDimension})");
        if ((long)targets.Length * d > MaxValues) throw new KelvinException($"linear data '{name}': n·d = {(long)targets.Length * d} is too large (limit {MaxValues:0.#e0})");
        if (targets.Length == 0 || features.Length != targets.Length * d)
            throw new KelvinException($"linear data '{name}': {features.Length} feature values for {targets.Length} targets and d = {d}");
        for (int i = 0; i < features.Length; i++)
            if (!double.IsFinite(features[i])) throw new KelvinException($"linear data '{name}': non-finite feature in row {i / d + 1}, column {i % d + 1}");
        for (int i = 0; i < targets.Length; i++)
        {
            if (!double.IsFinite(targets[i])) throw new KelvinException($"linear data '{name}': non-finite target in row {i + 1}");
            if (task == LinearTask.Classification && targets[i] is not (1.0 or -1.0))
                throw new KelvinException($"linear data '{name}': classification target {targets[i]} in row {i + 1} is not -1 or +1");
        }
        Name = name; Task = task; Features = features; Targets = targets; Dimension = d;
    }

    /// <summary>A name for messages and reports.</summary>
    public string Name { get; }
    /// <summary>Regression or classification.</summary>
    public LinearTask Task { get; }
    /// <summary>Row-major n × d features.</summary>
    public double[] Features { get; }
    /// <summary>n targets.</summary>
    public double[] Targets { get; }
    /// <summary>d, the number of weights.</summary>
    public int Dimension { get; }
    /// <summary>n, the number of samples.</summary>
    public int Count => Targets.Length;

    /// <summary>Row xᵢ.</summary>
    public ReadOnlySpan<double> Row(int i) => Features.AsSpan(i * Dimension, Dimension);

    /// <summary>The prediction wᵀxᵢ.</summary>
    public double Predict(ReadOnlySpan<double> w, int i)
    {
        var x = Row(i);
        double z = 0;
        for (int j = 0; j < x.Length; j++) z += w[j] * x[j];
        return z;
    }

    /// <summary>U_D(w) = (1/n) Σᵢ ℓ(wᵀxᵢ, yᵢ), summed in row order.</summary>
    public double Energy(IEnergyForm loss, ReadOnlySpan<double> w)
    {
        CheckWeights(w);
        double s = 0;
        for (int i = 0; i < Count; i++) s += loss.Value(Predict(w, i), Targets[i]);
        return s / Count;
    }

    /// <summary>∇U_D(w) = (1/n) Σᵢ ℓ′(wᵀxᵢ, yᵢ)·xᵢ, written to <paramref name="gradient"/>.</summary>
    public void Gradient(IEnergyForm loss, ReadOnlySpan<double> w, Span<double> gradient)
    {
        CheckWeights(w);
        gradient.Clear();
        for (int i = 0; i < Count; i++)
        {
            double g = loss.Derivative(Predict(w, i), Targets[i]);
            var x = Row(i);
            for (int j = 0; j < x.Length; j++) gradient[j] += g * x[j];
        }
        for (int j = 0; j < gradient.Length; j++) gradient[j] /= Count;
    }

    /// <summary>The weighted second moment (1/n) Σᵢ cᵢ xᵢxᵢᵀ (cᵢ = 1 when <paramref name="weights"/> is null).</summary>
    public Matrix<double> WeightedSecondMoment(Func<int, double>? weights = null)
    {
        int d = Dimension;
        var m = new double[d, d];
        for (int i = 0; i < Count; i++)
        {
            double c = weights?.Invoke(i) ?? 1.0;
            if (c == 0) continue;
            var x = Row(i);
            for (int a = 0; a < d; a++)
            {
                double cx = c * x[a];
                for (int b = 0; b <= a; b++) m[a, b] += cx * x[b];
            }
        }
        for (int a = 0; a < d; a++)
            for (int b = 0; b <= a; b++) { m[a, b] /= Count; m[b, a] = m[a, b]; }
        return Matrix<double>.Build.DenseOfArray(m);
    }

    /// <summary>The same data with targets replaced (shifts that keep the features).</summary>
    public LinearData WithTargets(double[] targets, string? name = null) => new(name ?? Name, Task, Features, targets, Dimension);

    private void CheckWeights(ReadOnlySpan<double> w)
    {
        if (w.Length != Dimension) throw new ArgumentException($"{w.Length} weights for d = {Dimension}");
    }

    /// <summary>Checks that <paramref name="loss"/> fits the task: ce needs ±1 targets, mse/mae real ones.</summary>
    public void CheckLoss(IEnergyForm loss)
    {
        bool ce = loss is CrossEntropy;
        if (ce && Task != LinearTask.Classification) throw new KelvinException($"loss ce needs classification targets (±1); '{Name}' is a regression data set");
        if (!ce && Task != LinearTask.Regression) throw new KelvinException($"loss {loss.Name} needs regression targets; '{Name}' is a classification data set");
    }
}
