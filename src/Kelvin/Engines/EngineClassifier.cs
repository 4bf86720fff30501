using Kelvin.Networks.Activations;
using MathNet.Numerics.Optimization;

namespace Kelvin.Engines;

/// <summary>
/// Classifies an activation as a Type A or Type B heat engine by measuring η_φ(q) over a log grid of
/// signal levels (no lookup table: user-supplied activations are measured like built-in ones).
/// </summary>
public static class EngineClassifier
{
    /// <summary>The engine type from a measured curve: Type A when η is constant within the scan's
    /// tolerances (or identically 0), else Type B. Also says whether η ≡ 0 (pure conductor).</summary>
    public static (EngineType Type, bool PureConductor) Classify(IReadOnlyList<EfficiencyPoint> curve, EfficiencyScan scan)
    {
        if (curve.Count == 0) throw new KelvinException("an efficiency curve needs at least one point");
        double min = curve.Min(p => p.Eta), max = curve.Max(p => p.Eta);
        double scale = Math.Max(Math.Abs(min), Math.Abs(max));
        if (scale <= scan.AbsoluteFloor) return (EngineType.A, true);
        return (max - min <= scan.RelativeTolerance * scale ? EngineType.A : EngineType.B, false);
    }

    /// <summary>η_φ(q) at every level of <paramref name="scan"/> (levels computed in parallel, each into its own slot).</summary>
    public static EfficiencyPoint[] Curve(Activation activation, EfficiencyScan scan)
    {
        double[] q = scan.Validated().Levels();
        var curve = new EfficiencyPoint[q.Length];
        Parallel.For(0, q.Length, i => curve[i] = new EfficiencyPoint(q[i], HermiteWork.EfficiencyOf(activation, q[i])));
        return curve;
    }

    /// <summary>The full profile: curve, type, η(1), q_opt, end values, critical gain and q_opt as a fixed point (gain, stability).</summary>
    public static EngineProfile Profile(Activation activation, EfficiencyScan? scan = null, double biasVariance = 0)
    {
        ArgumentNullException.ThrowIfNull(activation);
        scan = (scan ?? new EfficiencyScan()).Validated();
        EfficiencyPoint[] curve = Curve(activation, scan);
        (EngineType type, bool pure) = Classify(curve, scan);
        // A pure conductor does no work: η ≡ 0 exactly, not the quadrature's rounding residue (~1e-32),
        // in the curve, its end values and η(1) alike.
        if (pure) curve = Array.ConvertAll(curve, p => new EfficiencyPoint(p.Q, 0));
        double? qOpt = type == EngineType.B ? InteriorMaximum(activation, curve, scan) : null;
        var meanField = new MeanField(activation, biasVariance);
        return new EngineProfile(
            activation.Name, type, pure, curve,
            pure ? 0 : HermiteWork.EfficiencyOf(activation, 1),
            qOpt,
            qOpt is double qo ? HermiteWork.EfficiencyOf(activation, qo) : null,
            curve[0], curve[^1],
            meanField.Criticality(type, scan.QMin, scan.QMax, scan.Points),
            qOpt is double q ? meanField.FixedPointAt(q) : null);
    }

    /// <summary>
    /// q_opt: the grid maximum of η when it lies inside the scan and exceeds both end values by more than
    /// the relative tolerance, refined by golden-section search on ln q between its grid neighbours;
    /// null when η is largest at an end (monotone on the range: it tends to a limit, not an optimum).
    /// </summary>
    public static double? InteriorMaximum(Activation activation, IReadOnlyList<EfficiencyPoint> curve, EfficiencyScan scan)
    {
        int best = 0;
        for (int i = 1; i < curve.Count; i++) if (curve[i].Eta > curve[best].Eta) best = i;
        double peak = curve[best].Eta, ends = Math.Max(curve[0].Eta, curve[^1].Eta);
        if (best == 0 || best == curve.Count - 1 || peak - ends <= scan.RelativeTolerance * Math.Abs(peak)) return null;
        double lo = Math.Log(curve[best - 1].Q), hi = Math.Log(curve[best + 1].Q);
        var objective = ObjectiveFunction.ScalarValue(logQ => -HermiteWork.EfficiencyOf(activation, Math.Exp(logQ)));
        double x = new GoldenSectionMinimizer(1e-7, 500).FindMinimum(objective, lo, hi).MinimizingPoint;
        return Math.Exp(x);
    }
}
