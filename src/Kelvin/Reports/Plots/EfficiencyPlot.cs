using Kelvin.Engines;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>
/// The figure of THEORY §7: work efficiency η_φ(q) = W(q)/q against the signal level q on a log axis,
/// one line per activation (Type A engines are flat lines, Type B engines have a shape).
/// </summary>
public static class EfficiencyPlot
{
    /// <summary>Draws the curves of <paramref name="profiles"/> and saves a PNG to <paramref name="path"/>.</summary>
    /// <exception cref="KelvinException">when there is nothing to draw or the file cannot be written.</exception>
    public static void Save(IReadOnlyList<EngineProfile> profiles, string path, int width = 1000, int height = 640)
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
        plot.Axes.SetLimitsY(0, Math.Max(1e-3, profiles.Max(p => p.Curve.Max(c => c.Eta))) * 1.08);
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
