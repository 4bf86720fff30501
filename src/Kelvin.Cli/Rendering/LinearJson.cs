using System.Text.Json.Serialization;
using Kelvin.Linear;
using Kelvin.Thermodynamics;

namespace Kelvin.Cli.Rendering;

/// <summary>The JSON of `kelvin linear` (names exactly as the linear-model issue specifies).</summary>
internal static class LinearJson
{
    internal sealed record StdErrs(
        [property: JsonPropertyName("E_init")] double EInit,
        [property: JsonPropertyName("S_init")] double SInit,
        [property: JsonPropertyName("E_trained")] double ETrained,
        [property: JsonPropertyName("S_trained")] double STrained,
        [property: JsonPropertyName("T")] double? T);

    internal sealed record StateJson(
        [property: JsonPropertyName("E_init")] double EInit,
        [property: JsonPropertyName("S_init")] double SInit,
        [property: JsonPropertyName("E_trained")] double ETrained,
        [property: JsonPropertyName("S_trained")] double STrained,
        [property: JsonPropertyName("T")] double? T,
        [property: JsonPropertyName("regime")] string Regime,
        [property: JsonPropertyName("stderr"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StdErrs? StdErr);

    internal sealed record AgreementJson(
        [property: JsonPropertyName("T_rel_diff")] double? TRelDiff,
        [property: JsonPropertyName("max_z")] double? MaxZ,
        [property: JsonPropertyName("T_z")] double? TZ,
        [property: JsonPropertyName("pass")] bool Pass);

    internal sealed record WindowJson(
        [property: JsonPropertyName("steps")] int Steps,
        [property: JsonPropertyName("thinning")] int Thinning,
        [property: JsonPropertyName("iterates")] int Iterates);

    internal sealed record RefreshSideJson(
        [property: JsonPropertyName("T")] double? T,
        [property: JsonPropertyName("W")] double W,
        [property: JsonPropertyName("Q")] double Q,
        [property: JsonPropertyName("regime")] string Regime,
        [property: JsonPropertyName("stderr"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefreshStdErr? StdErr);

    internal sealed record RefreshStdErr([property: JsonPropertyName("T")] double? T);

    internal sealed record RefreshJson(
        [property: JsonPropertyName("analytic")] RefreshSideJson Analytic,
        [property: JsonPropertyName("simulated")] RefreshSideJson Simulated);

    internal sealed record ResultJson(
        [property: JsonPropertyName("view")] string View,
        [property: JsonPropertyName("T_asymptotic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Asymptotic,
        [property: JsonPropertyName("temperature_se")] double? TemperatureSe,
        [property: JsonPropertyName("sign_resolved")] bool SignResolved,
        [property: JsonPropertyName("thermal_window"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WindowJson? Window,
        [property: JsonPropertyName("analytic")] StateJson Analytic,
        [property: JsonPropertyName("simulated")] StateJson Simulated,
        [property: JsonPropertyName("agreement")] AgreementJson Agreement,
        [property: JsonPropertyName("refresh"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RefreshJson? Refresh);

    internal sealed record SweepPointJson(
        [property: JsonPropertyName("value")] double Value,
        [property: JsonPropertyName("T_analytic")] double? Analytic,
        [property: JsonPropertyName("T_simulated")] double? Simulated,
        [property: JsonPropertyName("T_simulated_se")] double? SimulatedStdErr,
        [property: JsonPropertyName("T_asymptotic")] double? Asymptotic,
        [property: JsonPropertyName("regime_analytic")] string AnalyticRegime,
        [property: JsonPropertyName("regime_simulated")] string SimulatedRegime,
        [property: JsonPropertyName("beta_analytic")] double? BetaAnalytic,
        [property: JsonPropertyName("beta_simulated")] double? BetaSimulated,
        [property: JsonPropertyName("beta_simulated_se")] double? BetaSimulatedSe,
        [property: JsonPropertyName("beta_asymptotic")] double? BetaAsymptotic);

    internal sealed record SweepJson(
        [property: JsonPropertyName("parameter")] string Parameter,
        [property: JsonPropertyName("view")] string View,
        [property: JsonPropertyName("rho_eff"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RhoEff,
        [property: JsonPropertyName("loss")] string Loss,
        [property: JsonPropertyName("init")] string Init,
        [property: JsonPropertyName("points")] IReadOnlyList<SweepPointJson> Points);

    public static ResultJson Of(LinearComparison c, RefreshComparison? r)
    {
        var a = c.Analytic;
        var s = c.Simulated;
        var analytic = new StateJson(a.InitialEnergy.Value, a.InitialEntropy, a.Trained.Energy, a.TrainedEntropy,
                                     a.Temperature.Value, a.Temperature.Regime.Name(), null);
        var simT = s.Transition.Temperature;
        var simulated = new StateJson(s.Initial.Energy.Value, s.Initial.Entropy.Value, s.Trained.Energy.Value, s.Trained.Entropy.Value,
                                      simT.Value, simT.Regime.Name(),
                                      new StdErrs(s.Initial.Energy.StdErr, s.Initial.Entropy.StdErr, s.Trained.Energy.StdErr, s.Trained.Entropy.StdErr, s.TemperatureStdErr));
        RefreshJson? refresh = r is null ? null : new RefreshJson(
            new RefreshSideJson(r.Analytic.Transition.Temperature.Value, r.Analytic.Work, r.Analytic.Heat, r.Analytic.Transition.Temperature.Regime.Name(), null),
            new RefreshSideJson(r.Transition.Temperature.Value, r.Work, r.Heat, r.Transition.Temperature.Regime.Name(), new RefreshStdErr(r.TemperatureStdErr)));
        var window = c.View == EntropyView.Thermal ? new WindowJson(s.Trained.Steps, s.Trained.Thinning, s.Trained.Samples[0].Length / a.Trained.Covariance.RowCount) : null;
        return new ResultJson(c.View.Name(), c.Asymptotic?.Value, s.TemperatureStdErr, s.Estimate.SignResolved, window, analytic, simulated,
                              new AgreementJson(c.TemperatureRelativeDifference, c.MaxZ, c.TemperatureZ, c.Agrees), refresh);
    }

    public static SweepJson Sweep(SweepResult sweep) => new(
        sweep.Parameter.ToString().ToLowerInvariant(), sweep.View.Name(), sweep.FittedComponentScale, sweep.Loss, sweep.Init,
        sweep.Points.Select(p => new SweepPointJson(p.Value, p.Analytic, p.Simulated, p.SimulatedStdErr, p.Asymptotic, p.AnalyticRegime, p.SimulatedRegime,
            Finite(p.AnalyticColdness), Finite(p.SimulatedColdness.Value), Finite(p.SimulatedColdness.StdErr), p.AsymptoticColdness)).ToList());

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
