using System.Globalization;
using Kelvin.Engines;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>Renders a <see cref="NetworkEngineReport"/> (docs/theory.md §7, measured efficiency): the per-layer
/// table for the terminal (its JSON is <see cref="Kelvin.Reports.Json.NetworkEngineJson"/>).</summary>
internal static class NetworkEngineView
{
    private static string F(double v) => StdoutConsole.Number(v, 5);

    /// <summary>The per-layer table, then the network's efficiency and type (naming its Type B layers).</summary>
    public static void Write(NetworkEngineReport report, string title)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (string h in new[] { "layer", "activation", "q", "a0", "a1", "W", "η measured", "η mean-field", "type" })
            table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (var l in report.Layers)
            table.AddRow(Markup.Escape(l.Name), Markup.Escape(l.Activation), F(l.Q), F(l.A0), F(l.A1), F(l.Work), F(l.EtaMeasured), F(l.EtaMeanField), l.ActivationType.Name());
        var console = StdoutConsole.Create();
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        if (report.Layers.Count > 0) console.Write(table);
        Console.Out.WriteLine(Summary(report));
    }

    /// <summary>"network: Type B, efficiency η = ΣW/Σq = 0.0612 (Type B layers: dense2)".</summary>
    public static string Summary(NetworkEngineReport report) =>
        $"network: Type {report.Type.Name()}, efficiency η = ΣW/Σq = {F(report.Efficiency)}" +
        (report.TypeBLayers.Count > 0 ? $" (Type B layers: {string.Join(", ", report.TypeBLayers)})"
            : report.Layers.Count == 0 ? " (no hidden layer: a pure conductor)" : " (every activation is scale-free)");
}
