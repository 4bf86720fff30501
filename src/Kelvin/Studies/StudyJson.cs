using System.Text.Json;
using System.Text.Json.Nodes;
using Kelvin.Thermodynamics;

namespace Kelvin.Studies;

/// <summary>
/// report.json of a study: the design, the number of cells found and missing, and per axis every
/// level's T_I and T_II ({"T", "se", "regime", "sign_resolved", "seeds", "view"}), the test score, and the tests
/// (ρ with its interval and p, or Kruskal–Wallis H and p) with the verdict. No NaN or infinity
/// (degenerate numbers are null), no timings or paths.
/// </summary>
public static class StudyJson
{
    /// <summary>The JSON text.</summary>
    public static string Write(StudyAnalysis a) => Of(a).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>The JSON tree.</summary>
    public static JsonObject Of(StudyAnalysis a) => new()
    {
        ["kelvin"] = Run.RunPipeline.Version,
        ["design"] = JsonNode.Parse(StudyDesignFile.Canonical(a.Design)),
        ["cells"] = a.Cells,
        ["missing"] = a.Missing,
        ["axes"] = new JsonArray(a.AllAxes.Select(Axis).ToArray()),
    };

    private static JsonNode Axis(AxisAnalysis x) => new JsonObject
    {
        ["axis"] = x.Axis,
        ["numeric"] = x.Numeric,
        ["levels"] = new JsonArray(x.Levels.Select(l => (JsonNode)new JsonObject
        {
            ["level"] = l.Level,
            ["x"] = l.X,
            ["cells"] = l.Cells,
            ["T_I"] = Temperature(l.Training),
            ["T_II"] = Temperature(l.Refresh),
            ["T_l"] = new JsonArray(l.Layers.Select(t => (JsonNode)new JsonObject { ["layer"] = t.Layer, ["T"] = Temperature(t.Temperature) }).ToArray()),
            ["test_score"] = l.Score?.Value,
            ["test_score_se"] = l.Score?.StdErr,
        }).ToArray()),
        ["T_I"] = Test(x.Training),
        ["T_II"] = Test(x.Refresh),
    };

    private static JsonNode? Temperature(TemperatureEstimate? t) => t is null ? null : new JsonObject
    {
        ["T"] = t.Temperature.Value,
        ["se"] = t.StandardError,
        ["regime"] = t.Temperature.Regime.Name(),
        ["sign_resolved"] = t.SignResolved,
        ["seeds"] = t.Replicates,
        ["view"] = t.View.Name(),
    };

    private static JsonNode Test(AxisTest t) => new JsonObject
    {
        ["verdict"] = t.Verdict,
        ["direction"] = StudyVerdict.Direction(t.Correlation),
        ["n"] = t.N,
        ["rho"] = t.Correlation?.Rho,
        ["rho_low"] = t.Correlation?.Low,
        ["rho_high"] = t.Correlation?.High,
        ["p"] = t.Correlation?.PValue ?? t.KruskalWallis?.PValue,
        ["kruskal_wallis_h"] = t.KruskalWallis?.H,
    };
}
