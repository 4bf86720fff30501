using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>One level of a study axis for the figure: its position, tick label, T and SE (null: no finite T).</summary>
public sealed record StudyPoint(double X, string Label, double? Temperature, double? StandardError);

/// <summary>
/// A study axis's figure: T (mean across seeds) against the factor's levels with ±1 SE error bars.
/// Categorical levels sit at 0, 1, 2, … with their names as ticks; a numeric axis whose levels are all
/// positive and span a factor ≥ 8 (learning rate, batch, init scale) is drawn on a log scale with
/// ticks at 1, 2, 5 × 10^k; a level without a finite T gets no point. The vertical range follows the points (their spread again on either side at most), so one
/// level whose ΔS is near 0 (T and its SE unbounded) does not flatten the others: its bar is clipped.
/// </summary>
public static class StudyAxisPlot
{
    /// <summary>Writes the figure as a PNG (800×500 pixels) to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<(string Name, IReadOnlyList<StudyPoint> Points)> series, bool categorical, string xLabel, string title, string path)
    {
        var plot = new Plot();
        var all = series.SelectMany(s => s.Points).ToArray();
        bool log = !categorical && all.Length > 0 && all.All(p => p.X > 0) && all.Max(p => p.X) >= 8 * all.Min(p => p.X);
        if (log) series = series.Select(s => (s.Name, (IReadOnlyList<StudyPoint>)s.Points.Select(p => p with { X = Math.Log10(p.X) }).ToList())).ToList();
        var finite = series.SelectMany(s => s.Points).Where(p => p.Temperature is not null).ToArray();
        Color[] colors = [Colors.SteelBlue, Colors.OrangeRed, Colors.SeaGreen];
        for (int s = 0; s < series.Count; s++)
        {
            var pts = series[s].Points.Where(p => p.Temperature is not null).ToArray();
            if (pts.Length == 0) continue;
            // a small horizontal offset keeps the two series' bars apart on categorical axes
            double dx = categorical ? (s - (series.Count - 1) / 2.0) * 0.08 : 0;
            double[] xs = pts.Select(p => p.X + dx).ToArray(), ys = pts.Select(p => p.Temperature!.Value).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, pts.Select(p => p.StandardError ?? 0).ToArray());
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = series[s].Name + " ± 1 SE";
            line.MarkerSize = 7;
            if (categorical) line.LineWidth = 0; // levels without an order: points, no connecting line
            line.Color = bars.Color = colors[s % colors.Length];
        }
        if (categorical)
        {
            var levels = series.SelectMany(s => s.Points).DistinctBy(p => p.X).OrderBy(p => p.X).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(levels.Select(p => p.X).ToArray(), levels.Select(p => p.Label).ToArray());
        }
        if (log)
        {
            double lo = all.Min(p => p.X), hi = all.Max(p => p.X);
            var ticks = Enumerable.Range((int)Math.Floor(Math.Log10(lo)), (int)Math.Ceiling(Math.Log10(hi)) - (int)Math.Floor(Math.Log10(lo)) + 1)
                .SelectMany(k => new[] { 1.0, 2, 5 }.Select(m => m * Math.Pow(10, k))).Where(v => v >= lo / 1.05 && v <= hi * 1.05).ToArray();
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(Math.Log10).ToArray(),
                ticks.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            double pad = 0.05 * (Math.Log10(hi) - Math.Log10(lo));
            plot.Axes.SetLimitsX(Math.Log10(lo) - pad, Math.Log10(hi) + pad);
            xLabel += " (log scale)";
        }
        plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
        if (finite.Length > 0)
        {
            double min = finite.Min(p => p.Temperature!.Value), max = finite.Max(p => p.Temperature!.Value);
            double spread = max > min ? max - min : Math.Max(Math.Abs(max), 1e-9);
            double low = Math.Max(finite.Min(p => p.Temperature!.Value - (p.StandardError ?? 0)), min - spread);
            double high = Math.Min(finite.Max(p => p.Temperature!.Value + (p.StandardError ?? 0)), max + spread);
            double pad = 0.05 * (high - low);
            plot.Axes.SetLimitsY(low - pad, high + pad);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("T (loss units per nat)");
        // the legend goes in the upper corner the points leave empty: left when T rises along the axis
        var ordered = finite.OrderBy(p => p.X).ToArray();
        plot.ShowLegend(ordered.Length > 1 && ordered[^1].Temperature > ordered[0].Temperature ? Alignment.UpperLeft : Alignment.UpperRight);
        try { plot.SavePng(path, 800, 500); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        { throw new KelvinException($"cannot write the plot to {path}: {e.Message}", e); }
    }
}
