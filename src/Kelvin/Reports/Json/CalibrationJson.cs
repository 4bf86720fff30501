using System.Text.Json.Serialization;
using Kelvin.Calibration;
using Kelvin.Thermodynamics;

namespace Kelvin.Reports.Json;

/// <summary>JSON of the Boltzmann calibration (<see cref="CalibrationResult"/>), shared by
/// `kelvin calibrate --json` and `kelvin run`'s report.json: the measured ΔE/ΔS against the logarithmic
/// mean (null plus the regime when degenerate), whether it passed (<see cref="CalibrationResult.Passed"/>),
/// and each state's equipartition energy. The entropies are the Gaussian form of the ensemble view
/// (½ ln det(2πe C) of the chains' samples: "view": "gaussian"); the measured T has no standard error
/// yet ("temperature_se": null).</summary>
public sealed record CalibrationJson(
    [property: JsonPropertyName("t1")] double T1,
    [property: JsonPropertyName("t2")] double T2,
    [property: JsonPropertyName("expected")] double Expected,
    [property: JsonPropertyName("measured")] double? Measured,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("relative_error")] double? RelativeError,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("d")] int D,
    [property: JsonPropertyName("step_size")] double StepSize,
    [property: JsonPropertyName("equipartition")] IReadOnlyList<EquipartitionJson> Equipartition,
    [property: JsonPropertyName("view")] string View = "gaussian",
    [property: JsonPropertyName("temperature_se")] double? TemperatureSe = null)
{
    /// <summary>The JSON of <paramref name="r"/>.</summary>
    public static CalibrationJson From(CalibrationResult r) => new(
        r.Options.T1, r.Options.T2, r.Expected, r.Measured.Value, r.Measured.Regime.Name(), r.RelativeError, r.Passed,
        r.Options.Dimension, r.StepSize, [EquipartitionJson.From(r.Cold), EquipartitionJson.From(r.Hot)]);
}

/// <summary>One sampled Boltzmann state: its energy against d·T/2 (and the raw, unshadowed energy),
/// its entropy against the exact stationary entropy.</summary>
public sealed record EquipartitionJson(
    [property: JsonPropertyName("t")] double T,
    [property: JsonPropertyName("energy")] double Energy,
    [property: JsonPropertyName("expected")] double Expected,
    [property: JsonPropertyName("raw_energy")] double RawEnergy,
    [property: JsonPropertyName("entropy")] double Entropy,
    [property: JsonPropertyName("expected_entropy")] double ExpectedEntropy)
{
    /// <summary>The JSON of <paramref name="s"/>.</summary>
    public static EquipartitionJson From(CalibrationState s) => new(s.Temperature, s.Energy, s.ExpectedEnergy, s.RawEnergy, s.Entropy, s.ExpectedEntropy);
}
