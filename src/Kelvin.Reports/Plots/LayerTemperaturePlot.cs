using Kelvin.Thermodynamics;
using Kelvin.Trajectories;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>
/// Local temperatures T_l of every layer of several networks as grouped bars: per layer, the training
/// transition (Type I) and the refresh transition (Type II). A degenerate T_l (docs/theory.md §3) gets no bar
/// and its regime is written under the axis label instead.
/// </summary>
public static class LayerTemperaturePlot
{
    /// <summary>Writes the bars of <paramref name="runs"/> to <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<(string Label, TransitionAnalysis Training, TransitionAnalysis Refresh)> runs, string path, string title)
    {
        var plot = new Plot();
        var training = Colors.SteelBlue;
        var refresh = Colors.OrangeRed;
        var bars = new List<Bar>();
        var positions = new List<double>();
        var labels = new List<string>();
        double x = 0;
        foreach (var (label, a, b) in runs)
        {
            for (int l = 0; l < a.Layers.Count; l++, x += 3)
            {
                positions.Add(x + 1);
                string name = $"{label}\n{a.Layers[l].Name}";
                Add(bars, x + 0.5, a.Layers[l], training, ref name);
                if (l < b.Layers.Count) Add(bars, x + 1.5, b.Layers[l], refresh, ref name);
                labels.Add(name);
            }
            x += 1;
        }
        if (bars.Count > 0) plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
        plot.Add.HorizontalLine(0, 1, Colors.Black);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "training T_I,l (±1 SE)", FillColor = training });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "refresh T_II,l after the shift (±1 SE)", FillColor = refresh });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel("network and layer");
        plot.YLabel("local temperature T_l = ΔE_l/ΔS_l (loss units per nat)");
        plot.Axes.Margins(bottom: 0.1, top: 0.2);
        plot.SavePng(path, 1000, 600);
    }

    /// <summary>A bar of T_l with a ±1 SE whisker (none without an SE).</summary>
    private static void Add(List<Bar> bars, double position, Trajectories.LayerTemperature layer, Color color, ref string label)
    {
        var t = layer.Temperature;
        if (t.Value is double v) bars.Add(new Bar { Position = position, Value = v, Error = layer.Estimate?.StandardError ?? 0, FillColor = color, Size = 1 });
        else label += $" ({t.Regime.Name()})";
    }
}
