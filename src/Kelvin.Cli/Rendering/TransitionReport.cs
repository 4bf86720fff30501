using System.Globalization;
using Kelvin.Reports;
using Kelvin.Reports.Plots;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>Renders a <see cref="TransitionAnalysis"/>: the terminal table and the --out files (its JSON
/// pieces are <see cref="Kelvin.Reports.Json.TransitionJson"/>).</summary>
internal static class TransitionReport
{
    /// <summary>The temperature table: a global row, then one row per layer, T ± SE in the analysis's
    /// view; then the states, the view, where the SE comes from and the late window.</summary>
    public static void WriteTable(TransitionAnalysis a, string title)
    {
        var table = new Table().Title(Markup.Escape($"{title}, {a.View.Name()} view"));
        foreach (var h in new[] { "", "ΔE (loss)", "ΔS (nats)", "T ± SE (loss/nat)", "regime", "heated" }) table.AddColumn(Markup.Escape(h));
        var g = a.Global;
        table.AddRow("global", F(g.EnergyChange), F(g.EntropyChange), Markup.Escape(ReportFormat.Temperature(a.GlobalEstimate)), g.Temperature.Regime.Name(), g.EntropyChange is double ds ? (ds > 0 ? "yes" : "no") : "-");
        foreach (var l in a.Layers)
            table.AddRow(Markup.Escape(l.Name), F(l.EnergyChange), F(l.EntropyChange), Markup.Escape(l.Estimate is { } e ? ReportFormat.Temperature(e) : ReportFormat.Temperature(l.Temperature)), l.Temperature.Regime.Name(), l.Heated ? "yes" : "no");
        StdoutConsole.Create().Write(table);
        Console.Out.WriteLine($"E: {F(g.From.Energy)} → {F(g.To.Energy)}   S: {(g.From.IsPoint ? "point" : F(g.From.Entropy))} → {(g.To.IsPoint ? "point" : F(g.To.Entropy))}   ({a.View.Name()} view)");
        Console.Out.WriteLine(Describe(a));
        Console.Out.WriteLine($"allocation residual |ΔE − Σ ΔE_l|/|ΔE| = {F(a.AllocationResidual)}   isothermality (CV of T(t), {a.CurveView.Name()} view) = {F(a.Isothermality)}");
    }

    /// <summary>One line: the view, the SE's origin and the late window.</summary>
    public static string Describe(TransitionAnalysis a)
    {
        var e = a.GlobalEstimate;
        string se = e.Method switch
        {
            UncertaintyMethod.Members => $"SE: delete-one jackknife across K = {e.Replicates} members",
            UncertaintyMethod.Bootstrap => $"SE: bootstrap of one run ({e.Replicates} replicates, weights resampled within each layer; the energies on the fixed evaluation set are exact)",
            _ => "no SE",
        };
        var w = a.Window;
        string state = a.View == EntropyView.Thermal
            ? $"thermal window: per-weight variance over {w.Iterates} iterates, steps {w.FromStep}–{w.ToStep}, thinning {w.Thinning} steps"
            : $"trained state: mean over {w.Iterates} late iterates, steps {w.FromStep}–{w.ToStep}";
        return $"{se}; {state}; \"sign not resolved\": the 95% interval of ΔE or ΔS contains 0";
    }

    /// <summary>The file names <see cref="WriteFiles"/> writes with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> FileNames(string prefix) => [prefix + "curve.csv", prefix + "temperature.png", prefix + "layer-temperatures.png"];

    /// <summary>Writes <paramref name="prefix"/>curve.csv, <paramref name="prefix"/>temperature.png and
    /// <paramref name="prefix"/>layer-temperatures.png into <paramref name="directory"/> (already checked
    /// by the output policy, see <see cref="OutputOptions.PrepareFolder"/>) and records them as Kelvin's.</summary>
    public static IReadOnlyList<string> WriteFiles(TransitionAnalysis a, string directory, string prefix, string title)
    {
        Directory.CreateDirectory(directory);
        string csv = Path.Combine(directory, prefix + "curve.csv");
        using (var w = new StreamWriter(csv))
        {
            w.WriteLine($"# view {a.CurveView.Name()}, SE {a.GlobalEstimate.Method.Name()}");
            w.WriteLine("step,E,S,T,T_se,regime," + string.Join(",", a.Layers.Select(l => $"T_{l.Name},T_se_{l.Name},regime_{l.Name}")));
            for (int i = 0; i < a.Curve.Count; i++)
            {
                var p = a.Curve[i];
                var cells = new List<string> { p.Step.ToString(CultureInfo.InvariantCulture), R(p.Energy), R(p.Entropy), R(p.Temperature?.Value), R(p.Estimate?.StandardError), p.Temperature?.Regime.Name() ?? "" };
                for (int l = 0; l < a.Layers.Count; l++) { var t = a.LayerCurves[l][i]; cells.Add(R(t?.Temperature.Value)); cells.Add(R(t?.StandardError)); cells.Add(t?.Temperature.Regime.Name() ?? ""); }
                w.WriteLine(string.Join(",", cells));
            }
        }
        string global = Path.Combine(directory, prefix + "temperature.png");
        string layers = Path.Combine(directory, prefix + "layer-temperatures.png");
        TemperatureCurvePlot.SaveGlobal(a, global, title);
        TemperatureCurvePlot.SaveLayers(a, layers, title + ": local temperatures");
        Kelvin.Files.OutputFile.Record(csv, global, layers);
        return [csv, global, layers];
    }

    private static string F(double? v) => StdoutConsole.Number(v, 5);
    private static string R(double? v) => v is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
