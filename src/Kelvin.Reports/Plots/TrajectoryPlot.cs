using Kelvin.Checkpoints;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>PNG figures of a checkpoint series (`kelvin trajectory`): ΔS_l(t) per weight, T(t) with
/// E(t), and T_l(t) per layer, drawn as `kelvin train` draws its curves (T axis on the 2nd–98th
/// percentiles of the finite values; degenerate points left out).</summary>
public static class TrajectoryPlot
{
    /// <summary>ΔS_l(t) = S_l(t) − S_l(t₀) of every weight and the global ΔS(t).</summary>
    public static void SaveEntropy(CheckpointTrajectory trajectory, string path, string title)
    {
        var plot = new Plot();
        var steps = trajectory.Points.Select(p => (double)p.Step).ToArray();
        for (int l = 0; l < trajectory.Weights.Count; l++)
        {
            var (xs, ys) = TemperatureCurvePlot.Finite(steps, trajectory.Points.Select(p => p.Entropy.Layers[l].Entropy - trajectory.Points[0].Entropy.Layers[l].Entropy));
            plot.Add.Scatter(xs, ys).LegendText = $"{trajectory.Weights[l]}: ΔS_l(t)";
        }
        var (gx, gy) = TemperatureCurvePlot.Finite(steps, trajectory.Points.Select(p => p.Entropy.Total - trajectory.Points[0].Entropy.Total));
        plot.Add.Scatter(gx, gy).LegendText = "global ΔS(t)";
        plot.Title(title);
        plot.XLabel("optimizer step t");
        plot.YLabel("entropy change ΔS (nats)");
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }

    /// <summary>T(t) of consecutive checkpoints (at the later step) with E(t) on a second axis.</summary>
    public static void SaveTemperature(CheckpointTrajectory trajectory, string path, string title)
    {
        var plot = new Plot();
        var (xs, ys) = TemperatureCurvePlot.Finite(trajectory.Segments.Select(s => s.ToStep), trajectory.Segments.Select(s => s.Transition?.Temperature));
        plot.Add.Scatter(xs, ys).LegendText = "T(t), loss units per nat";
        var (ex, ey) = TemperatureCurvePlot.Finite(trajectory.Points.Select(p => (double)p.Step).ToArray(), trajectory.Points.Select(p => p.Energy));
        var energy = plot.Add.Scatter(ex, ey);
        energy.LegendText = "E(t), loss units";
        energy.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "energy E (loss units)";
        plot.Title(title);
        plot.XLabel("optimizer step t");
        plot.YLabel("temperature T (loss units per nat)");
        TemperatureCurvePlot.Limit(plot, ys);
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }

    /// <summary>T_l(t) of every layer with weights (needs per-segment allocations).</summary>
    public static void SaveLayerTemperatures(CheckpointTrajectory trajectory, string path, string title)
    {
        var plot = new Plot();
        var all = new List<double>();
        var layers = trajectory.Segments[0].Layers!;
        for (int l = 0; l < layers.Count; l++)
        {
            if (layers[l].Temperature is null) continue;
            var (xs, ys) = TemperatureCurvePlot.Finite(trajectory.Segments.Select(s => s.ToStep), trajectory.Segments.Select(s => s.Layers![l].Temperature?.Temperature));
            plot.Add.Scatter(xs, ys).LegendText = $"{layers[l].Name}: T_l(t)";
            all.AddRange(ys);
        }
        plot.Title(title);
        plot.XLabel("optimizer step t");
        plot.YLabel("local temperature T_l (loss units per nat)");
        TemperatureCurvePlot.Limit(plot, all);
        plot.ShowLegend();
        plot.SavePng(path, 900, 540);
    }
}
