using System.Text;
using Kelvin.Reports;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Run;

/// <summary>
/// The "what this means" paragraph of the report, written from the numbers of one run: whether the
/// thermometer passed, how well the linear theory matched, which layers heated and which cooled in
/// each network, which engine type each network is, and how the temperature moved with the shift.
/// </summary>
public static class RunInterpretation
{
    /// <summary>The paragraph for <paramref name="r"/>.</summary>
    public static string Of(RunResult r)
    {
        var sb = new StringBuilder();
        bool anharmonic = r.AnharmonicCalibration?.Passed ?? true;
        sb.Append(r.Calibration.Passed && anharmonic
            ? "The thermometer is calibrated: on Boltzmann states it reads the exact temperature within 3% (quadratic potential)" +
              (r.AnharmonicCalibration is null ? ". " : " and within 1% on a double well, whose states change shape with T. ")
            : "Warning: the thermometer calibration missed its tolerance (" + (r.Calibration.Passed ? "double well, 1%" : "quadratic, 3%") +
              "), so read the temperatures below with care. ");
        sb.Append(Linear(r.Linear)).Append(' ');
        if (r.Networks.Count > 0) sb.Append(TemperatureLanguage.ViewSentence(r.Networks[0].Experiment.Training.View)).Append(' ');
        foreach (var n in r.Networks) sb.Append(Network(n)).Append(' ');
        if (r.Networks.Count == 2) sb.Append(Compare(r, r.Networks[0], r.Networks[1]));
        return sb.ToString().TrimEnd();
    }

    private static string Linear(IReadOnlyList<LinearCell> cells)
    {
        var finite = cells.Where(c => c.Comparison.TemperatureRelativeDifference is not null).ToList();
        if (finite.Count == 0) return "No linear cell had a finite temperature on both sides.";
        var worst = finite.MaxBy(c => c.Comparison.TemperatureRelativeDifference!.Value)!;
        int within10 = finite.Count(c => c.Comparison.TemperatureRelativeDifference <= 0.10);
        return $"For linear models the analytic T_I matched the simulated one within 10% in {within10} of {cells.Count} (loss, init) cells; " +
               $"the largest gap was {ReportFormat.Percent(worst.Comparison.TemperatureRelativeDifference!.Value)} ({worst.Loss}, {worst.Init} init).";
    }

    private static string Network(NetworkStudy n)
    {
        var t = n.Experiment.Training;
        var g = t.GlobalEstimate;
        string view = t.View.Name();
        var sb = new StringBuilder();
        sb.Append($"Training the {n.Activation} network lowered its energy by {ReportFormat.Number(-t.Global.EnergyChange)} loss units while its weight entropy ({view} view) ");
        sb.Append(t.Global.EntropyChange is double ds ? (ds > 0 ? $"rose by {ReportFormat.Number(ds)} nats" : $"fell by {ReportFormat.Number(-ds)} nats") : "collapsed to a point");
        sb.Append($": T_I = {ReportFormat.Temperature(g)} ({TemperatureLanguage.Meaning(g, "at initialization")}). ");
        var heated = t.Layers.Where(l => l.Heated).Select(l => l.Name).ToList();
        var cooled = t.Layers.Where(l => !l.Heated).Select(l => l.Name).ToList();
        sb.Append(heated.Count == 0 ? $"Every layer cooled (its {view}-view entropy fell). "
            : cooled.Count == 0 ? $"Every layer heated (its {view}-view entropy rose). "
            : $"{Join(heated)} heated while {Join(cooled)} cooled ({view}-view entropy rose or fell). ");
        var unresolved = t.Layers.Where(l => l.Estimate is { } e && TemperatureLanguage.Unresolved(e)).Select(l => l.Name).ToList();
        if (unresolved.Count > 0) sb.Append($"The sign of T_l is not resolved for {Join(unresolved)}. ");
        var most = t.Layers.MaxBy(l => Math.Abs(l.EnergyChange));
        if (most is not null) sb.Append($"{most.Name} released the most energy ({Share(most, t)} of ΔE)");
        // The hottest layer by β = 1/T (never by |T|), among layers whose sign is resolved.
        var ranked = t.Layers.Where(l => l.Temperature.Value is not null && l.Estimate is { } e && !TemperatureLanguage.Unresolved(e)).ToList();
        var hottest = ranked.Count > 1 ? ranked.MinBy(l => 1 / l.Temperature.Value!.Value) : null;
        if (hottest is not null) sb.Append($" and {hottest.Name} ran hottest (T_l = {ReportFormat.Temperature(hottest.Estimate!)}; ranked by 1/T, so a negative T_l outranks every positive one). ");
        else sb.Append(". ");
        var x = n.Experiment;
        var rf = x.Refresh.GlobalEstimate;
        var task = n.Task;
        sb.Append($"The shift took its test score from {ReportFormat.Score(x.Score, task)} to {ReportFormat.Score(x.ShiftedScore, task)} and the refresh brought it to {ReportFormat.Score(x.RefreshedScore, task)}, " +
                  $"at T_II = {ReportFormat.Temperature(rf)} ({TemperatureLanguage.Meaning(rf, "in the state trained on D1")}); {TemperatureLanguage.Compare(g, "T_I", rf, "T_II")}.");
        return sb.ToString();
    }

    private static string Compare(RunResult r, NetworkStudy a, NetworkStudy b)
    {
        string engine = $"As heat engines the {a.Activation} network is {EngineText(r, a)} and the {b.Activation} network {EngineText(r, b)}.";
        var ta = a.Experiment.Training.GlobalEstimate;
        var tb = b.Experiment.Training.GlobalEstimate;
        engine += $" Of the two trainings, {TemperatureLanguage.Compare(ta, $"the {a.Activation} network's T_I", tb, $"the {b.Activation} network's T_I")}.";
        return engine;
    }

    private static string EngineText(RunResult r, NetworkStudy n)
    {
        var e = n.Engine;
        string measured = $"measured layer efficiencies {string.Join(", ", e.Layers.Select(l => $"{l.Name} {ReportFormat.Number(l.EtaMeasured)}"))} " +
                          $"(network Σ W_l / Σ q_l = {ReportFormat.Number(e.Efficiency)})";
        if (e.Type == Engines.EngineType.A)
            return $"a Type A (scale-free) engine: its activation's mean-field η_φ = {ReportFormat.Number(e.Layers.FirstOrDefault()?.EtaMeanField)} at every signal level, {measured}";
        var p = r.Engines.FirstOrDefault(x => x.Activation == n.Activation);
        var levels = e.Layers.Select(l => l.Q).ToList();
        string where = p?.QOpt is double q
            ? $"; its layers run at q = {string.Join(", ", levels.Select(l => ReportFormat.Number(l)))} against the activation's optimum q_opt = {ReportFormat.Number(q)}, " +
              $"so {(levels.All(l => l < q) ? "all run below it (more signal would do more work per unit)" : levels.All(l => l > q) ? "all run above it (saturating)" : "they straddle it")}"
            : "";
        return $"a Type B (thermally tuned) engine because of {string.Join(", ", e.TypeBLayers)}, {measured}{where}";
    }

    private static string Share(LayerTemperature l, TransitionAnalysis t) =>
        t.Global.EnergyChange != 0 ? ReportFormat.Percent(l.EnergyChange / t.Global.EnergyChange) : "—";

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
}
