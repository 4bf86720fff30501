using Kelvin.Thermodynamics;
using Kelvin.Trajectories;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>
/// PNG figures of a transition's T(t): the global curve (with the energy E(t) on a second axis) and
/// the per-layer local curves T_l(t). Degenerate points (null temperatures) are left out; the
/// temperature axis spans the 2nd–98th percentiles of the finite values so that a few near-isentropic
/// windows (|ΔS| → 0, |T| → ∞) do not flatten the rest.
/// </summary>
public static class TemperatureCurvePlot
{
    /// <summary>Writes the global T(t) and E(t) of <paramref name="analysis"/> to <paramref name="path"/>.</summary>
    public static void SaveGlobal(TransitionAnalysis analysis, string path, string title)
    {
        var plot = new Plot();
        var (xs, ys) = Finite(analysis.Curve.Select(p => p.Step), analysis.Curve.Select(p => p.Temperature));
        var t = plot.Add.Scatter(xs, ys);
        t.LegendText = "T(t), loss units per nat";
        var energy = plot.Add.Scatter(analysis.Curve.Select(p => (double)p.Step).ToArray(), analysis.Curve.Select(p => p.Energy).ToArray());
        energy.LegendText = "E(t), loss units";
        energy.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "energy E (loss units)";
        plot.Title(title);
        plot.XLabel("optimizer step t");
        plot.YLabel("temperature T (loss units per nat)");
        Limit(plot, ys);
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }

    /// <summary>Writes every layer's T_l(t) of <paramref name="analysis"/> to <paramref name="path"/>.</summary>
    public static void SaveLayers(TransitionAnalysis analysis, string path, string title)
    {
        var plot = new Plot();
        var all = new List<double>();
        for (int l = 0; l < analysis.Layers.Count; l++)
        {
            var (xs, ys) = Finite(analysis.Curve.Select(p => p.Step), analysis.LayerCurves[l]);
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"{analysis.Layers[l].Name}: T_l(t)";
            all.AddRange(ys);
        }
        plot.Title(title);
        plot.XLabel("optimizer step t");
        plot.YLabel("local temperature T_l (loss units per nat)");
        Limit(plot, all);
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }

    private static (double[] X, double[] Y) Finite(IEnumerable<long> steps, IEnumerable<Temperature?> temperatures)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (s, t) in steps.Zip(temperatures))
            if (t?.Value is double v) { xs.Add(s); ys.Add(v); }
        return (xs.ToArray(), ys.ToArray());
    }

    private static void Limit(Plot plot, IReadOnlyCollection<double> values)
    {
        if (values.Count < 3) return;
        var sorted = values.Order().ToArray();
        double lo = sorted[(int)(0.02 * (sorted.Length - 1))], hi = sorted[(int)Math.Ceiling(0.98 * (sorted.Length - 1))];
        if (!(hi > lo)) return;
        double pad = 0.05 * (hi - lo);
        plot.Axes.SetLimitsY(lo - pad, hi + pad, plot.Axes.Left);
    }
}
