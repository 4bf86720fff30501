using System.Globalization;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>One point of <see cref="LinearAgreementPlot"/>: a (loss, init) cell's analytic and simulated T_I.</summary>
public sealed record AgreementPoint(string Group, string Label, double Analytic, double Simulated, double StdErr);

/// <summary>
/// Analytic against simulated training temperature T_I of linear models (docs/theory.md §5, §10) on log–log
/// axes (the losses' temperatures differ by an order of magnitude): one marker per cell with ±1 SE
/// error bars, one colour per loss, one shape per init, and the diagonal T_sim = T_analytic. Cells with
/// a non-positive temperature cannot sit on a log axis and are left out (the table has them).
/// </summary>
public static class LinearAgreementPlot
{
    /// <summary>Writes the figure to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<AgreementPoint> points, string path, string title)
    {
        var plot = new Plot();
        IPalette palette = new ScottPlot.Palettes.Category10();
        MarkerShape[] shapes = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];
        var shown = points.Where(p => p.Analytic > 0 && p.Simulated > 0).ToList();
        var groups = shown.Select(p => p.Group).Distinct().ToList();
        var labels = shown.Select(p => p.Label).Distinct().ToList();
        foreach (var p in shown)
        {
            var color = palette.GetColor(groups.IndexOf(p.Group));
            double x = Math.Log10(p.Analytic);
            double lo = Math.Log10(Math.Max(p.Simulated - p.StdErr, p.Simulated * 0.1)), hi = Math.Log10(p.Simulated + p.StdErr);
            var bar = plot.Add.Line(x, lo, x, hi);
            bar.Color = color;
            bar.LineWidth = 1.5f;
            var m = plot.Add.Marker(x, Math.Log10(p.Simulated), shapes[labels.IndexOf(p.Label) % shapes.Length], 10, color);
            m.LegendText = $"{p.Group}, {p.Label} init";
        }
        if (shown.Count > 0)
        {
            double lo = Math.Log10(shown.Min(p => Math.Min(p.Analytic, p.Simulated))) - 0.1, hi = Math.Log10(shown.Max(p => Math.Max(p.Analytic, p.Simulated))) + 0.1;
            var diagonal = plot.Add.Line(lo, lo, hi, hi);
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.Color = Colors.Gray;
            diagonal.LegendText = "T_simulated = T_analytic";
        }
        if (shown.Count > 0)
        {
            double lo = Math.Log10(shown.Min(p => Math.Min(p.Analytic, p.Simulated))) - 0.3, hi = Math.Log10(shown.Max(p => Math.Max(p.Analytic, p.Simulated))) + 0.3;
            foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left }) axis.TickGenerator = LogTicks(lo, hi);
        }
        plot.Title(title);
        plot.XLabel("analytic T_I (loss units per nat, log scale)");
        plot.YLabel("simulated T_I ± 1 SE (loss units per nat, log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 640);
    }

    /// <summary>Ticks of a log10 axis over [<paramref name="lo"/>, <paramref name="hi"/>] (in log10 units):
    /// labelled at 1, 2, 5 × 10^k (at 10^k only when the range spans more than three decades), minor
    /// ticks at every m × 10^k.</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double lo, double hi)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int[] labelled = hi - lo > 3 ? [1] : [1, 2, 5];
        for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
            for (int m = 1; m <= 9; m++)
            {
                double value = m * Math.Pow(10, k), at = Math.Log10(value);
                if (at < lo || at > hi) continue;
                if (labelled.Contains(m)) ticks.AddMajor(at, value.ToString("G3", CultureInfo.InvariantCulture));
                else ticks.AddMinor(at);
            }
        return ticks;
    }
}
