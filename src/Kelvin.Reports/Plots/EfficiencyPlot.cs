using Kelvin.Engines;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>
/// The figure of docs/theory.md §7: work efficiency η_φ(q) = W(q)/q against the signal level q on a log axis,
/// one line per activation (Type A engines are flat lines, Type B engines have a shape).
/// </summary>
public static class EfficiencyPlot
{
    /// <summary>Draws the curves of <paramref name="profiles"/> and saves a PNG to <paramref name="path"/>;
    /// <paramref name="measured"/>, when given, adds each series of measured layers (q_l, W_l/q_l) as markers.</summary>
    /// <exception cref="KelvinException">when there is nothing to draw or the file cannot be written.</exception>
    public static void Save(IReadOnlyList<EngineProfile> profiles, string path, int width = 1000, int height = 640,
                            IReadOnlyList<(string Label, IReadOnlyList<EfficiencyPoint> Points)>? measured = null)
    {
        if (profiles.Count == 0) throw new KelvinException("no efficiency curves to plot");
        if (string.IsNullOrWhiteSpace(path)) throw new KelvinException("empty plot file name");
        var plot = new Plot();
        IPalette palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < profiles.Count; i++)
        {
            EngineProfile p = profiles[i];
            double[] x = p.Curve.Select(c => Math.Log10(c.Q)).ToArray();
            double[] y = p.Curve.Select(c => c.Eta).ToArray();
            var line = plot.Add.ScatterLine(x, y, palette.GetColor(i));
            line.LineWidth = 2;
            line.LinePattern = p.Type == EngineType.A ? LinePattern.Dashed : LinePattern.Solid;
            line.LegendText = $"{p.Activation} (Type {p.Type.Name()})";
            if (p.QOpt is double q && p.EfficiencyAtQOpt is double eta)
            {
                var marker = plot.Add.Marker(Math.Log10(q), eta, MarkerShape.FilledCircle, 7, palette.GetColor(i));
                marker.LegendText = "";
            }
        }
        MarkerShape[] shapes = [MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Cross];
        for (int i = 0; i < (measured?.Count ?? 0); i++)
        {
            var (label, points) = measured![i];
            var marks = plot.Add.ScatterPoints(points.Select(p => Math.Log10(p.Q)).ToArray(), points.Select(p => p.Eta).ToArray(), Colors.Black);
            marks.MarkerShape = shapes[i % shapes.Length];
            marks.MarkerSize = 11;
            marks.LegendText = label;
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = v => Math.Pow(10, v).ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.Label.Text = "signal level q = E[z²] (pre-activation units², log scale)";
        plot.Axes.Left.Label.Text = "work efficiency η = W/q (dimensionless)";
        plot.Axes.Title.Label.Text = "Heat engines: work efficiency of activations (● = q_opt)";
        double top = Math.Max(profiles.Max(p => p.Curve.Max(c => c.Eta)), measured?.SelectMany(m => m.Points).Select(p => p.Eta).DefaultIfEmpty(0).Max() ?? 0);
        plot.Axes.SetLimitsY(0, Math.Max(1e-3, top) * 1.08);
        plot.ShowLegend(Alignment.UpperLeft);
        try
        {
            plot.SavePng(path, width, height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new KelvinException($"cannot write plot '{path}': {e.Message}");
        }
    }
}
