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
        Curves(plot, sweep, "β_I",
            p => double.IsFinite(p.AnalyticColdness) ? p.AnalyticColdness : null, "analytic β_I (this teacher)",
            p => p.AsymptoticColdness, "asymptotic β_I (d → ∞)",
            p => double.IsFinite(p.SimulatedColdness.Value) ? (p.SimulatedColdness.Value, p.SimulatedColdness.StdErr) : null);
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
        Curves(plot, sweep, "T_I",
            p => p.Analytic, "analytic T_I",
            p => p.Asymptotic, "asymptotic T_I",
            p => p.Simulated is double t ? (t, p.SimulatedStdErr ?? 0) : null);
        plot.Title($"Training temperature of a linear model ({sweep.Loss}, {sweep.Init})");
        plot.XLabel(sweep.ParameterLabel);
        plot.YLabel("T_I (loss units per nat)");
        // the legend goes in the upper corner the curve leaves empty: left when T rises along the sweep
        var ts = sweep.Points.Select(p => p.Analytic ?? p.Simulated).OfType<double>().ToArray();
        plot.ShowLegend(ts.Length > 1 && ts[^1] > ts[0] ? Alignment.UpperLeft : Alignment.UpperRight);
        return plot;
    }

    /// <summary>The three series of a sweep figure: the analytic curve (solid), the asymptotic curve
    /// (dashed) and the simulated points with ±1 SE error bars, each over the points where it exists.</summary>
    private static void Curves(Plot plot, SweepResult sweep, string quantity,
        Func<SweepPoint, double?> analytic, string analyticLabel,
        Func<SweepPoint, double?> asymptotic, string asymptoticLabel,
        Func<SweepPoint, (double Value, double StdErr)?> simulated)
    {
        if (Series(sweep, analytic) is { } a)
        {
            var line = plot.Add.ScatterLine(a.Xs, a.Ys);
            line.LegendText = analyticLabel;
            line.LineWidth = 2;
        }
        if (Series(sweep, asymptotic) is { } b)
        {
            var line = plot.Add.ScatterLine(b.Xs, b.Ys);
            line.LegendText = asymptoticLabel;
            line.LinePattern = LinePattern.Dashed;
        }
        var points = sweep.Points.Select(p => (p.Value, Y: simulated(p))).Where(p => p.Y is not null).ToArray();
        if (points.Length > 0)
        {
            double[] xs = points.Select(p => p.Value).ToArray(), ys = points.Select(p => p.Y!.Value.Value).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => p.Y!.Value.StdErr).ToArray());
            var marks = plot.Add.ScatterPoints(xs, ys);
            marks.LegendText = $"simulated {quantity} ± 1 SE";
            marks.MarkerSize = 8;
            bars.Color = marks.Color;
        }
    }

    /// <summary>The (x, y) of the points where <paramref name="y"/> has a value, or null when none has.</summary>
    private static (double[] Xs, double[] Ys)? Series(SweepResult sweep, Func<SweepPoint, double?> y)
    {
        var points = sweep.Points.Where(p => y(p) is not null).ToArray();
        return points.Length == 0 ? null : (points.Select(p => p.Value).ToArray(), points.Select(p => y(p)!.Value).ToArray());
    }
}
