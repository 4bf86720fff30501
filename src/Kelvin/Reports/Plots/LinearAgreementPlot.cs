using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>One point of <see cref="LinearAgreementPlot"/>: a (loss, init) cell's analytic and simulated T_I.</summary>
public sealed record AgreementPoint(string Group, string Label, double Analytic, double Simulated, double StdErr);

/// <summary>
/// Analytic against simulated training temperature T_I of linear models (THEORY §5, §10): one marker per
/// cell with ±1 SE error bars, one colour per loss, and the diagonal T_sim = T_analytic.
/// </summary>
public static class LinearAgreementPlot
{
    /// <summary>Writes the figure to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<AgreementPoint> points, string path, string title)
    {
        var plot = new Plot();
        IPalette palette = new ScottPlot.Palettes.Category10();
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];
        var groups = points.Select(p => p.Group).Distinct().ToList();
        var labels = points.Select(p => p.Label).Distinct().ToList();
        foreach (var p in points)
        {
            var color = palette.GetColor(groups.IndexOf(p.Group));
            var bar = plot.Add.ErrorBar([p.Analytic], [p.Simulated], [p.StdErr]);
            bar.Color = color;
            var m = plot.Add.Marker(p.Analytic, p.Simulated, shapes[labels.IndexOf(p.Label) % shapes.Length], 10, color);
            m.LegendText = $"{p.Group}, {p.Label} init";
        }
        if (points.Count > 0)
        {
            double lo = points.Min(p => Math.Min(p.Analytic, p.Simulated - p.StdErr)), hi = points.Max(p => Math.Max(p.Analytic, p.Simulated + p.StdErr));
            double pad = 0.05 * Math.Max(hi - lo, 1e-12);
            var diagonal = plot.Add.Line(lo - pad, lo - pad, hi + pad, hi + pad);
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.Color = Colors.Gray;
            diagonal.LegendText = "T_simulated = T_analytic";
        }
        plot.Title(title);
        plot.XLabel("analytic T_I (loss units per nat)");
        plot.YLabel("simulated T_I ± 1 SE (loss units per nat)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 640);
    }
}
