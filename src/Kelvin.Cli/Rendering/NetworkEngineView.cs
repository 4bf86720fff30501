using System.Globalization;
using System.Text.Json.Serialization;
using Kelvin.Engines;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>Renders a <see cref="NetworkEngineReport"/> (THEORY §7, measured efficiency): the per-layer
/// table for the terminal and the JSON object of `kelvin engine --train`.</summary>
internal static class NetworkEngineView
{
    private static string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    /// <summary>The per-layer table, then the network's efficiency and type (naming its Type B layers).</summary>
    public static void Write(NetworkEngineReport report, string title)
    {
        var table = new Table().Title(Markup.Escape(title));
        foreach (string h in new[] { "layer", "activation", "q", "a0", "a1", "W", "η measured", "η mean-field", "type" })
            table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (var l in report.Layers)
            table.AddRow(Markup.Escape(l.Name), Markup.Escape(l.Activation), F(l.Q), F(l.A0), F(l.A1), F(l.Work), F(l.EtaMeasured), F(l.EtaMeanField), l.ActivationType.Name());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        if (report.Layers.Count > 0) console.Write(table);
        Console.Out.WriteLine(Summary(report));
    }

    /// <summary>"network: Type B, efficiency η = ΣW/Σq = 0.0612 (Type B layers: dense2)".</summary>
    public static string Summary(NetworkEngineReport report) =>
        $"network: Type {report.Type.Name()}, efficiency η = ΣW/Σq = {F(report.Efficiency)}" +
        (report.TypeBLayers.Count > 0 ? $" (Type B layers: {string.Join(", ", report.TypeBLayers)})"
            : report.Layers.Count == 0 ? " (no hidden layer: a pure conductor)" : " (every activation is scale-free)");

    /// <summary>The JSON object of one report.</summary>
    public static NetworkJson Json(NetworkEngineReport report) => new(
        report.Type.Name(), report.Efficiency, report.TypeBLayers,
        report.Layers.Select(l => new LayerJson(l.Name, l.Activation, l.ActivationType.Name(), l.Q, l.A0, l.A1, l.Work, l.EtaMeasured, l.EtaMeanField)).ToList());

    internal sealed record NetworkJson(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("efficiency")] double Efficiency,
        [property: JsonPropertyName("type_b_layers")] IReadOnlyList<string> TypeBLayers,
        [property: JsonPropertyName("layers")] IReadOnlyList<LayerJson> Layers);

    internal sealed record LayerJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("activation")] string Activation,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("q")] double Q,
        [property: JsonPropertyName("a0")] double A0,
        [property: JsonPropertyName("a1")] double A1,
        [property: JsonPropertyName("work")] double Work,
        [property: JsonPropertyName("eta_measured")] double EtaMeasured,
        [property: JsonPropertyName("eta_mean_field")] double EtaMeanField);
}
