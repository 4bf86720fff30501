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
            var (xs, ys) = Finite(analysis.Curve.Select(p => p.Step), analysis.LayerCurves[l].Select(t => t?.Temperature));
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

    /// <summary>Writes the global T(t) of several networks to <paramref name="path"/>: for each, its
    /// training (solid) then its refresh after the shift (dashed), the refresh's steps continuing the
    /// training's; a vertical line marks the shift.</summary>
    public static void SaveTrainingAndRefresh(IReadOnlyList<(string Label, TransitionAnalysis Training, TransitionAnalysis Refresh)> runs, string path, string title)
    {
        var plot = new Plot();
        IPalette palette = new ScottPlot.Palettes.Category10();
        var all = new List<double>();
        double shiftAt = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            var (label, training, refresh) = runs[i];
            long offset = training.Curve.Count > 0 ? training.Curve[^1].Step : 0;
            shiftAt = Math.Max(shiftAt, offset);
            var (x1, y1) = Finite(training.Curve.Select(p => p.Step), training.Curve.Select(p => p.Temperature));
            var (x2, y2) = Finite(refresh.Curve.Select(p => p.Step + offset), refresh.Curve.Select(p => p.Temperature));
            var a = plot.Add.ScatterLine(x1, y1, palette.GetColor(i));
            a.LegendText = $"{label}: training T_I(t), T_I = {ReportFormat.Temperature(training.GlobalEstimate)}";
            Whiskers(plot, training, 0, palette.GetColor(i));
            var b = plot.Add.ScatterLine(x2, y2, palette.GetColor(i));
            b.LinePattern = LinePattern.Dashed;
            b.LegendText = $"{label}: refresh T_II(t) after the shift, T_II = {ReportFormat.Temperature(refresh.GlobalEstimate)}";
            Whiskers(plot, refresh, offset, palette.GetColor(i));
            all.AddRange(y1);
            all.AddRange(y2);
        }
        var shift = plot.Add.VerticalLine(shiftAt, 1, Colors.Gray);
        shift.LinePattern = LinePattern.Dotted;
        shift.LegendText = "data shift";
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.Title(title);
        plot.XLabel("optimizer step t (training, then refresh)");
        plot.YLabel("temperature T(t) (loss units per nat)");
        Limit(plot, all);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 1000, 560);
    }

    /// <summary>±1 SE error bars on the points of T(t) that have one.</summary>
    private static void Whiskers(Plot plot, TransitionAnalysis a, long offset, Color color)
    {
        var points = a.Curve.Where(p => p.Temperature?.Value is not null && p.Estimate?.StandardError is not null).ToList();
        if (points.Count == 0) return;
        var bars = plot.Add.ErrorBar(points.Select(p => (double)(p.Step + offset)).ToArray(), points.Select(p => p.Temperature!.Value.Value!.Value).ToArray(),
                                     points.Select(p => p.Estimate!.StandardError!.Value).ToArray());
        bars.Color = color.WithAlpha(0.5);
    }

    internal static (double[] X, double[] Y) Finite(IEnumerable<long> steps, IEnumerable<Temperature?> temperatures) =>
        Finite(steps.Select(s => (double)s), temperatures.Select(t => t?.Value));

    /// <summary>The (step, value) pairs whose value is a finite number; the others are left out.</summary>
    internal static (double[] X, double[] Y) Finite(IEnumerable<double> steps, IEnumerable<double?> values)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var (s, v) in steps.Zip(values))
            if (v is double y && double.IsFinite(y)) { xs.Add(s); ys.Add(y); }
        return (xs.ToArray(), ys.ToArray());
    }

    internal static void Limit(Plot plot, IReadOnlyCollection<double> values)
    {
        if (values.Count < 3) return;
        var sorted = values.Order().ToArray();
        double lo = sorted[(int)(0.02 * (sorted.Length - 1))], hi = sorted[(int)Math.Ceiling(0.98 * (sorted.Length - 1))];
        if (!(hi > lo)) return;
        double pad = 0.05 * (hi - lo);
        plot.Axes.SetLimitsY(lo - pad, hi + pad, plot.Axes.Left);
    }
}
