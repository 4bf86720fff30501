using System.Globalization;
using System.Text.Json;
using Kelvin.Engines;
using Kelvin.Reports;
using Kelvin.Run;

namespace Kelvin.Tests.Run;

public class RunReportTests
{
    [Fact]
    public void EveryFileOfTheReportIsPresent()
    {
        var (_, folder) = TinyRun.Published;
        foreach (string file in new[] { "report.md", "report.html", "report.json", "temperature_curve.png", "layer_temperatures.png", "entropy_histograms.png", "engine_efficiency.png", "linear_agreement.png" })
        {
            string path = Path.Combine(folder, file);
            Assert.True(File.Exists(path), $"missing {file}");
            Assert.True(new FileInfo(path).Length > 1000, $"{file} is nearly empty");
        }
        foreach (string png in RunFigures.All)
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(folder, png)).Take(4).ToArray());
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Equal(RunFigures.All.Count, CountOf(html, "src=\"data:image/png;base64,"));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(folder)!, ".*kelvin-tmp-*"));
    }

    [Fact]
    public void SectionsComeInTheOrderOfTheIssue()
    {
        string md = File.ReadAllText(Path.Combine(TinyRun.Published.Folder, "report.md"));
        var headings = new[] { RunReport.CalibrationHeading, RunReport.LinearHeading, RunReport.NetworksHeading, RunReport.ShiftHeading, RunReport.EnginesHeading, RunReport.MeaningHeading };
        var positions = headings.Select(h => md.IndexOf("## " + h, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void ReportShowsBothCalibrationBadges()
    {
        var (_, folder) = TinyRun.Published;
        string md = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("calibration on the quadratic potential (langevin", md);
        Assert.Contains("calibration on the double-well potential (mala", md);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var anharmonic = json.RootElement.GetProperty("calibration_anharmonic");
        Assert.Equal("double-well", anharmonic.GetProperty("potential").GetString());
        Assert.Equal("quadratic", json.RootElement.GetProperty("calibration").GetProperty("potential").GetString());
        Assert.True(anharmonic.TryGetProperty("passed", out _));
    }

    [Fact]
    public void JsonNumbersMatchTheMarkdownTables()
    {
        var (_, folder) = TinyRun.Published;
        var tables = MarkdownTables.Parse(File.ReadAllText(Path.Combine(folder, "report.md")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var root = json.RootElement;

        var cal = tables[RunReport.CalibrationHeading][0];
        Assert.Equal(T(root.GetProperty("calibration").GetProperty("measured"), root.GetProperty("calibration").GetProperty("regime")), cal[0]["measured"]);
        Assert.Equal(N(root.GetProperty("calibration").GetProperty("expected")), cal[0]["expected"]);
        Assert.Equal(N(root.GetProperty("calibration").GetProperty("states")[1].GetProperty("energy")), cal[2]["measured"]);

        var linear = tables[RunReport.LinearHeading][0];
        var cells = root.GetProperty("linear").EnumerateArray().ToList();
        Assert.Equal(9, cells.Count);
        Assert.Equal(9, linear.Count);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(cells[i].GetProperty("loss").GetString(), linear[i]["loss"]);
            Assert.Equal(cells[i].GetProperty("init").GetString(), linear[i]["init"]);
            Assert.Equal(T(cells[i].GetProperty("T_analytic")), linear[i]["T_I analytic"]);
            Assert.Equal(T(cells[i].GetProperty("T_simulated")), linear[i]["T_I simulated"]);
            Assert.Equal(N(cells[i].GetProperty("T_simulated_se")), linear[i]["SE"]);
            Assert.Equal(N(cells[i].GetProperty("max_z")), linear[i]["max |z| of E, S"]);
        }

        var networks = root.GetProperty("networks").EnumerateArray().ToList();
        Assert.Equal(2, networks.Count);
        var summary = tables[RunReport.NetworksHeading][0];
        var shift = tables[RunReport.ShiftHeading][0];
        for (int k = 0; k < networks.Count; k++)
        {
            var n = networks[k];
            Assert.Equal(n.GetProperty("activation").GetString(), summary[k]["network"]);
            Assert.Equal(N(n.GetProperty("score")), summary[k]["test score"]);
            Assert.Equal(TSe(n.GetProperty("training").GetProperty("global")), summary[k]["T_I ± SE"]);
            Assert.Equal(N(n.GetProperty("training").GetProperty("isothermality")), summary[k]["isothermality (CV of T(t))"]);
            Assert.Equal(N(n.GetProperty("score_shifted")), shift[k]["score on D2"]);
            Assert.Equal(N(n.GetProperty("score_refreshed")), shift[k]["score refreshed"]);
            Assert.Equal(TSe(n.GetProperty("refresh").GetProperty("global")), shift[k]["T_II ± SE"]);
            CompareLayers(n.GetProperty("training"), tables[RunReport.NetworksHeading][1 + k]);
            CompareLayers(n.GetProperty("refresh"), tables[RunReport.ShiftHeading][1 + k]);
        }

        var engines = tables[RunReport.EnginesHeading];
        var activations = root.GetProperty("activations").EnumerateArray().ToList();
        Assert.Equal(activations.Count, engines[0].Count);
        for (int i = 0; i < activations.Count; i++)
        {
            Assert.Equal(N(activations[i].GetProperty("efficiency_at_1")), engines[0][i]["η(q = 1)"]);
            Assert.Equal(N(activations[i].GetProperty("q_opt")), engines[0][i]["q_opt"]);
            Assert.Equal(Critical(activations[i]), engines[0][i]["critical gain"]);
        }
        // tanh, gelu, … have no critical fixed point: null in JSON with its reason, the q*→0 limit in the table.
        Assert.Contains(activations, a => a.GetProperty("critical_gain").ValueKind == JsonValueKind.Null);
        Assert.Contains(engines[0], row => row["critical gain"].StartsWith("none (q*→0 limit", StringComparison.Ordinal));
        var measured = engines[1];
        int row = 0;
        foreach (var n in networks)
        {
            var engine = n.GetProperty("engine");
            foreach (var layer in engine.GetProperty("layers").EnumerateArray())
            {
                Assert.Equal(layer.GetProperty("name").GetString(), measured[row]["layer"]);
                Assert.Equal(N(layer.GetProperty("q")), measured[row]["q_l"]);
                Assert.Equal(N(layer.GetProperty("eta_measured")), measured[row]["η measured"]);
                Assert.Equal(N(layer.GetProperty("eta_mean_field")), measured[row]["η_φ(q_l) mean-field"]);
                Assert.Equal(layer.GetProperty("type").GetString(), measured[row]["type"]);
                row++;
            }
            Assert.Equal("network", measured[row]["layer"]);
            Assert.Equal(N(engine.GetProperty("efficiency")), measured[row]["η measured"]);
            Assert.Equal(engine.GetProperty("type").GetString(), measured[row]["type"]);
            row++;
        }
        Assert.Equal(measured.Count, row);
    }

    [Fact]
    public void TemperaturesInJsonAreNumbersOrNullWithARegime()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TinyRun.Published.Folder, "report.json")));
        var regimes = new[] { "normal", "negative", "isentropic", "point-state", "no-transition" };
        int seen = 0;
        Walk(json.RootElement, e =>
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("T", out var t) && e.TryGetProperty("regime", out var regime))
            {
                seen++;
                if (regime.ValueKind == JsonValueKind.Null) { Assert.Equal(JsonValueKind.Null, t.ValueKind); return; }
                Assert.Contains(regime.GetString(), regimes);
                bool finite = regime.GetString() is "normal" or "negative";
                Assert.Equal(finite ? JsonValueKind.Number : JsonValueKind.Null, t.ValueKind);
            }
        });
        Assert.True(seen > 20);
        Assert.Equal(RunPipeline.Version, json.RootElement.GetProperty("kelvin_version").GetString());
        Assert.Equal(3UL, json.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void EveryTemperatureInReportJsonNamesItsViewAndCarriesAStandardError()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TinyRun.Published.Folder, "report.json")));
        var views = new[] { "particle", "ensemble", "thermal" };
        int seen = 0, withSe = 0;
        Walk(json.RootElement, e =>
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("T", out var t)) return;
            seen++;
            Assert.Contains(e.GetProperty("view").GetString(), views);
            Assert.True(e.TryGetProperty("temperature_se", out var se), e.ToString());
            if (t.ValueKind == JsonValueKind.Number && se.ValueKind == JsonValueKind.Number) { withSe++; Assert.True(se.GetDouble() >= 0); }
        });
        Assert.True(seen > 20);
        Assert.True(withSe > 10, $"only {withSe} temperatures carry a number as SE");
        foreach (var n in json.RootElement.GetProperty("networks").EnumerateArray())
            foreach (var phase in new[] { "training", "refresh" })
            {
                var g = n.GetProperty(phase).GetProperty("global");
                // TinyRun has K = 1 member per network: the SE is a labelled bootstrap.
                Assert.Equal("bootstrap", g.GetProperty("se_method").GetString());
                Assert.Equal("particle", n.GetProperty(phase).GetProperty("view").GetString());
                Assert.True(n.GetProperty(phase).GetProperty("late_window").GetProperty("iterates").GetInt32() >= 1);
            }
    }

    [Fact]
    public void TheSameSeedGivesTheSameReportJson()
    {
        string again = RunJson.Write(RunPipeline.Run(TinyRun.Request()));
        Assert.Equal(File.ReadAllText(Path.Combine(TinyRun.Published.Folder, "report.json")), again);
        Assert.NotEqual(again, RunJson.Write(RunPipeline.Run(TinyRun.Request(seed: 4))));
    }

    [Fact]
    public void TheInterpretationNamesTheMeasuredNumbers()
    {
        var (r, _) = TinyRun.Published;
        string text = RunInterpretation.Of(r);
        foreach (var n in r.Networks)
        {
            Assert.Contains($"Training the {n.Activation} network", text);
            Assert.Contains(ReportFormat.Temperature(n.Experiment.Training.GlobalEstimate), text);
            Assert.Contains(ReportFormat.Temperature(n.Experiment.Refresh.GlobalEstimate), text);
            Assert.Contains($"Type {n.Engine.Type.Name()}", text);
            // T_II against T_I in the words of TemperatureLanguage (ranked by 1/T), never by magnitude
            Assert.Contains(TemperatureLanguage.Compare(n.Experiment.Training.GlobalEstimate, "T_I", n.Experiment.Refresh.GlobalEstimate, "T_II"), text);
            Assert.Contains(TemperatureLanguage.Meaning(n.Experiment.Training.GlobalEstimate, "at initialization"), text);
        }
        Assert.Contains(TemperatureLanguage.ViewSentence(r.Request.View), text);
        Assert.DoesNotContain("in magnitude", text);
        Assert.DoesNotContain("larger |T", text);
    }

    private static void CompareLayers(JsonElement transition, List<Dictionary<string, string>> table)
    {
        var global = transition.GetProperty("global");
        Assert.Equal("global", table[0]["part"]);
        Assert.Equal(ReportFormat.Number(global.GetProperty("E_trained").GetDouble() - global.GetProperty("E_init").GetDouble()), table[0]["ΔE (loss)"]);
        Assert.Equal(ReportFormat.Number(global.GetProperty("S_trained").GetDouble() - global.GetProperty("S_init").GetDouble()), table[0]["ΔS (nats)"]);
        Assert.Equal(TSe(global), table[0]["T ± SE (loss/nat)"]);
        var layers = transition.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(layers.Count + 1, table.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            var row = table[i + 1];
            Assert.Equal(layers[i].GetProperty("name").GetString(), row["part"]);
            Assert.Equal(N(layers[i].GetProperty("dE")), row["ΔE (loss)"]);
            Assert.Equal(N(layers[i].GetProperty("dS")), row["ΔS (nats)"]);
            Assert.Equal(TSe(layers[i]), row["T ± SE (loss/nat)"]);
            Assert.Equal(layers[i].GetProperty("regime").GetString(), row["regime"]);
            Assert.Equal(layers[i].GetProperty("heated").GetBoolean() ? "yes" : "no", row["heated"]);
        }
    }

    /// <summary>An activation's critical gain as the report writes it, from report.json: "g (stability)"
    /// when "critical_gain" is a number, else "none (q*→0 limit g)" with a "critical_gain_reason".</summary>
    private static string Critical(JsonElement activation)
    {
        var gain = activation.GetProperty("critical_gain");
        if (gain.ValueKind == JsonValueKind.Number)
            return $"{N(gain)} ({activation.GetProperty("critical_fixed_point").GetProperty("stability").GetString()})";
        Assert.False(string.IsNullOrEmpty(activation.GetProperty("critical_gain_reason").GetString()));
        var limit = activation.GetProperty("critical_gain_limit_q0");
        return limit.ValueKind == JsonValueKind.Number ? $"none (q*→0 limit {N(limit)})" : "none";
    }

    /// <summary>A JSON number as the report formats it ("—" for null).</summary>
    private static string N(JsonElement e) => ReportFormat.Number(e.ValueKind == JsonValueKind.Null ? null : e.GetDouble());

    /// <summary>A temperature object {T, regime} as the report formats it.</summary>
    private static string T(JsonElement e) => T(e.GetProperty("T"), e.GetProperty("regime"));

    /// <summary>A temperature object {T, regime, temperature_se, se_method, sign_resolved} as the report
    /// formats it: "T ± SE", with " (sign not resolved)" when it has an SE method and an unresolved sign.</summary>
    private static string TSe(JsonElement e)
    {
        var t = e.GetProperty("T");
        if (t.ValueKind == JsonValueKind.Null) return e.GetProperty("regime").GetString()!;
        var se = e.GetProperty("temperature_se");
        string text = ReportFormat.WithError(t.GetDouble(), se.ValueKind == JsonValueKind.Null ? null : se.GetDouble());
        return e.GetProperty("se_method").GetString() != "none" && !e.GetProperty("sign_resolved").GetBoolean() ? text + " (sign not resolved)" : text;
    }

    private static string T(JsonElement t, JsonElement regime) => t.ValueKind == JsonValueKind.Null ? regime.GetString()! : N(t);

    private static int CountOf(string text, string what)
    {
        int count = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static void Walk(JsonElement e, Action<JsonElement> visit)
    {
        visit(e);
        if (e.ValueKind == JsonValueKind.Object) foreach (var p in e.EnumerateObject()) Walk(p.Value, visit);
        else if (e.ValueKind == JsonValueKind.Array) foreach (var x in e.EnumerateArray()) Walk(x, visit);
    }
}

/// <summary>The tables of a Markdown report, by section heading: each a list of rows, each row a map
/// from column header to cell text.</summary>
internal static class MarkdownTables
{
    public static Dictionary<string, List<List<Dictionary<string, string>>>> Parse(string markdown)
    {
        var result = new Dictionary<string, List<List<Dictionary<string, string>>>>();
        string section = "";
        string[]? headers = null;
        List<Dictionary<string, string>>? rows = null;
        foreach (string line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) { section = line[3..]; result[section] = []; headers = null; continue; }
            if (!line.StartsWith('|')) { headers = null; continue; }
            var cells = Cells(line);
            if (headers is null) { headers = cells; rows = []; result[section].Add(rows); continue; }
            if (cells.All(c => c == "---")) continue;
            rows!.Add(headers.Zip(cells).ToDictionary(p => p.First, p => p.Second));
        }
        return result;
    }

    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        string body = line.Trim().Trim('|');
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] == '|') { current.Append('|'); i++; }
            else if (body[i] == '|') { cells.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(body[i]);
        }
        cells.Add(current.ToString().Trim());
        return cells.ToArray();
    }
}
