using Kelvin.Checkpoints;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>Per-layer particle-view entropy S_l = n_l·h before and after a transition, as grouped
/// bars (one pair per layer), saved as a PNG.</summary>
public static class LayerEntropyPlot
{
    /// <summary>Draws the bars of <paramref name="layers"/> and saves them to <paramref name="path"/>.</summary>
    public static void SavePng(string path, IReadOnlyList<LayerEntropyChange> layers, string beforeLabel = "before", string afterLabel = "after",
        int width = 900, int height = 520)
    {
        if (layers.Count == 0) throw new KelvinException("nothing to plot: no layers");
        var plot = new Plot();
        var beforeColor = Colors.SteelBlue;
        var afterColor = Colors.OrangeRed;
        var bars = new List<Bar>();
        var positions = new double[layers.Count];
        var labels = new string[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            double center = 3 * i + 1;
            positions[i] = center;
            labels[i] = layers[i].Name;
            // A layer without spread (S_l = −∞) gets no bar.
            if (layers[i].EntropyBefore is double b) bars.Add(new Bar { Position = center - 0.5, Value = b, FillColor = beforeColor, Size = 1 });
            if (layers[i].EntropyAfter is double a) bars.Add(new Bar { Position = center + 0.5, Value = a, FillColor = afterColor, Size = 1 });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        if (layers.Count > 4) plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = layers.Count > 4 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = beforeLabel, FillColor = beforeColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = afterLabel, FillColor = afterColor });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("Layer entropy S_l = n_l·h (particle view)");
        plot.XLabel("layer");
        plot.YLabel("S_l (nats)");
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.Axes.Margins(bottom: 0.05, top: 0.15);
        plot.SavePng(path, width, height);
    }
}
