using Kelvin.Linear;
using ScottPlot;

namespace Kelvin.Reports.Plots;

/// <summary>
/// The figure of a linear-model sweep: T_I against the swept parameter — the analytic curve (line),
/// the simulated points with ±1 SE error bars, and the asymptotic mse formula where it applies (dashed).
/// </summary>
public static class LinearSweepPlot
{
    /// <summary>Writes the figure as a PNG (800×500 pixels) to <paramref name="path"/>.</summary>
    public static void Save(SweepResult sweep, string path, int width = 800, int height = 500)
    {
        var plot = new Plot();
        var analytic = sweep.Points.Where(p => p.Analytic is not null).ToArray();
        if (analytic.Length > 0)
        {
            var line = plot.Add.ScatterLine(analytic.Select(p => p.Value).ToArray(), analytic.Select(p => p.Analytic!.Value).ToArray());
            line.LegendText = "analytic T_I";
            line.LineWidth = 2;
        }
        var asymptotic = sweep.Points.Where(p => p.Asymptotic is not null).ToArray();
        if (asymptotic.Length > 0)
        {
            var line = plot.Add.ScatterLine(asymptotic.Select(p => p.Value).ToArray(), asymptotic.Select(p => p.Asymptotic!.Value).ToArray());
            line.LegendText = "asymptotic 2(‖w*‖²/d + σ²)/ln(σ²B/(ηs²))";
            line.LinePattern = LinePattern.Dashed;
        }
        var simulated = sweep.Points.Where(p => p.Simulated is not null).ToArray();
        if (simulated.Length > 0)
        {
            double[] xs = simulated.Select(p => p.Value).ToArray(), ys = simulated.Select(p => p.Simulated!.Value).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, simulated.Select(p => p.SimulatedStdErr ?? 0).ToArray());
            var marks = plot.Add.ScatterPoints(xs, ys);
            marks.LegendText = "simulated T_I ± 1 SE";
            marks.MarkerSize = 8;
            bars.Color = marks.Color;
        }
        plot.Title($"Training temperature of a linear model ({sweep.Loss}, {sweep.Init})");
        plot.XLabel(sweep.ParameterLabel);
        plot.YLabel("T_I (loss units per nat)");
        // the legend goes in the upper corner the curve leaves empty: left when T rises along the sweep
        var ts = sweep.Points.Select(p => p.Analytic ?? p.Simulated).OfType<double>().ToArray();
        plot.ShowLegend(ts.Length > 1 && ts[^1] > ts[0] ? Alignment.UpperLeft : Alignment.UpperRight);
        try { plot.SavePng(path, width, height); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        { throw new KelvinException($"cannot write the plot to {path}: {e.Message}", e); }
    }
}
