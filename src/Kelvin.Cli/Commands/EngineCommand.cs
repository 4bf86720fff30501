using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Kelvin.Engines;
using Kelvin.Networks.Activations;
using Kelvin.Reports.Plots;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin engine`: the heat-engine profile of activations (THEORY §7): η_φ(q), type, q_opt, gains.</summary>
internal static class EngineCommand
{
    public static Command Create()
    {
        var activation = new Option<string>("--activation") { Description = "activation name (relu, tanh, leaky_relu(0.1), …) or 'all'", DefaultValueFactory = _ => "all" };
        var qmin = new Option<double>("--qmin") { Description = "smallest signal level q", DefaultValueFactory = _ => 1e-3 };
        var qmax = new Option<double>("--qmax") { Description = "largest signal level q", DefaultValueFactory = _ => 1e3 };
        var points = new Option<int>("--points") { Description = "number of log-spaced levels", DefaultValueFactory = _ => 61 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var plot = new Option<string?>("--plot") { Description = "write the η(q) curves to this PNG file" };
        var command = new Command("engine", "Heat engines: work efficiency η = W/q of activations, engine type A/B, q_opt and critical gain (THEORY §7).")
        {
            activation, qmin, qmax, points, json, plot,
        };
        command.SetAction(parse =>
        {
            var scan = new EfficiencyScan { QMin = parse.GetValue(qmin), QMax = parse.GetValue(qmax), Points = parse.GetValue(points) }.Validated();
            IReadOnlyList<Activation> chosen = Choose(parse.GetValue(activation) ?? "all");
            var profiles = chosen.Select(a => EngineClassifier.Profile(a, scan)).ToList();
            if (parse.GetValue(plot) is { } file) EfficiencyPlot.Save(profiles, file);
            if (parse.GetValue(json)) JsonOutput.Write(new EngineReport(profiles.Select(ActivationDto.From).ToList()));
            else Render(profiles, scan);
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<Activation> Choose(string name) =>
        name.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? ActivationCatalog.BuiltIn : [ActivationCatalog.Parse(name)];

    private static string F(double? v) => v is double d ? d.ToString("G5", CultureInfo.InvariantCulture) : "—";

    private static void Render(IReadOnlyList<EngineProfile> profiles, EfficiencyScan scan)
    {
        var table = new Table().Title(Markup.Escape($"heat engines, η = W/q over q ∈ [{F(scan.QMin)}, {F(scan.QMax)}] ({scan.Points} levels)"));
        foreach (string h in new[] { "activation", "type", "η(q=1)", "q_opt", "η(q_opt)", $"η(q={F(scan.QMin)})", $"η(q={F(scan.QMax)})", "critical gain", "gain at q_opt" })
            table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (EngineProfile p in profiles)
            table.AddRow(
                Markup.Escape(p.Activation), p.IsPureConductor ? "A (conductor)" : p.Type.Name(), F(p.EfficiencyAtUnitQ), F(p.QOpt), F(p.EfficiencyAtQOpt),
                F(p.Low.Eta), F(p.High.Eta), F(p.CriticalGain), F(p.GainAtQOpt));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        console.Write(table);
    }

    internal sealed record EngineReport([property: JsonPropertyName("activations")] IReadOnlyList<ActivationDto> Activations);

    internal sealed record CurvePointDto([property: JsonPropertyName("q")] double Q, [property: JsonPropertyName("eta")] double Eta);

    internal sealed record LimitsDto(
        [property: JsonPropertyName("q_min")] double QMin,
        [property: JsonPropertyName("eta_at_q_min")] double EtaAtQMin,
        [property: JsonPropertyName("q_max")] double QMax,
        [property: JsonPropertyName("eta_at_q_max")] double EtaAtQMax);

    internal sealed record ActivationDto(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("pure_conductor")] bool PureConductor,
        [property: JsonPropertyName("efficiency_at_1")] double EfficiencyAt1,
        [property: JsonPropertyName("q_opt")] double? QOpt,
        [property: JsonPropertyName("efficiency_at_q_opt")] double? EfficiencyAtQOpt,
        [property: JsonPropertyName("critical_gain")] double? CriticalGain,
        [property: JsonPropertyName("gain_at_q_opt")] double? GainAtQOpt,
        [property: JsonPropertyName("limits")] LimitsDto Limits,
        [property: JsonPropertyName("curve")] IReadOnlyList<CurvePointDto> Curve)
    {
        public static ActivationDto From(EngineProfile p) => new(
            p.Activation, p.Type.Name(), p.IsPureConductor, p.EfficiencyAtUnitQ, p.QOpt, p.EfficiencyAtQOpt, p.CriticalGain, p.GainAtQOpt,
            new LimitsDto(p.Low.Q, p.Low.Eta, p.High.Q, p.High.Eta),
            p.Curve.Select(c => new CurvePointDto(c.Q, c.Eta)).ToList());
    }
}
