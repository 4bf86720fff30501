using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kelvin.Studies;

/// <summary>A transition's numbers in a cell: ΔE (loss units), ΔS (nats; null when a state is a
/// point), T = ΔE/ΔS (null when degenerate), its regime, its standard error within the cell (null when
/// T is degenerate) and where that SE comes from: "members" (jackknife over K ≥ 2 members, or the
/// ensemble view's leave-one-out), "bootstrap" (K = 1: weights resampled) or "none". The study's SE
/// of a level comes from the seeds (<see cref="StudyAnalysis"/>).</summary>
public sealed record CellTransition(
    [property: JsonPropertyName("energy_change")] double EnergyChange,
    [property: JsonPropertyName("entropy_change")] double? EntropyChange,
    [property: JsonPropertyName("temperature")] double? Temperature,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("standard_error")] double? StandardError,
    [property: JsonPropertyName("uncertainty")] string Uncertainty = "none");

/// <summary>Layer l's local temperature in the training transition: T_l = ΔE_l/ΔS_l, with its SE
/// within the cell (as the cell's <see cref="CellTransition.Uncertainty"/>; null when degenerate).</summary>
public sealed record CellLayer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("energy_change")] double EnergyChange,
    [property: JsonPropertyName("entropy_change")] double? EntropyChange,
    [property: JsonPropertyName("temperature")] double? Temperature,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("standard_error")] double? StandardError = null);

/// <summary>
/// What one cell measured: the training transition T_I (initialization → trained on D1), the refresh
/// transition T_II after the shift (trained on D1 → refreshed on D2), T_l per layer of the training
/// transition, the test scores (accuracy or R²) before the shift, after it and after the refresh, in
/// the entropy view named. Written as cells/KEY.json; no timings, so equal work gives equal files.
/// </summary>
public sealed record CellResult(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("settings")] StudySettings Settings,
    [property: JsonPropertyName("view")] string View,
    [property: JsonPropertyName("score_name")] string ScoreName,
    [property: JsonPropertyName("test_score")] double TestScore,
    [property: JsonPropertyName("shifted_score")] double ShiftedScore,
    [property: JsonPropertyName("refreshed_score")] double RefreshedScore,
    [property: JsonPropertyName("training")] CellTransition Training,
    [property: JsonPropertyName("refresh")] CellTransition Refresh,
    [property: JsonPropertyName("layers")] IReadOnlyList<CellLayer> Layers)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The cell as indented JSON (no NaN or infinity: degenerate numbers are null).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    /// <summary>Reads a cell file written by <see cref="ToJson"/>.</summary>
    /// <exception cref="KelvinException">when the text is not a cell result.</exception>
    public static CellResult FromJson(string json, string source)
    {
        try { return JsonSerializer.Deserialize<CellResult>(json, Options) ?? throw new KelvinException($"{source}: empty cell file"); }
        catch (JsonException e) { throw new KelvinException($"{source}: not a study cell ({e.Message})"); }
    }
}
