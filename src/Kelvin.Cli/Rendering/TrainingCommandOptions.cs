using System.CommandLine;
using System.Globalization;
using Kelvin.Checkpoints;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Entropy;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Cli.Rendering;

/// <summary>
/// The options every command that trains a network shares (`kelvin train`, `kelvin shift`, and
/// `kelvin engine --train`): data, network, initialization, loss, optimizer, ensemble, checkpoints,
/// seed. <see cref="AddTo"/> puts them on a command; <see cref="Read"/> turns a parse result into a
/// validated <see cref="TrainingRequest"/> (bad values → <see cref="KelvinException"/>, one line).
/// </summary>
internal sealed class TrainingCommandOptions
{
    public Option<string> Data { get; } = new("--data") { Description = $"dataset: {string.Join("|", DatasetCatalog.Names)} or FILE.csv", Required = true };
    public Option<string?> Target { get; } = new("--target") { Description = "target column of a CSV file (default: target)" };
    public Option<string> Hidden { get; } = new("--hidden") { Description = "hidden layer widths, e.g. 64,64 (none: a linear model)", DefaultValueFactory = _ => "64,64" };
    public Option<string> Activation { get; } = new("--activation") { Description = "hidden activation(s): relu, tanh, … or one per layer as relu/tanh", DefaultValueFactory = _ => "relu" };
    public Option<string> Init { get; } = new("--init") { Description = "weight initialization: he-normal, xavier-uniform, normal:0.5, mixed:π,σ,a, …", DefaultValueFactory = _ => "he-normal" };
    public Option<string?> Loss { get; } = new("--loss") { Description = "energy form mse|mae|ce (default: ce for classification, mse for regression)" };
    public Option<string> Optimizer { get; } = new("--optimizer") { Description = "sgd, sgd:MOMENTUM or adam", DefaultValueFactory = _ => "sgd" };
    public Option<double> LearningRate { get; } = new("--lr") { Description = "learning rate η > 0", DefaultValueFactory = _ => 0.05 };
    public Option<int> Batch { get; } = new("--batch") { Description = "minibatch size B", DefaultValueFactory = _ => 32 };
    public Option<int> Epochs { get; } = new("--epochs") { Description = "passes over the training split", DefaultValueFactory = _ => 10 };
    public Option<int> Ensemble { get; } = new("--ensemble", "--members") { Description = "ensemble members K: T ± SE by a jackknife across them (K = 1: a bootstrap of the one run); the ensemble view needs K ≥ 4", DefaultValueFactory = _ => TrainingSetup.DefaultMembers };
    public Option<string> View { get; } = new("--view") { Description = "entropy view: particle (weights of each model), ensemble (across members), thermal (each run's late iterates)", DefaultValueFactory = _ => "particle" };
    public Option<int> Every { get; } = new("--every") { Description = "checkpoint (and allocation segment) every k optimizer steps", DefaultValueFactory = _ => 10 };
    public Option<int> Late { get; } = new("--late") { Description = "late iterates (last checkpoints) averaged into the trained state; in the thermal view, the window whose per-weight variance is the SGD cloud (≥ 4)", DefaultValueFactory = _ => 5 };
    public Option<int> Window { get; } = new("--window") { Description = "checkpoints per window of the T(t) curve", DefaultValueFactory = _ => 1 };
    public Option<string> Estimator { get; } = new("--estimator") { Description = "entropy estimator h: ebrahimi, vasicek, knn, histogram or gaussian", DefaultValueFactory = _ => "ebrahimi" };
    public Option<int> EvaluationSize { get; } = new("--eval-size") { Description = "cap on the fixed evaluation set (a seeded subset of the training split)", DefaultValueFactory = _ => TrainingSetup.DefaultEvaluationSize };
    public Option<double> TestFraction { get; } = new("--test-fraction") { Description = "held-out fraction for the test score", DefaultValueFactory = _ => DataSplit.DefaultTestFraction };
    public Option<ulong> Seed { get; } = new("--seed") { Description = "random seed (split, initialization, shuffles, shifts)", DefaultValueFactory = _ => 1 };
    public Option<string> Progress { get; } = new("--progress") { Description = "auto (a bar when stderr is a terminal), bar, lines or none", DefaultValueFactory = _ => "auto" };
    public Option<bool> Force { get; } = OutputOptions.Force();

    /// <summary>Adds every option to <paramref name="command"/> (without --activation when the command
    /// has its own, as `kelvin engine` does; then pass its value to <see cref="Read"/>).</summary>
    public void AddTo(Command command, bool withActivation = true)
    {
        foreach (Option o in new Option[] { Data, Target, Hidden, Activation, Init, Loss, Optimizer, LearningRate, Batch, Epochs, Ensemble, View, Every, Late, Window, Estimator, EvaluationSize, TestFraction, Seed, Progress, Force })
            if (withActivation || o != Activation) command.Options.Add(o);
    }

    /// <summary>The validated request of <paramref name="parse"/>; loads and splits the data.
    /// <paramref name="activations"/> replaces --activation's value when the command owns that option.</summary>
    public TrainingRequest Read(ParseResult parse, string? activations = null)
    {
        double lr = parse.GetValue(LearningRate);
        if (!(lr > 0) || !double.IsFinite(lr)) throw new KelvinException($"--lr must be a positive number (got {lr.ToString(CultureInfo.InvariantCulture)})");
        int batch = Positive(parse.GetValue(Batch), "--batch"), epochs = Positive(parse.GetValue(Epochs), "--epochs");
        int members = Positive(parse.GetValue(Ensemble), "--ensemble"), every = Positive(parse.GetValue(Every), "--every");
        int late = Positive(parse.GetValue(Late), "--late"), window = Positive(parse.GetValue(Window), "--window");
        int evalSize = Positive(parse.GetValue(EvaluationSize), "--eval-size");
        var hidden = ParseHidden(parse.GetValue(Hidden)!);
        var hiddenActivations = (activations ?? parse.GetValue(Activation)!).Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ActivationCatalog.Parse).ToList();
        var init = parse.GetValue(Init)!.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(InitializationScheme.Parse).ToList();
        var optimizer = OptimizerSettings.Parse(parse.GetValue(Optimizer)!, lr);
        _ = ProgressMode(parse);
        ulong seed = parse.GetValue(Seed);

        string dataName = parse.GetValue(Data) ?? throw new KelvinException("--data is required (a bundled dataset name or FILE.csv)");
        var data = DatasetCatalog.Load(dataName, parse.GetValue(Target));
        var split = DataSplit.Create(data, seed, parse.GetValue(TestFraction));
        IEnergyForm loss = parse.GetValue(Loss) is { } name ? EnergyForms.Parse(name)
            : EnergyForms.DefaultFor(data.Task);
        var widths = new List<int> { data.FeatureCount };
        widths.AddRange(hidden);
        widths.Add(data.Outputs);
        var architecture = new MlpArchitecture(widths, hidden.Count == 0 ? [] : hiddenActivations);
        var options = new TrainingOptions { Energy = loss, Optimizer = optimizer, BatchSize = batch, Epochs = epochs, Seed = seed, HookInterval = every };
        var setup = new TrainingSetup(architecture, init, options, members, evalSize);
        var view = EntropyViews.Parse(parse.GetValue(View)!);
        if (view is not (EntropyView.Particle or EntropyView.Ensemble or EntropyView.Thermal))
            throw new KelvinException($"--view must be particle, ensemble or thermal (got '{parse.GetValue(View)}')");
        // Fail before training, not after it (the analysis checks again, with the run's checkpoints).
        if (view == EntropyView.Ensemble && members < EntropyViews.MinimumNetworkEnsembleMembers)
            throw new KelvinException($"--view ensemble needs --members {EntropyViews.MinimumNetworkEnsembleMembers} or more (got {members})");
        if (view == EntropyView.Thermal && late < EntropyViews.MinimumThermalIterates)
            throw new KelvinException($"--view thermal needs --late {EntropyViews.MinimumThermalIterates} or more (got {late})");
        return new TrainingRequest(split, setup, new TransitionSettings(late, window, EntropyEstimators.Parse(parse.GetValue(Estimator)!), view, Seed: seed));
    }

    /// <summary>What a saved network of this request needs to be re-evaluated (loss, data, split seed,
    /// evaluation set), with its evaluation energy <paramref name="energy"/>.</summary>
    public NetworkProvenance Provenance(ParseResult parse, TrainingSetup setup, double? energy) =>
        new(setup.Options.Energy!.Name, parse.GetValue(Data), parse.GetValue(Target), parse.GetValue(Seed), parse.GetValue(TestFraction), setup.EvaluationSize, energy);

    /// <summary>"bar", "lines" or "none" for <paramref name="parse"/>'s --progress.</summary>
    public string ProgressMode(ParseResult parse) => parse.GetValue(Progress)?.Trim().ToLowerInvariant() switch
    {
        "auto" or null => Console.IsErrorRedirected ? "none" : "bar",
        "bar" => "bar",
        "lines" => "lines",
        "none" => "none",
        var other => throw new KelvinException($"--progress must be auto, bar, lines or none (got '{other}')"),
    };

    private static int Positive(int value, string name) => value >= 1 ? value : throw new KelvinException($"{name} must be at least 1 (got {value})");

    /// <summary>Hidden widths from "64,64" (also 64-64 or 64x64); "none" or "" for no hidden layer.</summary>
    public static List<int> ParseHidden(string text)
    {
        var widths = new List<int>();
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return widths;
        foreach (string part in text.Split([',', '-', 'x'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int w))
                throw new KelvinException($"--hidden '{text}': '{part}' is not a whole number");
            if (w < 1) throw new KelvinException($"--hidden '{text}': every hidden width must be at least 1 (got {w})");
            widths.Add(w);
        }
        return widths;
    }
}

/// <summary>A validated training request: the split data, the setup and how to read the transition.</summary>
internal sealed record TrainingRequest(DataSplit Split, TrainingSetup Setup, TransitionSettings Settings);
