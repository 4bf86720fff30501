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
    /// <summary>the init scale σ (normal σ; uniform half-width a = σ√3, equal variance; mixed both).</summary>
    Sigma,
}

/// <summary>One point of a sweep: the parameter value, analytic T_I, simulated T_I ± SE, the asymptotic
/// T_I (<see cref="AsymptoticTheory"/>; null for an anisotropic teacher), and the coldness β = 1/T = ΔS/ΔE
/// (nats per loss unit) analytic, simulated ± SE and asymptotic: β is finite through an isentropic point,
/// where T passes through ±∞.</summary>
public sealed record SweepPoint(double Value, double? Analytic, double? Simulated, double? SimulatedStdErr, double? Asymptotic,
                                string AnalyticRegime, string SimulatedRegime,
                                double AnalyticColdness = double.NaN, Estimate SimulatedColdness = default, double? AsymptoticColdness = null);

/// <summary>A sweep of T_I over one parameter in one entropy view.</summary>
/// <param name="Parameter">the swept parameter.</param>
/// <param name="Loss">the energy form's name.</param>
/// <param name="Init">the init's description (at the setting's scale).</param>
/// <param name="Points">one per value.</param>
/// <param name="View">the entropy view of S*.</param>
/// <param name="FittedComponentScale">ρ_eff of the teacher (docs/theory.md §2), where the particle view is isentropic.</param>
public sealed record SweepResult(SweepParameter Parameter, string Loss, string Init, IReadOnlyList<SweepPoint> Points,
                                 Thermodynamics.EntropyView View = Thermodynamics.EntropyView.Ensemble, double? FittedComponentScale = null)
{
    /// <summary>The parameter's name and unit for axes and columns.</summary>
    public string ParameterLabel => Parameter switch
    {
        SweepParameter.Signal => "signal ‖w*‖²/d (loss units)",
        SweepParameter.Noise => "noise scale s (target units)",
        SweepParameter.LearningRate => "learning rate η",
        SweepParameter.Sigma => "init scale σ (weight units)",
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
        "sigma" => SweepParameter.Sigma,
        _ => throw new KelvinException($"unknown --sweep '{name}': expected signal, noise, lr, batch or sigma"),
    };

    /// <summary>P geometrically spaced values from <paramref name="from"/> to <paramref name="to"/> (both &gt; 0).</summary>
    public static double[] Values(double from, double to, int points)
    {
        if (points < 2) throw new KelvinException($"points must be at least 2 (got {points})", "points");
        if (!(from > 0) || !(to > 0) || !double.IsFinite(from) || !double.IsFinite(to)) throw new KelvinException($"from and to must be finite and > 0 (got {from}, {to})", "from and to");
        return Enumerable.Range(0, points).Select(k => from * Math.Pow(to / from, k / (points - 1.0))).ToArray();
    }

    /// <summary>Runs analytic and simulated T_I at every value (a fresh teacher per point for signal and noise).</summary>
    public static SweepResult Run(TeacherSpec spec, LinearSetting setting, SimulationSetting sim, SweepParameter parameter, double from, double to, int points,
                                  Thermodynamics.EntropyView view = Thermodynamics.EntropyView.Ensemble)
    {
        var values = Values(from, to, points);
        var result = new List<SweepPoint>();
        Teacher? shared = parameter is SweepParameter.LearningRate or SweepParameter.Batch or SweepParameter.Sigma ? Teacher.Draw(spec) : null;
        // σ changes only the initial state: the trained state is solved once.
        TrainedState? trained = parameter == SweepParameter.Sigma
            ? TrainedState.Of(shared!.Data, setting.Loss, setting.LearningRate, setting.Batch, setting.Form) : null;
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
                SweepParameter.Sigma => setting with { Init = WithScale(setting.Init, v) },
                _ => setting,
            };
            var data = (shared ?? Teacher.Draw(s)).Data;
            var c = LinearExperiment.Run(data, set, sim, view, trained);
            var asymptotic = AsymptoticTheory.Temperature(s, set, view);
            var simT = c.Simulated.Transition.Temperature;
            var an = c.Analytic.Transition;
            double coldness = (an.EntropyChange ?? double.NaN) / an.EnergyChange;
            double? asymptoticColdness = asymptotic is { } at ? (at.Value is double t ? 1 / t : at.Regime == Thermodynamics.Regime.Isentropic ? 0 : null) : null;
            result.Add(new SweepPoint(v, c.Analytic.Temperature.Value, simT.Value, c.Simulated.TemperatureStdErr, asymptotic?.Value,
                                      Thermodynamics.RegimeNames.Name(c.Analytic.Temperature.Regime), Thermodynamics.RegimeNames.Name(simT.Regime),
                                      coldness, c.Simulated.Coldness, asymptoticColdness));
        }
        double? rhoEff = spec.ConditionNumber == 1 && (setting.Loss is CrossEntropy) == (spec.Task == LinearTask.Classification)
            ? Math.Sqrt(AsymptoticTheory.FittedComponentVariance(spec, setting.Loss)) : null;
        return new SweepResult(parameter, setting.Loss.Name, setting.Init.Description, result, view, rhoEff);
    }

    /// <summary>The init family of <paramref name="init"/> at scale σ: Normal(0, σ²); Uniform(−σ√3, σ√3) (equal
    /// variance); Mixed with the same π, σ and a = σ√3.</summary>
    public static IUnivariateDistribution WithScale(IUnivariateDistribution init, double sigma) => init switch
    {
        Normal => new Normal(0, sigma),
        Uniform => Uniform.Symmetric(sigma * Math.Sqrt(3)),
        Mixed m => new Mixed(m.Pi, sigma, sigma * Math.Sqrt(3)),
        _ => throw new KelvinException($"--sweep sigma needs a normal, uniform or mixed init (got {init.Description})"),
    };

    /// <summary>The sweep as CSV: value, T_analytic, T_simulated, T_simulated_se, T_asymptotic (empty cells for null).</summary>
    public static string ToCsv(SweepResult sweep)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{sweep.Parameter.ToString().ToLowerInvariant()},T_analytic,T_simulated,T_simulated_se,T_asymptotic,beta_analytic,beta_simulated,beta_simulated_se,beta_asymptotic");
        static string F(double? x) => x is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        foreach (var p in sweep.Points)
            sb.AppendLine(string.Join(",", F(p.Value), F(p.Analytic), F(p.Simulated), F(p.SimulatedStdErr), F(p.Asymptotic),
                                      F(p.AnalyticColdness), F(p.SimulatedColdness.Value), F(p.SimulatedColdness.StdErr), F(p.AsymptoticColdness)));
        return sb.ToString();
    }
}
