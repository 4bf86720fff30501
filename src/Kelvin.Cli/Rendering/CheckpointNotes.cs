using Kelvin.Checkpoints;

namespace Kelvin.Cli.Rendering;

/// <summary>The one-line notes `inspect`, `compare` and `trajectory` print about what was read.</summary>
internal static class CheckpointNotes
{
    /// <summary>"counted once: head.weight is embed.weight (shares storage)".</summary>
    public static string Duplicate(DuplicateTensor d) => $"counted once: {d.Name} is {d.SameAs} ({d.Reason})";
}
