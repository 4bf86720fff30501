namespace Kelvin.Trajectories;

/// <summary>
/// Loss change allocation from forward passes only (docs/theory.md §6), for a model whose gradient the
/// caller does not give: along the straight segment θa → θb with Δ = θb − θa, layer l's share is
/// ΔE_l = ∫₀¹ D_l(s) ds by Simpson's rule, (D_l(0) + 4D_l(½) + D_l(1))/6, where
/// D_l(s) = ⟨∇_l U(θ(s)), Δ_l⟩ is the directional derivative along the layer's own displacement,
/// taken by the central difference [U(θ(s) + hΔ_l) − U(θ(s) − hΔ_l)]/(2h) with h = ½ (its error is
/// of third order in the segment's length, while a smaller h would drown a float32 loss in round-off).
/// A segment whose Σ_l ΔE_l misses U(θb) − U(θa) beyond the <see cref="AllocationTolerance"/> is
/// halved, recursively, as in <see cref="LossChangeAllocator"/>. Cost per piece: 6L + 1 loss evaluations.
/// </summary>
internal sealed class ForwardLossChangeAllocator
{
    /// <summary>The relative step h of the central difference, in units of the layer's displacement.</summary>
    public const double DifferenceStep = 0.5;

    private readonly IReadOnlyList<LayerSlice> _layers;
    private readonly Func<IReadOnlyList<LayerParameters>, double> _loss;
    private readonly AllocationTolerance _tolerance;

    public ForwardLossChangeAllocator(IReadOnlyList<LayerSlice> layers, Func<IReadOnlyList<LayerParameters>, double> loss, AllocationTolerance? tolerance)
    {
        _layers = layers;
        _loss = loss;
        _tolerance = tolerance ?? AllocationTolerance.Default;
    }

    /// <summary>Loss evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>U(θ) by the caller's loss.</summary>
    /// <exception cref="KelvinException">when the loss is not finite.</exception>
    public double Energy(double[] theta)
    {
        var parameters = new LayerParameters[_layers.Count];
        for (int l = 0; l < parameters.Length; l++)
        {
            var s = _layers[l];
            parameters[l] = new LayerParameters(s.Name, theta.AsMemory(s.Offset, s.WeightCount), theta.AsMemory(s.Offset + s.WeightCount, s.Length - s.WeightCount));
        }
        double u = _loss(parameters);
        Evaluations++;
        if (!double.IsFinite(u)) throw new KelvinException($"the loss function returned {u}");
        return u;
    }

    /// <summary>The allocation of θa → θb, whose energies U(θa), U(θb) are known.</summary>
    public SegmentAllocation Allocate(double[] a, double energyA, double[] b, double energyB)
    {
        var layers = new double[_layers.Count];
        int pieces = Allocate(a, energyA, b, energyB, 0, layers);
        return new SegmentAllocation(energyB - energyA, layers, pieces);
    }

    private int Allocate(double[] a, double ua, double[] b, double ub, int depth, double[] into)
    {
        var mid = new double[a.Length];
        for (int j = 0; j < mid.Length; j++) mid[j] = 0.5 * (a[j] + b[j]);
        double um = Energy(mid);
        var share = new double[_layers.Count];
        double allocated = 0;
        for (int l = 0; l < share.Length; l++)
        {
            share[l] = (Derivative(a, a, b, l) + 4 * Derivative(mid, a, b, l) + Derivative(b, a, b, l)) / 6;
            allocated += share[l];
        }
        double change = ub - ua;
        double tol = Math.Max(_tolerance.Relative * Math.Abs(change), _tolerance.EnergyFloor * Math.Max(Math.Abs(ua), Math.Abs(ub)));
        if (Math.Abs(change - allocated) <= tol || depth >= _tolerance.MaxDepth)
        {
            for (int l = 0; l < into.Length; l++) into[l] += share[l];
            return 1;
        }
        return Allocate(a, ua, mid, um, depth + 1, into) + Allocate(mid, um, b, ub, depth + 1, into);
    }

    /// <summary>D_l at <paramref name="at"/> along layer l's part of b − a, by the central difference.</summary>
    private double Derivative(double[] at, double[] a, double[] b, int layer)
    {
        var s = _layers[layer];
        var plus = (double[])at.Clone();
        var minus = (double[])at.Clone();
        for (int j = s.Offset; j < s.Offset + s.Length; j++)
        {
            double d = DifferenceStep * (b[j] - a[j]);
            plus[j] += d;
            minus[j] -= d;
        }
        return (Energy(plus) - Energy(minus)) / (2 * DifferenceStep);
    }
}
