using System.Text.Json.Serialization;
using Kelvin.Calibration;
using Kelvin.Thermodynamics;

namespace Kelvin.Reports.Json;

/// <summary>JSON of the Boltzmann calibration (<see cref="CalibrationResult"/>), shared by
/// `kelvin calibrate --json` and `kelvin run`'s report.json: the potential and sampler, the measured ΔE/ΔS
/// (null plus the regime when degenerate) against the exact ΔE/ΔS of the sampler's states ("expected") and
/// the Boltzmann reference, its spread over seeds, whether it passed (<see cref="CalibrationResult.Passed"/>),
/// and each state's energy of the true potential and entropy against their exact values. The entropies are of the sampled Boltzmann ensemble ("view": "ensemble");
/// "temperature_se" is the spread over seeds divided by √seeds (null with one seed).</summary>
public sealed record CalibrationJson(
    [property: JsonPropertyName("potential")] string Potential,
    [property: JsonPropertyName("sampler")] string Sampler,
    [property: JsonPropertyName("entropy_estimator")] string EntropyEstimator,
    [property: JsonPropertyName("t1")] double T1,
    [property: JsonPropertyName("t2")] double T2,
    [property: JsonPropertyName("expected")] double Expected,
    [property: JsonPropertyName("boltzmann_reference")] double BoltzmannReference,
    [property: JsonPropertyName("measured")] double? Measured,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("relative_error")] double? RelativeError,
    [property: JsonPropertyName("tolerance")] double Tolerance,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("seeds")] int Seeds,
    [property: JsonPropertyName("seed_temperatures")] IReadOnlyList<double?> SeedTemperatures,
    [property: JsonPropertyName("temperature_sd")] double? TemperatureSd,
    [property: JsonPropertyName("d")] int D,
    [property: JsonPropertyName("step_size")] double StepSize,
    [property: JsonPropertyName("acceptance_rate")] double? AcceptanceRate,
    [property: JsonPropertyName("states")] IReadOnlyList<CalibrationStateJson> States,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("temperature_se")] double? TemperatureSe)
{
    /// <summary>The JSON of <paramref name="r"/>.</summary>
    public static CalibrationJson From(CalibrationResult r) => new(
        r.Options.Potential.Name(), r.Sampler, r.EntropyMethod, r.Options.T1, r.Options.T2, r.Expected, r.BoltzmannReference,
        r.Measured.Value, r.Measured.Regime.Name(), r.RelativeError, r.Tolerance, r.Passed,
        r.Options.Seeds, r.SeedTemperatures, r.Spread, r.Options.Dimension, r.StepSize, r.AcceptanceRate,
        [CalibrationStateJson.From(r.Cold), CalibrationStateJson.From(r.Hot)],
        "ensemble", r.Options.Seeds >= 2 && r.Spread is double sd ? sd / Math.Sqrt(r.Options.Seeds) : null);
}

/// <summary>One sampled state: the mean energy of the true potential against its exact value for the
/// sampler, the entropy against the exact stationary entropy, each with its standard deviation over seeds.</summary>
public sealed record CalibrationStateJson(
    [property: JsonPropertyName("t")] double T,
    [property: JsonPropertyName("energy")] double Energy,
    [property: JsonPropertyName("energy_sd")] double? EnergySd,
    [property: JsonPropertyName("expected_energy")] double ExpectedEnergy,
    [property: JsonPropertyName("entropy")] double Entropy,
    [property: JsonPropertyName("entropy_sd")] double? EntropySd,
    [property: JsonPropertyName("expected_entropy")] double ExpectedEntropy)
{
    /// <summary>The JSON of <paramref name="s"/>.</summary>
    public static CalibrationStateJson From(CalibrationState s) =>
        new(s.Temperature, s.Energy, s.EnergySpread, s.ExpectedEnergy, s.Entropy, s.EntropySpread, s.ExpectedEntropy);
}
