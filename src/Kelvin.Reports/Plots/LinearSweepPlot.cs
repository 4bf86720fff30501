using Kelvin.Linear;
using Kelvin.Thermodynamics;
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
        var plot = sweep.Parameter == SweepParameter.Sigma ? Coldness(sweep) : Temperature(sweep);
        try { plot.SavePng(path, width, height); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        { throw new KelvinException($"cannot write the plot to {path}: {e.Message}", e); }
    }

    /// <summary>
    /// The σ sweep: the coldness β = 1/T_I = ΔS/ΔE against σ — analytic curve, asymptotic curve, simulated
    /// points ± 1 SE — with β = 0 and σ = ρ_eff marked. β is plotted rather than T because T passes through
    /// ±∞ where the transition is isentropic (the particle view's sign flip at σ = ρ_eff), β through 0.
    /// </summary>
    private static Plot Coldness(SweepResult sweep)
    {
        var plot = new Plot();
        var analytic = sweep.Points.Where(p => double.IsFinite(p.AnalyticColdness)).ToArray();
        if (analytic.Length > 0)
        {
            var line = plot.Add.ScatterLine(analytic.Select(p => p.Value).ToArray(), analytic.Select(p => p.AnalyticColdness).ToArray());
            line.LegendText = "analytic β_I (this teacher)";
            line.LineWidth = 2;
        }
        var asymptotic = sweep.Points.Where(p => p.AsymptoticColdness is not null).ToArray();
        if (asymptotic.Length > 0)
        {
            var line = plot.Add.ScatterLine(asymptotic.Select(p => p.Value).ToArray(), asymptotic.Select(p => p.AsymptoticColdness!.Value).ToArray());
            line.LegendText = "asymptotic β_I (d → ∞)";
            line.LinePattern = LinePattern.Dashed;
        }
        var simulated = sweep.Points.Where(p => double.IsFinite(p.SimulatedColdness.Value)).ToArray();
        if (simulated.Length > 0)
        {
            double[] xs = simulated.Select(p => p.Value).ToArray(), ys = simulated.Select(p => p.SimulatedColdness.Value).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, simulated.Select(p => p.SimulatedColdness.StdErr).ToArray());
            var marks = plot.Add.ScatterPoints(xs, ys);
            marks.LegendText = "simulated β_I ± 1 SE";
            marks.MarkerSize = 8;
            bars.Color = marks.Color;
        }
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = Colors.Gray;
        if (sweep.FittedComponentScale is double rho)
        {
            var flip = plot.Add.VerticalLine(rho);
            flip.Color = Colors.Gray;
            flip.LinePattern = LinePattern.Dotted;
            flip.LegendText = $"σ = ρ_eff = {rho:G4} (isentropic)";
        }
        plot.Title($"Sign flip of the training temperature, {sweep.View.Name()} view ({sweep.Loss}, {sweep.Init} family)");
        plot.XLabel(sweep.ParameterLabel);
        plot.YLabel("β_I = 1/T_I = ΔS/ΔE (nats per loss unit)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot Temperature(SweepResult sweep)
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
            line.LegendText = "asymptotic T_I";
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
        return plot;
    }
}
