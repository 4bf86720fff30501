using System.Security.Cryptography;
using System.Text;

namespace Kelvin.Studies;

/// <summary>One level of one axis, every other factor at the base condition.</summary>
/// <param name="Axis">the axis varied.</param>
/// <param name="Level">its level, as text.</param>
/// <param name="Settings">the base settings with the axis at that level.</param>
public sealed record StudyCondition(string Axis, string Level, StudySettings Settings);

/// <summary>
/// The unit of work of a study: settings and a seed. Its <see cref="Key"/> is the SHA-256 (hex) of
/// the canonical settings JSON and the seed, so equal work has one key however many axes share it
/// (the base condition appears on every axis) and a results folder can be filled by any process.
/// </summary>
/// <param name="Index">the cell's position in the design's cell list (shards split by it).</param>
/// <param name="Settings">what to train.</param>
/// <param name="Seed">the seed of every draw of the cell.</param>
public sealed record StudyCell(int Index, StudySettings Settings, ulong Seed)
{
    /// <summary>The text hashed into the key: canonical settings JSON, a newline, "seed=" and the seed.</summary>
    public string Identity => $"{Settings.CanonicalJson()}\nseed={Seed}";

    /// <summary>SHA-256 of <see cref="Identity"/> in lowercase hex (64 characters).</summary>
    public string Key => KeyOf(Settings, Seed);

    /// <summary>The key of <paramref name="settings"/> at <paramref name="seed"/>.</summary>
    public static string KeyOf(StudySettings settings, ulong seed) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.CanonicalJson()}\nseed={seed}")));
}

/// <summary>How a person reads a cell: the settings that differ from the base condition, and the seed.</summary>
public static class StudyCellText
{
    /// <summary>"label_noise=0.25, seed 3" (or "base, seed 3").</summary>
    public static string Describe(StudyCell cell, StudySettings baseSettings)
    {
        var b = System.Text.Json.Nodes.JsonNode.Parse(baseSettings.CanonicalJson())!.AsObject();
        var c = System.Text.Json.Nodes.JsonNode.Parse(cell.Settings.CanonicalJson())!.AsObject();
        var diff = c.Where(kv => kv.Value?.ToJsonString() != b[kv.Key]?.ToJsonString()).Select(kv => $"{kv.Key}={kv.Value}").ToList();
        return $"{(diff.Count > 0 ? string.Join(", ", diff) : "base")}, seed {cell.Seed}";
    }
}
