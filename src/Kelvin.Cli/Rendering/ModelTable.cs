using System.Text.Json.Serialization;
using Kelvin.Checkpoints.Models;
using Kelvin.Thermodynamics;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>The per-layer energy table of `compare --model`: ΔE_l by the straight path and by swapping, ΔS_l and T_l.</summary>
internal static class ModelTable
{
    public static void Render(IAnsiConsole console, ModelEnergy energy, EnergyAllocation a, IReadOnlyList<ModelLayerTemperature> layers)
    {
        Table(console, layers);
        console.WriteLine($"E = {energy.Loss.Name} on {energy.Data.Count} samples of {Path.GetFileName(energy.Data.Source)}: {StdoutConsole.Number(a.EnergyBefore)} → {StdoutConsole.Number(a.EnergyAfter)}, ΔE = {StdoutConsole.Number(a.EnergyChange)}");
        console.WriteLine($"ΔE_l path: along the straight line BEFORE → AFTER, central differences (h = {a.Step}) and Simpson's rule on {a.Intervals} intervals ({a.Evaluations} model runs); residual Σ ΔE_l − ΔE = {StdoutConsole.Number(a.Residual)} ({StdoutConsole.Number(a.RelativeResidual)} of |ΔE|)");
        console.WriteLine($"ΔE_l swap: ½[(U(before, l ← after) − U(before)) + (U(after) − U(after, l ← before))]; Σ − ΔE = {StdoutConsole.Number(a.SwapResidual)} (layer interactions)");
    }

    /// <summary>The per-layer table alone, with a sum row.</summary>
    public static void Table(IAnsiConsole console, IReadOnlyList<ModelLayerTemperature> layers)
    {
        var table = new Table().AddColumns("layer", "weights", "ΔS_l (nats)", "ΔE_l path (loss)", "ΔE_l swap (loss)", "T_l (loss/nat)", "regime", "heated");
        foreach (var l in layers)
            table.AddRow(Markup.Escape(l.Name), Markup.Escape(l.Weights.Count == 0 ? "—" : string.Join(" ", l.Weights)),
                StdoutConsole.Number(l.Temperature?.EntropyChange), StdoutConsole.Number(l.PathChange), StdoutConsole.Number(l.SwapChange),
                StdoutConsole.Number(l.Temperature?.Temperature.Value), l.Temperature?.Temperature.Regime.Name() ?? "no weights", l.Temperature is { } t ? (t.Heated ? "yes" : "no") : "—");
        table.AddRow("[bold]sum[/]", "", "", StdoutConsole.Number(layers.Sum(l => l.PathChange)), StdoutConsole.Number(layers.Sum(l => l.SwapChange)), "", "", "");
        console.Write(table);
    }
}
