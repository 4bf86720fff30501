using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kelvin.Studies;

/// <summary>
/// A study design as a file, YAML or JSON, with the same fields:
/// <code>
/// name: my-study
/// seeds: 5            # at least 5
/// seed: 1             # first seed (optional)
/// mode: one-at-a-time # optional; the only mode
/// base: { dataset: digits, width: 32, epochs: 5 }   # any StudySettings property, snake case
/// axes:
///   label_noise: [0, 0.1, 0.2]
///   dataset: [digits, wine]
/// </code>
/// (axes may also be a list of {name, levels}). <see cref="Canonical"/> writes the design.json of a
/// results folder: equal designs give equal text.
/// </summary>
public static class StudyDesignFile
{
    /// <summary>Reads a .yaml/.yml or .json design file.</summary>
    public static StudyDesign Load(string path)
    {
        string text = File.Exists(path) ? File.ReadAllText(path) : throw new KelvinException($"design file not found: {path}");
        bool yaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        return Parse(text, yaml, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Parses design text (YAML when <paramref name="yaml"/>, else JSON); the name defaults to <paramref name="fallbackName"/>.</summary>
    public static StudyDesign Parse(string text, bool yaml, string fallbackName)
    {
        JsonNode? root;
        try { root = yaml ? FromYaml(text) : JsonNode.Parse(text); }
        catch (Exception e) when (e is JsonException or YamlException) { throw new KelvinException($"design file: {OneLine(e.Message)}"); }
        if (root is not JsonObject o) throw new KelvinException("design file: expected a mapping with name, seeds, base and axes");
        foreach (var (k, _) in o)
            if (k is not ("name" or "seeds" or "seed" or "mode" or "base" or "axes")) throw new KelvinException($"design file: unknown field '{k}' (expected name, seeds, seed, mode, base, axes)");
        if (o["mode"] is { } mode && mode.ToString() != StudyDesign.Mode) throw new KelvinException($"design file: mode '{mode}' is not supported (only {StudyDesign.Mode})");
        string name = o["name"]?.ToString() ?? fallbackName;
        int seeds = o["seeds"] is { } s ? Integer(s, "seeds") : StudyDesign.MinimumSeeds;
        ulong seed = o["seed"] is { } f ? (ulong)Integer(f, "seed") : 1;
        var settings = o["base"] is JsonObject b ? StudySettings.FromJson(JsonSerializer.SerializeToElement(b)) : new StudySettings();
        var axes = o["axes"] switch
        {
            JsonObject map => map.Select(kv => new StudyAxis(kv.Key, Levels(kv.Value, kv.Key))).ToList(),
            JsonArray list => list.Select(a => a is JsonObject ax && ax["name"] is { } n
                ? new StudyAxis(n.ToString(), Levels(ax["levels"], n.ToString()))
                : throw new KelvinException("design file: each axis needs a name and levels")).ToList(),
            _ => throw new KelvinException("design file: 'axes' must map axis names to lists of levels"),
        };
        return new StudyDesign(name, settings, axes, seeds, seed).Validated();
    }

    /// <summary>The design as indented JSON in a fixed layout (design.json of a results folder).</summary>
    public static string Canonical(StudyDesign d)
    {
        var o = new JsonObject
        {
            ["name"] = d.Name,
            ["mode"] = StudyDesign.Mode,
            ["seeds"] = d.Seeds,
            ["seed"] = d.Seed,
            ["base"] = JsonNode.Parse(d.Base.CanonicalJson()),
            ["axes"] = new JsonArray(d.Axes.Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["levels"] = new JsonArray(a.Levels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            }).ToArray()),
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static IReadOnlyList<string> Levels(JsonNode? node, string axis) => node is JsonArray a
        ? a.Select(v => v is JsonValue x && x.TryGetValue(out double d) ? d.ToString("R", CultureInfo.InvariantCulture)
                      : v?.ToString() ?? throw new KelvinException($"axis {axis}: a level is null")).ToList()
        : throw new KelvinException($"axis {axis}: levels must be a list");

    private static int Integer(JsonNode node, string what) =>
        node is JsonValue v && v.TryGetValue(out double d) && d == Math.Floor(d) && d >= 0 && d <= int.MaxValue
            ? (int)d : throw new KelvinException($"design file: {what} must be a whole number ≥ 0 (got {node.ToJsonString()})");

    /// <summary>YAML to a JSON tree: plain scalars that read as numbers, booleans or null become those; the rest strings.</summary>
    private static JsonNode? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value ?? ""),
        YamlScalarNode q => JsonValue.Create(q.Value ?? ""),
        _ => throw new KelvinException("design file: unsupported YAML node"),
    };

    private static JsonNode? Plain(string v)
    {
        if (v is "" or "~" or "null") return null;
        if (v is "true" or "false") return JsonValue.Create(v == "true");
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    private static string OneLine(string s) => new StringBuilder(s).Replace('\n', ' ').Replace('\r', ' ').ToString();
}
