namespace Kelvin.Trajectories;

/// <summary>
/// How closely a segment's allocation must add up: a segment θa → θb is split in two (recursively,
/// at most <see cref="MaxDepth"/> times) while |ΔE − Σ_l ΔE_l| &gt; max(<see cref="Relative"/>·|ΔE|,
/// <see cref="EnergyFloor"/>·max(|U(θa)|, |U(θb)|)); the floor stands for the round-off of a float32
/// evaluation of U.
/// </summary>
public sealed record AllocationTolerance(double Relative = 1e-3, double EnergyFloor = 1e-6, int MaxDepth = 8)
{
    /// <summary>The defaults: 0.1% of the segment's ΔE, a floor of 1e−6·|U|, at most 2⁸ pieces.</summary>
    public static AllocationTolerance Default { get; } = new();
}

/// <summary>U and ∇U at a point θ of a trajectory.</summary>
public sealed record PotentialPoint(double[] Theta, double Energy, double[] Gradient);

/// <summary>
/// The loss change allocation of one segment θa → θb (docs/theory.md §6, Lan et al. 2019): per layer
/// ΔE_l = ⟨ḡ_l, θ_l(b) − θ_l(a)⟩, with ḡ the gradient averaged along the straight segment by
/// Simpson's rule, (g(a) + 4 g(mid) + g(b))/6, on each of <see cref="Pieces"/> sub-segments.
/// Sign: ΔE_l has the sign of ΔE = U(θb) − U(θa), so Σ_l ΔE_l ≈ ΔE (the theory's draft wrote the released
/// energy −⟨ḡ_l, Δθ_l⟩; see docs/training.md).
/// </summary>
public sealed record SegmentAllocation(double EnergyChange, double[] LayerChanges, int Pieces)
{
    /// <summary>Σ_l ΔE_l, summed in layer order.</summary>
    public double Allocated
    {
        get { double s = 0; foreach (double x in LayerChanges) s += x; return s; }
    }

    /// <summary>|ΔE − Σ_l ΔE_l|, the quadrature error of the allocation.</summary>
    public double Residual => Math.Abs(EnergyChange - Allocated);
}

/// <summary>
/// Allocates energy changes between points of a trajectory to layers by the path integral of the
/// gradient (<see cref="AllocationRule"/>: Simpson, or the trapezoid of the end points), splitting a
/// segment adaptively until the allocation adds up to the true change (<see cref="AllocationTolerance"/>).
/// Both rules are exact for a quadratic U, so there one piece suffices. Deterministic: sums run in a
/// fixed order.
/// </summary>
public sealed class LossChangeAllocator
{
    private readonly ILayeredPotential _potential;
    private readonly AllocationTolerance _tolerance;
    private readonly AllocationRule _rule;

    /// <summary>An allocator over <paramref name="potential"/>.</summary>
    public LossChangeAllocator(ILayeredPotential potential, AllocationTolerance? tolerance = null, AllocationRule rule = AllocationRule.Simpson)
    {
        _potential = potential;
        _tolerance = tolerance ?? AllocationTolerance.Default;
        _rule = rule;
        int expected = 0;
        foreach (var l in potential.Layers)
        {
            if (l.Offset != expected || l.Length < 1) throw new ArgumentException($"layer '{l.Name}' does not continue the partition of θ at {expected}");
            expected += l.Length;
        }
        if (expected != potential.ParameterCount) throw new ArgumentException($"the layers cover {expected} of {potential.ParameterCount} parameters");
    }

    /// <summary>The number of gradient evaluations so far (a cost measure).</summary>
    public long Evaluations { get; private set; }

    /// <summary>U and ∇U at <paramref name="theta"/> (copied).</summary>
    public PotentialPoint Evaluate(ReadOnlySpan<double> theta)
    {
        if (theta.Length != _potential.ParameterCount) throw new ArgumentException($"θ has {theta.Length} values, the potential {_potential.ParameterCount}");
        var t = Rent(); theta.CopyTo(t);
        var g = Rent();
        double u = _potential.Evaluate(t, g);
        Evaluations++;
        if (!double.IsFinite(u)) throw new KelvinException($"the energy is not finite ({u}) on the evaluation set");
        return new PotentialPoint(t, u, g);
    }

    private readonly Stack<double[]> _spare = new();

    private double[] Rent() => _spare.TryPop(out var a) ? a : new double[_potential.ParameterCount];

    /// <summary>Hands the arrays of a point no one reads any more back for the next evaluations (a
    /// recorder's previous checkpoint, a midpoint): no fresh large arrays per evaluation.</summary>
    internal void Recycle(PotentialPoint point)
    {
        if (_spare.Count < 8) { _spare.Push(point.Theta); _spare.Push(point.Gradient); }
    }

    /// <summary>The allocation of the straight segment <paramref name="a"/> → <paramref name="b"/>.</summary>
    public SegmentAllocation Allocate(PotentialPoint a, PotentialPoint b)
    {
        var layers = new double[_potential.Layers.Count];
        int pieces;
        if (_rule == AllocationRule.Trapezoid && Trapezoid(a, b) is { } share && WithinTolerance(a, b, share))
        {
            share.CopyTo(layers, 0);
            pieces = 1;
        }
        else pieces = Allocate(a, b, 0, layers);
        return new SegmentAllocation(b.Energy - a.Energy, layers, pieces);
    }

    private bool WithinTolerance(PotentialPoint a, PotentialPoint b, double[] share)
    {
        double change = b.Energy - a.Energy, allocated = 0;
        foreach (double x in share) allocated += x;
        double tol = Math.Max(_tolerance.Relative * Math.Abs(change), _tolerance.EnergyFloor * Math.Max(Math.Abs(a.Energy), Math.Abs(b.Energy)));
        return Math.Abs(change - allocated) <= tol;
    }

    private int Allocate(PotentialPoint a, PotentialPoint b, int depth, double[] into)
    {
        var mid = Rent();
        for (int j = 0; j < mid.Length; j++) mid[j] = 0.5 * (a.Theta[j] + b.Theta[j]);
        var m = Evaluate(mid);
        _spare.Push(mid);
        var share = Simpson(a, m, b);
        int pieces = 1;
        if (WithinTolerance(a, b, share) || depth >= _tolerance.MaxDepth)
            for (int l = 0; l < into.Length; l++) into[l] += share[l];
        else pieces = Allocate(a, m, depth + 1, into) + Allocate(m, b, depth + 1, into);
        Recycle(m);
        return pieces;
    }

    /// <summary>ΔE_l = ⟨(g(a) + g(b))/2 restricted to layer l, θ_l(b) − θ_l(a)⟩.</summary>
    private double[] Trapezoid(PotentialPoint a, PotentialPoint b)
    {
        var share = new double[_potential.Layers.Count];
        for (int l = 0; l < share.Length; l++)
        {
            var slice = _potential.Layers[l];
            double s = 0;
            for (int j = slice.Offset; j < slice.Offset + slice.Length; j++)
                s += (a.Gradient[j] + b.Gradient[j]) / 2 * (b.Theta[j] - a.Theta[j]);
            share[l] = s;
        }
        return share;
    }

    /// <summary>ΔE_l = ⟨(g(a) + 4g(m) + g(b))/6 restricted to layer l, θ_l(b) − θ_l(a)⟩.</summary>
    private double[] Simpson(PotentialPoint a, PotentialPoint m, PotentialPoint b)
    {
        var share = new double[_potential.Layers.Count];
        for (int l = 0; l < share.Length; l++)
        {
            var slice = _potential.Layers[l];
            double s = 0;
            for (int j = slice.Offset; j < slice.Offset + slice.Length; j++)
                s += (a.Gradient[j] + 4 * m.Gradient[j] + b.Gradient[j]) / 6 * (b.Theta[j] - a.Theta[j]);
            share[l] = s;
        }
        return share;
    }
}
