using System.Text.Json;
using System.Text.Json.Serialization;
using Kelvin.Engines;
using Kelvin.Reports.Json;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Run;

/// <summary>
/// report.json of `kelvin run`: every number of the report, the settings, the seed and the Kelvin
/// version. Temperatures are {"T": number or null, "regime": name} (docs/theory.md §3): no NaN or ∞ ever
/// (the serializer refuses them). No timings or paths, so the same seed gives the same file.
/// </summary>
public static class RunJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The JSON text of <paramref name="r"/>.</summary>
    public static string Write(RunResult r) => JsonSerializer.Serialize(Of(r), Options);

    /// <summary>The JSON tree of <paramref name="r"/>.</summary>
    public static ReportJson Of(RunResult r)
    {
        var p = r.Request.Profile;
        var settings = new SettingsJson(p.Name, r.Request.DataName, r.Request.Data.Count, r.TestSamples, p.Hidden, p.Epochs, p.Members, r.Request.View.Name(),
            p.LearningRate, p.Batch, p.CheckpointEvery, p.EvaluationSize, p.Shift, p.ShiftSize,
            new LinearSettingsJson(p.Linear.Dimension, p.Linear.Samples, p.Linear.Ensemble, p.Linear.LateIterates, p.Linear.Sigma, p.Linear.Noise, p.Linear.LearningRate, p.Linear.Batch),
            new CalibrationSettingsJson(p.Calibration.Dimension, p.Calibration.T1, p.Calibration.T2, p.Calibration.Chains, p.Calibration.SamplesPerChain));
        var calibration = CalibrationJson.From(r.Calibration);
        var linear = r.Linear.Select(l =>
        {
            var a = l.Comparison.Analytic;
            var s = l.Comparison.Simulated;
            return new LinearCellJson(l.Loss, l.Init, a.InitialEnergy.Value, s.Initial.Energy.Value, a.InitialEntropy, s.Initial.Entropy.Value,
                a.Trained.Energy, s.Trained.Energy.Value, a.Trained.Entropy, s.Trained.Entropy.Value,
                Temp(a.Temperature, 0, "analytic"), Temp(s.Transition.Temperature, s.TemperatureStdErr, UncertaintyMethod.Members.Name()), s.TemperatureStdErr, l.Comparison.TemperatureRelativeDifference, l.Comparison.MaxZ);
        }).ToList();
        var networks = r.Networks.Select(n => new NetworkJson(n.Activation, n.Architecture, n.Init, n.Loss,
            n.Experiment.Score, n.Experiment.ShiftedScore, n.Experiment.RefreshedScore,
            Transition(n.Experiment.Training), Transition(n.Experiment.Refresh),
            new WeightsJson(n.Weights.Layer, n.Weights.Initial.Length, n.Weights.Trained.Length), NetworkEngineJson.From(n.Engine))).ToList();
        var engines = r.Engines.Select(ActivationEngineJson.From).ToList();
        return new ReportJson(r.Version, r.Request.Seed, settings, calibration, linear, networks, engines, RunInterpretation.Of(r))
        {
            AnharmonicCalibration = r.AnharmonicCalibration is { } a ? CalibrationJson.From(a) : null,
        };
    }

    /// <summary>A linear cell's T: the ensemble view (Gaussian trained state of K runs); an analytic T is
    /// exact (SE 0), a simulated one carries the SE across the K runs.</summary>
    private static TemperatureJson Temp(Temperature t, double? se, string method) =>
        new(t.Value, t.Regime.Name(), EntropyView.Ensemble.Name(), t.Value is null ? null : se, method);

    private static PhaseJson Transition(TransitionAnalysis a) =>
        new(a.View.Name(), TransitionJson.Window(a), TransitionJson.Global(a), TransitionJson.Layers(a), a.AllocationResidual, a.Isothermality, TransitionJson.Curve(a));
}

#pragma warning disable CS1591 // the DTOs below are documented by their JSON names and by RunJson
public sealed record ReportJson(
    [property: JsonPropertyName("kelvin_version")] string Version,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("settings")] SettingsJson Settings,
    [property: JsonPropertyName("calibration")] CalibrationJson Calibration,
    [property: JsonPropertyName("linear")] IReadOnlyList<LinearCellJson> Linear,
    [property: JsonPropertyName("networks")] IReadOnlyList<NetworkJson> Networks,
    [property: JsonPropertyName("activations")] IReadOnlyList<ActivationEngineJson> Activations,
    [property: JsonPropertyName("what_this_means")] string Interpretation)
{
    /// <summary>The second calibration badge: the double-well potential (MALA, entropy estimator, quadrature).</summary>
    [JsonPropertyName("calibration_anharmonic")]
    public CalibrationJson? AnharmonicCalibration { get; init; }
}

public sealed record SettingsJson(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("test_samples")] int TestSamples,
    [property: JsonPropertyName("hidden")] IReadOnlyList<int> Hidden,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("ensemble")] int Ensemble,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("checkpoint_every")] int CheckpointEvery,
    [property: JsonPropertyName("eval_size")] int EvaluationSize,
    [property: JsonPropertyName("shift")] string Shift,
    [property: JsonPropertyName("shift_size")] double? ShiftSize,
    [property: JsonPropertyName("linear")] LinearSettingsJson Linear,
    [property: JsonPropertyName("calibration")] CalibrationSettingsJson Calibration);

public sealed record LinearSettingsJson(
    [property: JsonPropertyName("d")] int D,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("ensemble")] int Ensemble,
    [property: JsonPropertyName("late")] int Late,
    [property: JsonPropertyName("sigma")] double Sigma,
    [property: JsonPropertyName("noise")] double Noise,
    [property: JsonPropertyName("lr")] double LearningRate,
    [property: JsonPropertyName("batch")] int Batch);

public sealed record CalibrationSettingsJson(
    [property: JsonPropertyName("d")] int D,
    [property: JsonPropertyName("t1")] double T1,
    [property: JsonPropertyName("t2")] double T2,
    [property: JsonPropertyName("chains")] int Chains,
    [property: JsonPropertyName("samples_per_chain")] int SamplesPerChain);

public sealed record TemperatureJson(
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("temperature_se")] double? TemperatureSe,
    [property: JsonPropertyName("se_method")] string SeMethod);

public sealed record LinearCellJson(
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("init")] string Init,
    [property: JsonPropertyName("E_init_analytic")] double EInitAnalytic,
    [property: JsonPropertyName("E_init_simulated")] double EInitSimulated,
    [property: JsonPropertyName("S_init_analytic")] double SInitAnalytic,
    [property: JsonPropertyName("S_init_simulated")] double SInitSimulated,
    [property: JsonPropertyName("E_trained_analytic")] double ETrainedAnalytic,
    [property: JsonPropertyName("E_trained_simulated")] double ETrainedSimulated,
    [property: JsonPropertyName("S_trained_analytic")] double STrainedAnalytic,
    [property: JsonPropertyName("S_trained_simulated")] double STrainedSimulated,
    [property: JsonPropertyName("T_analytic")] TemperatureJson TAnalytic,
    [property: JsonPropertyName("T_simulated")] TemperatureJson TSimulated,
    [property: JsonPropertyName("T_simulated_se")] double? TSimulatedStdErr,
    [property: JsonPropertyName("T_relative_difference")] double? TRelativeDifference,
    [property: JsonPropertyName("max_z")] double? MaxZ);

public sealed record NetworkJson(
    [property: JsonPropertyName("activation")] string Activation,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("init")] string Init,
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("score_shifted")] double ScoreShifted,
    [property: JsonPropertyName("score_refreshed")] double ScoreRefreshed,
    [property: JsonPropertyName("training")] PhaseJson Training,
    [property: JsonPropertyName("refresh")] PhaseJson Refresh,
    [property: JsonPropertyName("histogram_layer")] WeightsJson Weights,
    [property: JsonPropertyName("engine")] NetworkEngineJson Engine);

public sealed record WeightsJson(
    [property: JsonPropertyName("layer")] string Layer,
    [property: JsonPropertyName("init_weights")] int InitWeights,
    [property: JsonPropertyName("trained_weights")] int TrainedWeights);

/// <summary>A recorded phase: its entropy view and late window, global row, layers, allocation residual, isothermality, T(t).</summary>
public sealed record PhaseJson(
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("late_window")] LateWindowJson Window,
    [property: JsonPropertyName("global")] GlobalJson Global,
    [property: JsonPropertyName("layers")] IReadOnlyList<LayerJson> Layers,
    [property: JsonPropertyName("allocation_residual")] double? AllocationResidual,
    [property: JsonPropertyName("isothermality")] double? Isothermality,
    [property: JsonPropertyName("curve")] IReadOnlyList<CurveJson> Curve);

#pragma warning restore CS1591
