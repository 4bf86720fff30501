using Kelvin.Calibration;
using Kelvin.Data;
using Kelvin.Engines;
using Kelvin.Reports;
using Kelvin.Run;

namespace Kelvin.Tests.Run;

/// <summary>A test-size run (seconds, not minutes): every section, on 400 digits rows, tiny ensembles.</summary>
internal static class TinyRun
{
    public static RunProfile Profile { get; } = RunProfile.Quick with
    {
        Name = "tiny",
        Calibration = new CalibrationOptions(Dimension: 4, Chains: 2, SamplesPerChain: 400, BurnInRelaxations: 3),
        Linear = new LinearPanelSettings(Dimension: 2, Samples: 200, Ensemble: 8, LateIterates: 4, LearningRate: 0.05),
        Hidden = [8, 8], Epochs = 1, Members = 1, Batch = 32, CheckpointEvery = 2, EvaluationSize = 128,
        Scan = new EfficiencyScan { Points = 9 },
    };

    public static RunRequest Request(ulong seed = 3)
    {
        var digits = DatasetCatalog.Load("digits");
        return new RunRequest(digits.Subset(Enumerable.Range(0, 400).ToList()), "digits", seed, Profile);
    }

    private static readonly Lazy<(RunResult Result, string Folder)> Shared = new(() =>
    {
        var result = RunPipeline.Run(Request());
        string target = Path.Combine(Path.GetTempPath(), $"kelvin-run-test-{Environment.ProcessId}", "report");
        using var folder = ReportFolder.Open(target);
        RunReport.Write(result, folder);
        folder.Publish();
        return (result, target);
    });

    /// <summary>One tiny run written to a published report folder, shared by the tests of this folder.</summary>
    public static (RunResult Result, string Folder) Published => Shared.Value;
}
