using System.Globalization;
using Kelvin.Linear;
using Kelvin.Thermodynamics;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>The terminal tables of `kelvin linear`: analytic vs simulated, and their difference in SE.</summary>
internal static class LinearTable
{
    public static void Write(LinearData data, LinearSetting setting, LinearComparison c, RefreshComparison? r)
    {
        var a = c.Analytic;
        var s = c.Simulated;
        var console = StdoutConsole.Create();
        console.MarkupLine(Markup.Escape(
            $"linear model: {data.Name}, d = {data.Dimension}, n = {data.Count}; loss {setting.Loss.Name}, init {setting.Init.Description}; " +
            $"η = {F(setting.LearningRate)}, B = {setting.Batch}; K = {s.Initial.Samples.Length}, {s.Trained.Steps} SGD steps; E_I by {a.InitialEnergy.Method}; " +
            $"entropy view: {c.View.Name()}" + (c.View == EntropyView.Thermal ? $" (window: {s.Trained.Samples[0].Length / data.Dimension} iterates, {s.Trained.Thinning} steps apart, over the last half)" : "")));
        var table = new Table().AddColumns("quantity", "analytic", "simulated", "± SE", "(an−sim)/SE");
        Row(table, "E_init (loss)", a.InitialEnergy.Value, s.Initial.Energy);
        Row(table, "S_init (nats)", a.InitialEntropy, s.Initial.Entropy);
        Row(table, "E_trained (loss)", a.Trained.Energy, s.Trained.Energy);
        Row(table, $"S_trained (nats, {c.View.Name()})", a.TrainedEntropy, s.Trained.Entropy);
        TemperatureRow(table, $"T_I (loss/nat, {c.View.Name()})", a.Temperature, s.Transition.Temperature, s.TemperatureStdErr);
        if (r is not null)
        {
            TemperatureRow(table, "T_II (loss/nat)", r.Analytic.Transition.Temperature, r.Transition.Temperature, r.TemperatureStdErr);
            table.AddRow("W work (loss)", F(r.Analytic.Work), F(r.Work), "", "");
            table.AddRow("Q heat (loss)", F(r.Analytic.Heat), F(r.Heat), "", "");
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape($"T relative difference: {(c.TemperatureRelativeDifference is double d ? d.ToString("P2", CultureInfo.InvariantCulture) : "n/a")}; max |z| over E, S: {F(c.MaxZ)}; " +
            $"{(c.Agrees ? "PASS" : "FAIL")} (within 5% or 4 SE)" + (s.Estimate.SignResolved ? "" : "; sign not resolved") +
            (c.Asymptotic is { } t ? $"; asymptotic T_I {t}" : "")));
    }

    public static void Sweep(SweepResult sweep)
    {
        var table = new Table().AddColumns(sweep.ParameterLabel, "T_I analytic", "T_I simulated", "± SE", "T_I asymptotic", "β analytic", "β simulated ± SE");
        foreach (var p in sweep.Points)
            table.AddRow(F(p.Value), p.Analytic is double t ? F(t) : p.AnalyticRegime, p.Simulated is double u ? F(u) : p.SimulatedRegime,
                         p.SimulatedStdErr is double e ? F(e) : "", p.Asymptotic is double v ? F(v) : "",
                         F(double.IsFinite(p.AnalyticColdness) ? p.AnalyticColdness : null), $"{F(p.SimulatedColdness.Value)} ± {F(p.SimulatedColdness.StdErr)}");
        var console = StdoutConsole.Create();
        console.MarkupLine(Markup.Escape($"entropy view: {sweep.View.Name()}" + (sweep.FittedComponentScale is double r ? $"; ρ_eff = {F(r)}" : "") + "; β = 1/T_I = ΔS/ΔE (nats per loss unit)"));
        console.Write(table);
    }

    private static void Row(Table table, string name, double analytic, Estimate sim) =>
        table.AddRow(name, F(analytic), F(sim.Value), F(sim.StdErr), F(sim.ZScore(analytic)));

    private static void TemperatureRow(Table table, string name, Temperature analytic, Temperature sim, double? se)
    {
        string z = analytic.Value is double ta && sim.Value is double ts && se is double e && e > 0 ? F((ta - ts) / e) : "";
        table.AddRow(name, analytic.ToString(), sim.ToString(), se is double v ? F(v) : "", z);
    }

    /// <summary>G5, or "—" for a quantity that is not a number here (a z-score with SE = 0).</summary>
    private static string F(double? x) => StdoutConsole.Number(x, 5);
}
