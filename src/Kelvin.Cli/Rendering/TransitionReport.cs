using System.Globalization;
using Kelvin.Reports.Plots;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>Renders a <see cref="TransitionAnalysis"/>: the terminal table and the --out files (its JSON
/// pieces are <see cref="Kelvin.Reports.Json.TransitionJson"/>).</summary>
internal static class TransitionReport
{
    /// <summary>The temperature table: a global row, then one row per layer.</summary>
    public static void WriteTable(TransitionAnalysis a, string title)
    {
        var table = new Table().Title(title);
        foreach (var h in new[] { "", "ΔE (loss)", "ΔS (nats)", "T (loss/nat)", "regime", "heated" }) table.AddColumn(h);
        var g = a.Global;
        table.AddRow("global", F(g.EnergyChange), F(g.EntropyChange), F(g.Temperature.Value), g.Temperature.Regime.Name(), g.EntropyChange is double ds ? (ds > 0 ? "yes" : "no") : "-");
        foreach (var l in a.Layers)
            table.AddRow(l.Name, F(l.EnergyChange), F(l.EntropyChange), F(l.Temperature.Value), l.Temperature.Regime.Name(), l.Heated ? "yes" : "no");
        StdoutConsole.Create().Write(table);
        Console.Out.WriteLine($"E: {F(g.From.Energy)} → {F(g.To.Energy)}   S: {(g.From.IsPoint ? "point" : F(g.From.Entropy))} → {(g.To.IsPoint ? "point" : F(g.To.Entropy))}   (particle view, late iterates {a.LateIterates})");
        if (a.EnsembleGlobal is { } e)
            Console.Out.WriteLine($"ensemble view: ΔS = {F(e.EntropyChange)}, T = {F(e.Temperature.Value)} ({e.Temperature.Regime.Name()})");
        Console.Out.WriteLine($"allocation residual |ΔE − Σ ΔE_l|/|ΔE| = {F(a.AllocationResidual)}   isothermality (CV of T(t)) = {F(a.Isothermality)}");
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
            w.WriteLine("step,E,S,T,regime," + string.Join(",", a.Layers.Select(l => $"T_{l.Name},regime_{l.Name}")));
            for (int i = 0; i < a.Curve.Count; i++)
            {
                var p = a.Curve[i];
                var cells = new List<string> { p.Step.ToString(CultureInfo.InvariantCulture), R(p.Energy), R(p.Entropy), R(p.Temperature?.Value), p.Temperature?.Regime.Name() ?? "" };
                for (int l = 0; l < a.Layers.Count; l++) { var t = a.LayerCurves[l][i]; cells.Add(R(t?.Value)); cells.Add(t?.Regime.Name() ?? ""); }
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
