using Kelvin.Data;
using Kelvin.Networks;
using Kelvin.Networks.Activations;

namespace Kelvin.Engines;

/// <summary>
/// Measures a network as a heat engine on evaluation data (docs/theory.md §7, "Measured efficiency"): per hidden
/// layer l the signal level q_l, the split of its output energy into mean, linear part and work W_l
/// (<see cref="LayerEngineMeasurement"/>), the measured
/// efficiency W_l/q_l next to the mean-field η_φ(q_l); the network efficiency Σ W_l / Σ q_l and its engine
/// type (Type B when any hidden activation is Type B, naming those layers).
/// <para>Deterministic and safe to call from several threads at once: it works on a clone of the network,
/// and each layer's moments are summed in a fixed order in float64.</para>
/// </summary>
public static class NetworkEngine
{
    /// <summary>The report of <paramref name="network"/> on every row of <paramref name="evaluation"/>.</summary>
    /// <exception cref="KelvinException">for data that does not fit the network, non-finite pre-activations,
    /// or a hidden layer that carries no signal (q_l = 0).</exception>
    public static NetworkEngineReport Measure(Mlp network, Dataset evaluation)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(evaluation);
        float[][] z = network.Clone().PreActivations(evaluation);
        int hidden = network.Layers.Count - 1;
        var layers = new LayerEngineMeasurement[hidden];
        for (int l = 0; l < hidden; l++) layers[l] = MeasureLayer($"dense{l + 1}", network.Layers[l].Activation, z[l], network.Layers[l].FanOut);
        return Summarize(layers);
    }

    /// <summary>The report on the first <paramref name="maxRows"/> rows of <paramref name="evaluation"/>
    /// (all rows when it has fewer).</summary>
    public static NetworkEngineReport Measure(Mlp network, Dataset evaluation, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (maxRows < 1) throw new KelvinException($"the engine measurement needs at least one evaluation row (got {maxRows})");
        return Measure(network, evaluation.Count <= maxRows ? evaluation : evaluation.Subset(Enumerable.Range(0, maxRows).ToList()));
    }

    /// <summary>
    /// One layer from its pre-activations z (rows × units, row-major). For every input row r, across the
    /// layer's units: a₀,ᵣ = mean φ(z), the least-squares line of φ(z) on z with slope energy
    /// a₁,ᵣ² = Cov(z, φ)²/Var(z), and the residual Wᵣ = Var(φ) − a₁,ᵣ² (the mean-field Hermite split of
    /// that input's layer vector); then pooled over rows: W_l = mean Wᵣ, q_l = mean z², a₀ = mean φ(z),
    /// a₁ = √(mean a₁,ᵣ²). Sums in float64, two passes per row (no cancellation).
    /// </summary>
    public static LayerEngineMeasurement MeasureLayer(string name, Activation activation, ReadOnlySpan<float> z, int units)
    {
        ArgumentNullException.ThrowIfNull(activation);
        if (units < 1 || z.Length == 0 || z.Length % units != 0)
            throw new KelvinException($"layer {name}: {z.Length} pre-activations do not fill rows of {units} units");
        var a = new float[z.Length];
        activation.Forward(z, a);
        int rows = z.Length / units;
        double sumQ = 0, sumA0 = 0, sumLinear = 0, sumWork = 0, sumCov = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> zr = z.Slice(r * units, units), ar = a.AsSpan(r * units, units);
            double sz = 0, sa = 0;
            for (int j = 0; j < units; j++) { sz += zr[j]; sa += ar[j]; }
            double mz = sz / units, ma = sa / units, vz = 0, va = 0, c = 0;
            for (int j = 0; j < units; j++)
            {
                double dz = zr[j] - mz, da = ar[j] - ma;
                vz += dz * dz; va += da * da; c += dz * da;
            }
            vz /= units; va /= units; c /= units;
            double linear = vz > 0 ? c * c / vz : 0;          // a₁,ᵣ²
            sumQ += vz + mz * mz;
            sumA0 += ma;
            sumLinear += linear;
            sumCov += c;
            sumWork += Math.Max(0, va - linear);             // ≥ 0 up to rounding
        }
        double q = sumQ / rows, work = sumWork / rows;
        if (!double.IsFinite(q) || !double.IsFinite(work)) throw new KelvinException($"layer {name}: pre-activations or outputs are not finite");
        if (!(q > 0)) throw new KelvinException($"layer {name} carries no signal (q = 0): its efficiency is undefined");
        double a1 = Math.CopySign(Math.Sqrt(sumLinear / rows), sumCov);
        double meanField = HermiteWork.EfficiencyOf(activation, q);
        return new LayerEngineMeasurement(name, activation.Name, q, sumA0 / rows, a1, work, work / q, meanField, EngineTypeCache.Of(activation));
    }

    /// <summary>The network's efficiency Σ W_l / Σ q_l and type from its hidden layers' measurements.</summary>
    public static NetworkEngineReport Summarize(IReadOnlyList<LayerEngineMeasurement> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        double work = 0, q = 0;
        foreach (var layer in layers) { work += layer.Work; q += layer.Q; }
        var typeB = layers.Where(l => l.ActivationType == EngineType.B).Select(l => l.Name).ToList();
        return new NetworkEngineReport(typeB.Count > 0 ? EngineType.B : EngineType.A, q > 0 ? work / q : 0, layers.ToList(), typeB);
    }
}
