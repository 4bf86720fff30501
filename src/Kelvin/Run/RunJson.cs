using System.Text.Json;
using System.Text.Json.Serialization;
using Kelvin.Engines;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Run;

/// <summary>
/// report.json of `kelvin run`: every number of the report, the settings, the seed and the Kelvin
/// version. Temperatures are {"T": number or null, "regime": name} (THEORY §3): no NaN or ∞ ever
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
        var settings = new SettingsJson(p.Name, r.Request.DataName, r.Request.Data.Count, r.TestSamples, p.Hidden, p.Epochs, p.Members,
            p.LearningRate, p.Batch, p.CheckpointEvery, p.EvaluationSize, p.Shift, p.ShiftSize,
            new LinearSettingsJson(p.Linear.Dimension, p.Linear.Samples, p.Linear.Ensemble, p.Linear.LateIterates, p.Linear.Sigma, p.Linear.Noise, p.Linear.LearningRate, p.Linear.Batch),
            new CalibrationSettingsJson(p.Calibration.Dimension, p.Calibration.T1, p.Calibration.T2, p.Calibration.Chains, p.Calibration.SamplesPerChain));
        var c = r.Calibration;
        var calibration = new CalibrationJson(c.Expected, c.Measured.Value, c.Measured.Regime.Name(), c.RelativeError, RunBadge.Passed(c),
            c.Cold.Energy, c.Cold.ExpectedEnergy, c.Hot.Energy, c.Hot.ExpectedEnergy);
        var linear = r.Linear.Select(l =>
        {
            var a = l.Comparison.Analytic;
            var s = l.Comparison.Simulated;
            return new LinearCellJson(l.Loss, l.Init, a.InitialEnergy.Value, s.Initial.Energy.Value, a.InitialEntropy, s.Initial.Entropy.Value,
                a.Trained.Energy, s.Trained.Energy.Value, a.Trained.Entropy, s.Trained.Entropy.Value,
                Temp(a.Temperature), Temp(s.Transition.Temperature), s.TemperatureStdErr, l.Comparison.TemperatureRelativeDifference, l.Comparison.MaxZ);
        }).ToList();
        var networks = r.Networks.Select(n => new NetworkJson(n.Activation, n.Architecture, n.Init, n.Loss,
            n.Experiment.Score, n.Experiment.ShiftedScore, n.Experiment.RefreshedScore,
            Transition(n.Experiment.Training), Transition(n.Experiment.Refresh),
            new WeightsJson(n.Weights.Layer, n.Weights.Initial.Length, n.Weights.Trained.Length), Engine(n.Engine))).ToList();
        var engines = r.Engines.Select(e => new ActivationEngineJson(e.Activation, e.Type.Name(), e.IsPureConductor, e.EfficiencyAtUnitQ,
            e.QOpt, e.EfficiencyAtQOpt, e.CriticalGain, e.Curve.Select(q => new EfficiencyJson(q.Q, q.Eta)).ToList())).ToList();
        return new ReportJson(r.Version, r.Request.Seed, settings, calibration, linear, networks, engines, RunInterpretation.Of(r));
    }

    private static NetworkEngineJson Engine(NetworkEngineReport e) => new(e.Type.Name(), e.Efficiency, e.TypeBLayers,
        e.Layers.Select(l => new LayerEngineJson(l.Name, l.Activation, l.Q, l.A0, l.A1, l.Work, l.EtaMeasured, l.EtaMeanField, l.ActivationType.Name())).ToList());

    private static TemperatureJson Temp(Temperature t) => new(t.Value, t.Regime.Name());

    private static TransitionJson Transition(TransitionAnalysis a)
    {
        var g = a.Global;
        var global = new GlobalJson(g.From.Energy, g.To.Energy, g.From.IsPoint ? null : g.From.Entropy, g.To.IsPoint ? null : g.To.Entropy,
            g.EnergyChange, g.EntropyChange, g.Temperature.Value, g.Temperature.Regime.Name());
        var layers = a.Layers.Select(l => new LayerJson(l.Name, l.EnergyChange, l.EntropyChange, l.Temperature.Value, l.Temperature.Regime.Name(), l.Heated)).ToList();
        var curve = a.Curve.Select(p => new CurveJson(p.Step, p.Energy, p.Entropy, p.Temperature?.Value, p.Temperature?.Regime.Name())).ToList();
        return new TransitionJson(global, layers, a.AllocationResidual, a.Isothermality, curve);
    }
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
    [property: JsonPropertyName("what_this_means")] string Interpretation);

public sealed record SettingsJson(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("test_samples")] int TestSamples,
    [property: JsonPropertyName("hidden")] IReadOnlyList<int> Hidden,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("ensemble")] int Ensemble,
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

public sealed record CalibrationJson(
    [property: JsonPropertyName("expected")] double Expected,
    [property: JsonPropertyName("measured")] double? Measured,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("relative_error")] double? RelativeError,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("E_cold")] double EnergyCold,
    [property: JsonPropertyName("E_cold_expected")] double EnergyColdExpected,
    [property: JsonPropertyName("E_hot")] double EnergyHot,
    [property: JsonPropertyName("E_hot_expected")] double EnergyHotExpected);

public sealed record TemperatureJson(
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string Regime);

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
    [property: JsonPropertyName("max_z")] double MaxZ);

public sealed record NetworkJson(
    [property: JsonPropertyName("activation")] string Activation,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("init")] string Init,
    [property: JsonPropertyName("loss")] string Loss,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("score_shifted")] double ScoreShifted,
    [property: JsonPropertyName("score_refreshed")] double ScoreRefreshed,
    [property: JsonPropertyName("training")] TransitionJson Training,
    [property: JsonPropertyName("refresh")] TransitionJson Refresh,
    [property: JsonPropertyName("histogram_layer")] WeightsJson Weights,
    [property: JsonPropertyName("engine")] NetworkEngineJson Engine);

public sealed record NetworkEngineJson(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("efficiency")] double Efficiency,
    [property: JsonPropertyName("type_b_layers")] IReadOnlyList<string> TypeBLayers,
    [property: JsonPropertyName("layers")] IReadOnlyList<LayerEngineJson> Layers);

public sealed record LayerEngineJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("activation")] string Activation,
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("a0")] double A0,
    [property: JsonPropertyName("a1")] double A1,
    [property: JsonPropertyName("work")] double Work,
    [property: JsonPropertyName("eta_measured")] double EtaMeasured,
    [property: JsonPropertyName("eta_mean_field")] double EtaMeanField,
    [property: JsonPropertyName("type")] string Type);

public sealed record WeightsJson(
    [property: JsonPropertyName("layer")] string Layer,
    [property: JsonPropertyName("init_weights")] int InitWeights,
    [property: JsonPropertyName("trained_weights")] int TrainedWeights);

public sealed record TransitionJson(
    [property: JsonPropertyName("global")] GlobalJson Global,
    [property: JsonPropertyName("layers")] IReadOnlyList<LayerJson> Layers,
    [property: JsonPropertyName("allocation_residual")] double? AllocationResidual,
    [property: JsonPropertyName("isothermality")] double? Isothermality,
    [property: JsonPropertyName("curve")] IReadOnlyList<CurveJson> Curve);

public sealed record GlobalJson(
    [property: JsonPropertyName("E_from")] double EFrom,
    [property: JsonPropertyName("E_to")] double ETo,
    [property: JsonPropertyName("S_from")] double? SFrom,
    [property: JsonPropertyName("S_to")] double? STo,
    [property: JsonPropertyName("dE")] double DE,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string Regime);

public sealed record LayerJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dE")] double DE,
    [property: JsonPropertyName("dS")] double? DS,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("heated")] bool Heated);

public sealed record CurveJson(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("E")] double E,
    [property: JsonPropertyName("S")] double? S,
    [property: JsonPropertyName("T")] double? T,
    [property: JsonPropertyName("regime")] string? Regime);

public sealed record ActivationEngineJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("pure_conductor")] bool PureConductor,
    [property: JsonPropertyName("efficiency_at_1")] double EfficiencyAt1,
    [property: JsonPropertyName("q_opt")] double? QOpt,
    [property: JsonPropertyName("efficiency_at_q_opt")] double? EfficiencyAtQOpt,
    [property: JsonPropertyName("critical_gain")] double? CriticalGain,
    [property: JsonPropertyName("curve")] IReadOnlyList<EfficiencyJson> Curve);

public sealed record EfficiencyJson(
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("eta")] double Eta);
#pragma warning restore CS1591
