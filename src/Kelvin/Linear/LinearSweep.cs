using System.Globalization;
using System.Text;
using Kelvin.Distributions;
using Kelvin.Energy;

namespace Kelvin.Linear;

/// <summary>The parameter a sweep varies (one at a time).</summary>
public enum SweepParameter
{
    /// <summary>‖w*‖²/d.</summary>
    Signal,
    /// <summary>the noise scale s.</summary>
    Noise,
    /// <summary>the learning rate η.</summary>
    LearningRate,
    /// <summary>the batch size B (rounded to an integer).</summary>
    Batch,
}

/// <summary>One point of a sweep: the parameter value, analytic T_I, simulated T_I ± SE, and the
/// asymptotic mse formula where it applies (mse, normal init; else null).</summary>
public sealed record SweepPoint(double Value, double? Analytic, double? Simulated, double? SimulatedStdErr, double? Asymptotic,
                                string AnalyticRegime, string SimulatedRegime);

/// <summary>A sweep of T_I over one parameter.</summary>
public sealed record SweepResult(SweepParameter Parameter, string Loss, string Init, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>The parameter's name and unit for axes and columns.</summary>
    public string ParameterLabel => Parameter switch
    {
        SweepParameter.Signal => "signal ‖w*‖²/d (loss units)",
        SweepParameter.Noise => "noise scale s (target units)",
        SweepParameter.LearningRate => "learning rate η",
        _ => "batch size B (samples)",
    };
}

/// <summary>T_I against signal, noise, η or B (docs/theory.md §5: temperature reads the data and the training).</summary>
public static class LinearSweep
{
    /// <summary>Parses "signal", "noise", "lr"/"eta", "batch".</summary>
    public static SweepParameter ParseParameter(string name) => name.Trim().ToLowerInvariant() switch
    {
        "signal" => SweepParameter.Signal,
        "noise" => SweepParameter.Noise,
        "lr" or "eta" or "learning-rate" => SweepParameter.LearningRate,
        "batch" => SweepParameter.Batch,
        _ => throw new KelvinException($"unknown sweep parameter '{name}': expected signal, noise, lr or batch", "sweep parameter"),
    };

    /// <summary>P geometrically spaced values from <paramref name="from"/> to <paramref name="to"/> (both &gt; 0).</summary>
    public static double[] Values(double from, double to, int points)
    {
        if (points < 2) throw new KelvinException($"points must be at least 2 (got {points})", "points");
        if (!(from > 0) || !(to > 0) || !double.IsFinite(from) || !double.IsFinite(to)) throw new KelvinException($"from and to must be finite and > 0 (got {from}, {to})", "from and to");
        return Enumerable.Range(0, points).Select(k => from * Math.Pow(to / from, k / (points - 1.0))).ToArray();
    }

    /// <summary>Runs analytic and simulated T_I at every value (a fresh teacher per point for signal and noise).</summary>
    public static SweepResult Run(TeacherSpec spec, LinearSetting setting, SimulationSetting sim, SweepParameter parameter, double from, double to, int points)
    {
        var values = Values(from, to, points);
        var result = new List<SweepPoint>();
        Teacher? shared = parameter is SweepParameter.LearningRate or SweepParameter.Batch ? Teacher.Draw(spec) : null;
        foreach (double raw in values)
        {
            double v = parameter == SweepParameter.Batch ? Math.Max(1, Math.Round(raw)) : raw;
            var s = parameter switch
            {
                SweepParameter.Signal => spec with { Signal = v },
                SweepParameter.Noise => spec with { Noise = v },
                _ => spec,
            };
            var set = parameter switch
            {
                SweepParameter.LearningRate => setting with { LearningRate = v },
                SweepParameter.Batch => setting with { Batch = (int)v },
                _ => setting,
            };
            var data = (shared ?? Teacher.Draw(s)).Data;
            var c = LinearExperiment.Run(data, set, sim);
            double? asymptotic = null;
            if (setting.Loss is MeanSquaredError && setting.Init is Normal nrm && nrm.Mu == 0 && s.ConditionNumber == 1)
            {
                double ratio = nrm.Variance * set.Batch / (set.LearningRate * s.Noise * s.Noise);
                if (ratio > 1) asymptotic = LinearTheory.AsymptoticMseTemperature(s.Signal, s.Noise, nrm.Sigma, set.LearningRate, set.Batch);
            }
            var simT = c.Simulated.Transition.Temperature;
            result.Add(new SweepPoint(v, c.Analytic.Temperature.Value, simT.Value, c.Simulated.TemperatureStdErr, asymptotic,
                                      Thermodynamics.RegimeNames.Name(c.Analytic.Temperature.Regime), Thermodynamics.RegimeNames.Name(simT.Regime)));
        }
        return new SweepResult(parameter, setting.Loss.Name, setting.Init.Description, result);
    }

    /// <summary>The sweep as CSV: value, T_analytic, T_simulated, T_simulated_se, T_asymptotic (empty cells for null).</summary>
    public static string ToCsv(SweepResult sweep)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{sweep.Parameter.ToString().ToLowerInvariant()},T_analytic,T_simulated,T_simulated_se,T_asymptotic");
        static string F(double? x) => x is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        foreach (var p in sweep.Points)
            sb.AppendLine(string.Join(",", F(p.Value), F(p.Analytic), F(p.Simulated), F(p.SimulatedStdErr), F(p.Asymptotic)));
        return sb.ToString();
    }
}
