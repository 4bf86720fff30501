using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Kelvin.Cli.Rendering;
using Kelvin.Engines;
using Kelvin.Files;
using Kelvin.Reports.Json;
using Kelvin.Trajectories;
using Kelvin.Networks.Activations;
using Kelvin.Reports.Plots;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin engine`: the heat-engine profile of activations (docs/theory.md §7): η_φ(q), type, q_opt, gains;
/// with --train, the measured per-layer efficiency of a network before and after training.</summary>
internal static class EngineCommand
{
    public static Command Create()
    {
        var activation = new Option<string>("--activation") { Description = "activation name (relu, tanh, leaky_relu(0.1), …) or 'all'; with --train the hidden activation(s) as in kelvin train (default relu), e.g. relu/tanh", DefaultValueFactory = _ => "all" };
        var qmin = new Option<double>("--qmin") { Description = "smallest signal level q", DefaultValueFactory = _ => 1e-3 };
        var qmax = new Option<double>("--qmax") { Description = "largest signal level q", DefaultValueFactory = _ => 1e3 };
        var points = new Option<int>("--points") { Description = "number of log-spaced levels", DefaultValueFactory = _ => 61 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var plot = new Option<string?>("--plot") { Description = "write the η(q) curves to this PNG file" };
        var train = new Option<bool>("--train") { Description = "train a network (the options of kelvin train) and measure its layers' efficiency before and after" };
        var training = new TrainingCommandOptions();
        training.Data.Required = false;
        var command = new Command("engine", "Heat engines: work efficiency η = W/q of activations, engine type A/B, q_opt and critical gain; with --train, measured per layer on a network (docs/theory.md §7).")
        {
            activation, qmin, qmax, points, json, plot, train,
        };
        training.AddTo(command, withActivation: false);
        command.SetAction(parse =>
        {
            if (parse.GetValue(train))
            {
                if (parse.GetValue(plot) is not null) throw new KelvinException("--plot draws activation curves; it does not apply with --train");
                bool given = parse.GetResult(activation) is { Implicit: false };
                string hidden = given ? parse.GetValue(activation)! : "relu";
                if (hidden.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
                    throw new KelvinException("--activation all does not name a network's activations; with --train give e.g. relu or relu/tanh");
                return RunTraining(training, parse, hidden, parse.GetValue(json));
            }
            if (parse.GetResult(training.Data) is { Implicit: false }) throw new KelvinException("--data and the other training options need --train");
            string? plotPath = parse.GetValue(plot);
            if (plotPath is not null) plotPath = OutputFile.Prepare(plotPath, "--plot", parse.GetValue(training.Force));
            var scan = new EfficiencyScan { QMin = parse.GetValue(qmin), QMax = parse.GetValue(qmax), Points = parse.GetValue(points) }.Validated();
            IReadOnlyList<Activation> chosen = Choose(parse.GetValue(activation) ?? "all");
            var profiles = chosen.Select(a => EngineClassifier.Profile(a, scan)).ToList();
            if (plotPath is not null)
            {
                EfficiencyPlot.Save(profiles, plotPath);
                OutputFile.Record(plotPath);
            }
            if (parse.GetValue(json)) JsonOutput.Write(new EngineReport(profiles.Select(ActivationEngineJson.From).ToList()));
            else Render(profiles, scan);
            return 0;
        });
        return command;
    }

    /// <summary>`--train`: trains member 0 of the request, measures it before and after, renders both.</summary>
    private static int RunTraining(TrainingCommandOptions training, ParseResult parse, string activations, bool json)
    {
        var request = training.Read(parse, activations);
        var split = request.Split;
        var result = TrainingProgressDisplay.Run(training.ProgressMode(parse), "training",
            progress => EngineTraining.Run(request.Setup, split.Train, progress));
        if (json)
        {
            JsonOutput.Write(new EngineTrainingJson(NetworkEngineJson.From(result.Trained), NetworkEngineJson.From(result.Initial)));
            return 0;
        }
        Console.Out.WriteLine($"{request.Setup.Architecture} on {split.Train.Name}: hidden layers measured on {result.Evaluation.Count} evaluation rows");
        NetworkEngineView.Write(result.Initial, "at initialization");
        NetworkEngineView.Write(result.Trained, $"after training ({result.Steps} steps)");
        double score = TestScore.Of(result.Network, split.Test);
        Console.Out.WriteLine($"test {TestScore.Name(split.Train.Task)} {score.ToString("F4", CultureInfo.InvariantCulture)} ({split.Test.Count} samples)" +
                              (request.Setup.Members > 1 && parse.GetResult(training.Ensemble) is { Implicit: false } ? $"; ensemble member 0 of {request.Setup.Members} measured" : ""));
        return 0;
    }

    private static IReadOnlyList<Activation> Choose(string name) =>
        name.Trim().Equals("all", StringComparison.OrdinalIgnoreCase) ? ActivationCatalog.BuiltIn : [ActivationCatalog.Parse(name)];

    private static string F(double? v) => StdoutConsole.Number(v, 5);

    private static void Render(IReadOnlyList<EngineProfile> profiles, EfficiencyScan scan)
    {
        var table = new Table().Title(Markup.Escape($"heat engines, η = W/q over q ∈ [{F(scan.QMin)}, {F(scan.QMax)}] ({scan.Points} levels)"));
        foreach (string h in new[] { "activation", "type", "η(q=1)", "q_opt", "η(q_opt)", $"η(q={F(scan.QMin)})", $"η(q={F(scan.QMax)})", "critical gain", "gain at q_opt" })
            table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        foreach (EngineProfile p in profiles)
            table.AddRow(
                Markup.Escape(p.Activation), p.IsPureConductor ? "A (conductor)" : p.Type.Name(), F(p.EfficiencyAtUnitQ), F(p.QOpt), F(p.EfficiencyAtQOpt),
                F(p.Low.Eta), F(p.High.Eta), Markup.Escape(Critical(p.Criticality)), Markup.Escape(AtFixedPoint(p.QOptFixedPoint)));
        var console = StdoutConsole.Create();
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        console.Write(table);
        foreach (string line in CriticalityText.Reasons(profiles)) Console.Out.WriteLine(line);
        Console.Out.WriteLine(CriticalityText.StabilityNote);
    }

    private static string Critical(Criticality c) => CriticalityText.Critical(c, F);

    private static string AtFixedPoint(FixedPoint? p) => CriticalityText.AtFixedPoint(p, F);

    /// <summary>JSON of `kelvin engine --train`: "network" is the trained network, "network_init" the
    /// same network at initialization.</summary>
    internal sealed record EngineTrainingJson(
        [property: JsonPropertyName("network")] NetworkEngineJson Network,
        [property: JsonPropertyName("network_init")] NetworkEngineJson NetworkInit);

    internal sealed record EngineReport([property: JsonPropertyName("activations")] IReadOnlyList<ActivationEngineJson> Activations);
}
