using System.Text.RegularExpressions;

namespace Kelvin.Cli;

/// <summary>
/// The library's errors name its parameters (<see cref="KelvinException.Parameter"/>); the command line
/// says the flag a user typed instead: "LearningRate must be &gt; 0" becomes "--lr must be &gt; 0".
/// </summary>
internal static class ParameterFlags
{
    private static readonly Dictionary<string, string> Flags = new()
    {
        ["output folder"] = "--out",
        ["shiftSize"] = "--shift-size",
        ["energy form"] = "--loss",
        ["LearningRate"] = "--lr",
        ["Batch"] = "--batch",
        ["D"] = "--d",
        ["N"] = "--n",
        ["Signal"] = "--signal",
        ["Noise"] = "--noise",
        ["Steps"] = "--steps",
        ["Ensemble"] = "--ensemble",
        ["Members"] = "--ensemble",
        ["sweep parameter"] = "--sweep",
        ["points"] = "--points",
        ["from and to"] = "--from and --to",
        ["Dimension"] = "--d",
        ["T1"] = "--t1",
        ["T2"] = "--t2",
        ["exclude"] = "--exclude",
        ["include"] = "--include",
        ["include/exclude"] = "--include/--exclude",
        ["energyBefore and energyAfter"] = "--energy-before and --energy-after",
        ["newData"] = "--new FILE.csv",
        ["target"] = "--target",
    };

    /// <summary>The message of <paramref name="e"/> with the first mention of its parameter replaced by
    /// the flag; unchanged when the error names no parameter the CLI knows.</summary>
    public static string Message(KelvinException e)
    {
        if (e.Parameter is not string p || !Flags.TryGetValue(p, out var flag)) return e.Message;
        var word = new Regex($@"(?<![\w-]){Regex.Escape(p)}(?![\w-])");
        return word.Replace(e.Message, flag.Replace("$", "$$"), 1);
    }
}
