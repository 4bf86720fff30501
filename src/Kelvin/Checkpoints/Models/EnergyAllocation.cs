namespace Kelvin.Checkpoints.Models;

/// <summary>
/// The energy change ΔE = U(θ_b) − U(θ_a) between two checkpoints of a model, allocated to its layers
/// without gradients, two ways:
/// <list type="bullet">
/// <item><b>Straight path</b> (docs/theory.md §6 on the segment θ(s) = θ_a + s·Δθ): ΔE_l = ∫₀¹ D_l(s) ds with
/// D_l(s) = d/dh U(θ(s) + h·Δθ_l) at h = 0 the derivative along layer l's own part of the step,
/// taken by the central difference [U(θ(s) + h·Δθ_l) − U(θ(s) − h·Δθ_l)]/(2h) with
/// <see cref="Step"/> h = 10⁻² (truncation error h²/6·|D_l'''|; round-off ≈ ε₃₂·|U|/h ≈ 10⁻⁵·|U|
/// for float32 evaluations), integrated by composite Simpson on N = 4, 8, …, 64 equal intervals,
/// doubling N until the residual |Σ_l ΔE_l − ΔE| is at most 10⁻³·|ΔE|. Σ_l D_l = dU/ds (the
/// directional derivative is linear in the direction), so Σ_l ΔE_l = ΔE up to quadrature and
/// difference errors: <see cref="Residual"/> reports what is left.</item>
/// <item><b>Swap</b> (re-initialisation robustness, Zhang, Bengio &amp; Singer 2019): reset one layer
/// to its other state, ΔE_l^swap = ½[(U(θ_a with l ← θ_b) − U(θ_a)) + (U(θ_b) − U(θ_b with l ← θ_a))],
/// a second estimate that ignores interactions between layers (its sum need not be ΔE).</item>
/// </list>
/// </summary>
public sealed record EnergyAllocation(
    double EnergyBefore,
    double EnergyAfter,
    IReadOnlyList<ModelLayer> Layers,
    double[] PathChanges,
    double[] SwapChanges,
    int Intervals,
    double Step,
    long Evaluations)
{
    /// <summary>The central-difference step h (in units of the whole step Δθ_l).</summary>
    public const double DefaultStep = 1e-2;

    /// <summary>ΔE = U(θ_b) − U(θ_a).</summary>
    public double EnergyChange => EnergyAfter - EnergyBefore;

    /// <summary>Σ_l ΔE_l − ΔE of the straight-path allocation.</summary>
    public double Residual => PathChanges.Sum() - EnergyChange;

    /// <summary>|Σ_l ΔE_l − ΔE| / |ΔE| (null when ΔE = 0).</summary>
    public double? RelativeResidual => EnergyChange != 0 ? Math.Abs(Residual) / Math.Abs(EnergyChange) : null;

    /// <summary>Σ_l ΔE_l^swap − ΔE (the swap estimate's interaction term).</summary>
    public double SwapResidual => SwapChanges.Sum() - EnergyChange;

    /// <summary>Computes both allocations for <paramref name="substitution"/> with energy <paramref name="energy"/>.</summary>
    public static EnergyAllocation Of(ModelEnergy energy, ParameterSubstitution substitution, double step = DefaultStep, int maxIntervals = 64)
    {
        if (!(step > 0 && step < 0.5)) throw new KelvinException($"the difference step must lie in (0, 0.5), got {step}");
        if (maxIntervals < 4 || (maxIntervals & (maxIntervals - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(maxIntervals), maxIntervals, "a power of two, at least 4 (Simpson's intervals double from 4)");
        long start = energy.Evaluations;
        var a = substitution.Before;
        var b = substitution.After;
        double ea = energy.Of(a), eb = energy.Of(b), de = eb - ea;
        var layers = substitution.Layers;

        var derivatives = new Dictionary<int, double[]>(); // node index on the finest grid → D_l
        double[] At(int node, int intervals) // D_l at s = node/intervals
        {
            int key = node * (maxIntervals / intervals);
            if (!derivatives.TryGetValue(key, out var d)) derivatives[key] = d = Derivatives(energy, substitution, (double)key / maxIntervals, step);
            return d;
        }
        double[] path = new double[layers.Count];
        int n = 4;
        while (true)
        {
            Array.Clear(path);
            for (int j = 0; j <= n; j++)
            {
                double w = j == 0 || j == n ? 1 : j % 2 == 1 ? 4 : 2;
                var d = At(j, n);
                for (int l = 0; l < path.Length; l++) path[l] += w * d[l] / (3.0 * n);
            }
            double residual = Math.Abs(path.Sum() - de);
            if (residual <= 1e-3 * Math.Abs(de) || n >= maxIntervals) break;
            n *= 2;
        }

        var swap = new double[layers.Count];
        for (int l = 0; l < layers.Count; l++)
        {
            double forward = energy.Of(Replace(a, b, layers[l])) - ea;
            double backward = eb - energy.Of(Replace(b, a, layers[l]));
            swap[l] = 0.5 * (forward + backward);
        }
        return new EnergyAllocation(ea, eb, layers, path, swap, n, step, energy.Evaluations - start);
    }

    /// <summary>D_l(s) for every layer by central differences.</summary>
    private static double[] Derivatives(ModelEnergy energy, ParameterSubstitution sub, double s, double h)
    {
        var d = new double[sub.Layers.Count];
        for (int l = 0; l < d.Length; l++)
        {
            var layer = sub.Layers[l].Tensors.ToHashSet(StringComparer.Ordinal);
            double plus = energy.Of(Point(sub, s, layer, h));
            double minus = energy.Of(Point(sub, s, layer, -h));
            d[l] = (plus - minus) / (2 * h);
        }
        return d;
    }

    /// <summary>θ(s) + h·Δθ_l: every tensor at a + s·(b − a), layer l's moved on by h·(b − a).</summary>
    private static Dictionary<string, float[]> Point(ParameterSubstitution sub, double s, HashSet<string> layer, double h)
    {
        var p = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, a) in sub.Before)
        {
            var b = sub.After[name];
            if (ReferenceEquals(a, b)) { p[name] = a; continue; }
            double t = layer.Contains(name) ? s + h : s;
            var v = new float[a.Length];
            for (int i = 0; i < v.Length; i++) v[i] = (float)(a[i] + t * ((double)b[i] - a[i]));
            p[name] = v;
        }
        return p;
    }

    private static Dictionary<string, float[]> Replace(IReadOnlyDictionary<string, float[]> state, IReadOnlyDictionary<string, float[]> other, ModelLayer layer)
    {
        var p = new Dictionary<string, float[]>(state, StringComparer.Ordinal);
        foreach (var name in layer.Tensors) p[name] = other[name];
        return p;
    }
}
