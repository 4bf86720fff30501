using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>
/// The distribution of one layer's weights before and after a transition, as density histograms
/// (step lines, one binning shared by every series): the picture behind the entropy change ΔS_l = n_l·Δh.
/// </summary>
public static class WeightHistogramPlot
{
    /// <summary>Writes the histograms of <paramref name="series"/> (label, weights) to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<(string Label, double[] Weights)> series, string path, string title)
    {
        var values = series.SelectMany(s => s.Weights).Order().ToArray();
        if (values.Length < 2) throw new KelvinException("nothing to plot: fewer than 2 weights");
        // The central 99.8% of all weights sets the range, so a few outliers do not squash the rest.
        double lo = values[(int)(0.001 * (values.Length - 1))], hi = values[(int)Math.Ceiling(0.999 * (values.Length - 1))];
        if (!(hi > lo)) { lo -= 1; hi += 1; }
        // About √n bins for the smallest series (between 15 and 80): enough shape, little noise.
        int bins = Math.Clamp((int)Math.Sqrt(series.Min(s => s.Weights.Length)), 15, 80);
        double width = (hi - lo) / bins;
        var plot = new Plot();
        IPalette palette = new ScottPlot.Palettes.Category10();
        double top = 0;
        for (int i = 0; i < series.Count; i++)
        {
            var counts = new double[bins];
            foreach (double w in series[i].Weights)
            {
                int b = (int)Math.Floor((w - lo) / width);
                if (b >= 0 && b < bins) counts[b]++;
            }
            var xs = new double[bins + 1];
            var ys = new double[bins + 1];
            for (int b = 0; b <= bins; b++)
            {
                xs[b] = lo + b * width;
                ys[b] = b < bins ? counts[b] / (series[i].Weights.Length * width) : counts[bins - 1] / (series[i].Weights.Length * width);
            }
            top = Math.Max(top, ys.Max());
            var line = plot.Add.Scatter(xs, ys, palette.GetColor(i));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LinePattern = i % 2 == 0 ? LinePattern.Dashed : LinePattern.Solid;
            line.LegendText = series[i].Label;
        }
        plot.Title(title);
        plot.XLabel("weight value (dimensionless, standardized inputs)");
        plot.YLabel("probability density (per unit weight)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.08 : 1); // a density is never negative: the axis starts at 0
        plot.SavePng(path, 1000, 560);
    }
}
