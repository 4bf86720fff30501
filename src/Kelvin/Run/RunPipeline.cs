using System.Reflection;
using Kelvin.Calibration;
using Kelvin.Data;
using Kelvin.Engines;
using Kelvin.Networks.Activations;
using Kelvin.Thermodynamics;

namespace Kelvin.Run;

/// <summary>What `kelvin run` is asked to do: the data (already loaded and validated), the seed and the
/// profile.</summary>
/// <param name="Data">the dataset (digits unless told otherwise).</param>
/// <param name="DataName">how the user named it (a bundled name or a CSV path).</param>
/// <param name="Seed">the seed of every random draw of the run.</param>
/// <param name="Profile">how much work each section does.</param>
/// <param name="View">the entropy view of the networks' temperatures (particle, ensemble or thermal).</param>
public sealed record RunRequest(Dataset Data, string DataName, ulong Seed, RunProfile Profile, EntropyView View = EntropyView.Particle);

/// <summary>Everything `kelvin run` measured, section by section, in report order.</summary>
/// <param name="Request">what was asked.</param>
/// <param name="Version">the Kelvin version that measured it.</param>
/// <param name="Calibration">the Boltzmann check of the thermometer.</param>
/// <param name="Linear">the nine linear cells.</param>
/// <param name="Networks">the relu and the tanh network.</param>
/// <param name="Engines">η_φ(q) profiles of the built-in activations.</param>
/// <param name="TestSamples">samples in the held-out test split.</param>
public sealed record RunResult(RunRequest Request, string Version, CalibrationResult Calibration, IReadOnlyList<LinearCell> Linear,
                               IReadOnlyList<NetworkStudy> Networks, IReadOnlyList<EngineProfile> Engines, int TestSamples)
{
    /// <summary>The anharmonic (double-well, MALA) check of the thermometer, the second badge; null when not run.</summary>
    public CalibrationResult? AnharmonicCalibration { get; init; }
}

/// <summary>The stages of a run, in order, for progress displays.</summary>
public enum RunStage
{
    /// <summary>The Boltzmann calibration.</summary>
    Calibration,
    /// <summary>The nine linear cells.</summary>
    Linear,
    /// <summary>The relu network: train, shift, refresh.</summary>
    ReluNetwork,
    /// <summary>The tanh network: train, shift, refresh.</summary>
    TanhNetwork,
    /// <summary>The η_φ(q) curves of the built-in activations.</summary>
    Engines,
    /// <summary>Writing the report folder (figures, report.md, report.html, report.json): done by
    /// <c>RunReport.Write</c> (Kelvin.Reports), reported by its caller.</summary>
    Report,
}

/// <summary>
/// `kelvin run` as a library call: the calibration badge, the linear panel, the relu and tanh networks
/// (training, shift, refresh) and the heat-engine panel, on one seed. Deterministic: the same request
/// gives the same numbers, bit for bit. <c>RunReport</c> (Kelvin.Reports) turns the result into the report folder.
/// </summary>
public static class RunPipeline
{
    /// <summary>The hidden activations of the two networks.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["relu", "tanh"];

    /// <summary>A stage's name as a person reads it.</summary>
    public static string Describe(RunStage stage) => stage switch
    {
        RunStage.Calibration => "calibration (Boltzmann check)",
        RunStage.Linear => "linear theory, 9 cells",
        RunStage.ReluNetwork => "relu network: train, shift, refresh",
        RunStage.TanhNetwork => "tanh network: train, shift, refresh",
        RunStage.Engines => "heat engines η(q)",
        _ => "report: figures, md, html, json",
    };

    /// <summary>Runs every stage but <see cref="RunStage.Report"/>; <paramref name="progress"/> gets (stage, fraction of it done).</summary>
    public static RunResult Run(RunRequest request, Action<RunStage, double>? progress = null) =>
        Run(request, progress, CancellationToken.None);

    /// <summary>Runs every stage but <see cref="RunStage.Report"/>, reporting (stage, fraction of it done)
    /// to <paramref name="progress"/>; <paramref name="cancel"/> is checked whenever progress is made.</summary>
    /// <exception cref="OperationCanceledException">when <paramref name="cancel"/> fires.</exception>
    public static RunResult Run(RunRequest request, IProgress<RunProgress>? progress, CancellationToken cancel = default) =>
        Run(request, progress is null ? null : (s, f) => progress.Report(new(s, f)), cancel);

    private static RunResult Run(RunRequest request, Action<RunStage, double>? progress, CancellationToken cancel)
    {
        var p = request.Profile;
        void Report(RunStage s, double f)
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Invoke(s, Math.Clamp(f, 0, 1));
        }

        Report(RunStage.Calibration, 0);
        var calibration = BoltzmannCalibration.Run(p.Calibration with { Seed = request.Seed });
        var anharmonic = BoltzmannCalibration.Run(p.Calibration with { Seed = request.Seed, Potential = CalibrationPotential.DoubleWell });
        Report(RunStage.Calibration, 1);

        Report(RunStage.Linear, 0);
        var linear = LinearPanel.Run(p.Linear, request.Seed, (done, total) => Report(RunStage.Linear, (double)done / total));

        var split = DataSplit.Create(request.Data, request.Seed);
        var networks = new List<NetworkStudy>();
        foreach (var (activation, stage) in Activations.Zip([RunStage.ReluNetwork, RunStage.TanhNetwork]))
        {
            Report(stage, 0);
            networks.Add(NetworkStudy.Run(activation, split, p, request.Seed, f => Report(stage, f), request.View));
            Report(stage, 1);
        }

        Report(RunStage.Engines, 0);
        var scan = p.Scan.Validated();
        var builtIn = ActivationCatalog.BuiltIn;
        var engines = new List<EngineProfile>();
        foreach (var a in builtIn)
        {
            engines.Add(EngineClassifier.Profile(a, scan));
            Report(RunStage.Engines, (double)engines.Count / builtIn.Count);
        }
        Report(RunStage.Engines, 1);
        return new RunResult(request, Version, calibration, linear, networks, engines, split.Test.Count) { AnharmonicCalibration = anharmonic };
    }

    /// <summary>The Kelvin version (the assembly's informational version).</summary>
    public static string Version { get; } =
        typeof(RunPipeline).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

/// <summary>A stage of <c>kelvin run</c> and the fraction of it done (0 to 1).</summary>
public readonly record struct RunProgress(RunStage Stage, double Fraction);
