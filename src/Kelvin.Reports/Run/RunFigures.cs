using Kelvin.Engines;
using Kelvin.Reports.Plots;

namespace Kelvin.Run;

/// <summary>The five PNG figures of a run's report, by file name, drawn from a <see cref="RunResult"/>.</summary>
public static class RunFigures
{
    /// <summary>Global T(t) of both networks, training then refresh.</summary>
    public const string TemperatureCurve = "temperature_curve.png";
    /// <summary>Per-layer T_l of both networks, training and refresh.</summary>
    public const string LayerTemperatures = "layer_temperatures.png";
    /// <summary>A layer's weights at init and trained, for both networks.</summary>
    public const string EntropyHistograms = "entropy_histograms.png";
    /// <summary>η_φ(q) of the built-in activations, with the networks' measured layers.</summary>
    public const string EngineEfficiency = "engine_efficiency.png";
    /// <summary>Linear T_I, analytic against simulated.</summary>
    public const string LinearAgreement = "linear_agreement.png";

    /// <summary>Every figure's file name.</summary>
    public static IReadOnlyList<string> All { get; } = [TemperatureCurve, LayerTemperatures, EntropyHistograms, EngineEfficiency, LinearAgreement];

    /// <summary>Draws every figure into <paramref name="folder"/>.</summary>
    public static void Write(RunResult r, string folder)
    {
        string data = r.Request.DataName;
        var runs = r.Networks.Select(n => (n.Activation, n.Experiment.Training, n.Experiment.Refresh)).ToList();
        TemperatureCurvePlot.SaveTrainingAndRefresh(runs, Path.Combine(folder, TemperatureCurve), $"{data}: temperature during training and refresh ({r.Request.Profile.Shift} shift)");
        LayerTemperaturePlot.Save(runs, Path.Combine(folder, LayerTemperatures), $"{data}: local temperature of each layer");
        var series = r.Networks.SelectMany(n =>
        {
            var layer = n.Experiment.Training.Layers.FirstOrDefault(l => l.Name == n.Weights.Layer);
            return new[]
            {
                ($"{n.Activation} {n.Weights.Layer}: at init{Entropy(layer?.EntropyFrom)}", n.Weights.Initial),
                ($"{n.Activation} {n.Weights.Layer}: trained{Entropy(layer?.EntropyTo)}", n.Weights.Trained),
            };
        }).ToList();
        WeightHistogramPlot.Save(series, Path.Combine(folder, EntropyHistograms), $"{data}: weight distribution of a hidden layer, at init and trained");
        var measured = r.Networks.Select(n => ($"{n.Activation} network, measured layers (q_l, η_l)",
            (IReadOnlyList<EfficiencyPoint>)n.Engine.Layers.Select(l => new EfficiencyPoint(l.Q, l.EtaMeasured)).ToList())).ToList();
        EfficiencyPlot.Save(r.Engines, Path.Combine(folder, EngineEfficiency), measured: measured);
        var points = r.Linear
            .Where(c => c.Comparison.Analytic.Temperature.Value is not null && c.Comparison.Simulated.Transition.Temperature.Value is not null)
            .Select(c => new AgreementPoint(c.Loss, c.Init, c.Comparison.Analytic.Temperature.Value!.Value,
                                            c.Comparison.Simulated.Transition.Temperature.Value!.Value, c.Comparison.Simulated.TemperatureStdErr ?? 0))
            .ToList();
        LinearAgreementPlot.Save(points, Path.Combine(folder, LinearAgreement), "Linear models: training temperature T_I, theory vs simulation");
    }

    /// <summary>" (S_l = … nats)" for a legend, or nothing for a point state.</summary>
    private static string Entropy(double? s) => s is double v ? $" (S_l = {Reports.ReportFormat.Number(v)} nats)" : "";
}
