using System.CommandLine;
using System.CommandLine.Parsing;
using System.Numerics;
using Kelvin.Numerics;

namespace Kelvin.Cli;

/// <summary>
/// Makes every numeric option of a command tree parse with <see cref="InvariantNumber"/> (so
/// `--t1 0,5` is an error instead of 5, whatever the machine's culture), without each command having
/// to remember it: <see cref="Apply"/> walks the tree once at start-up.
/// </summary>
internal static class NumberOptions
{
    /// <summary>Sets the invariant parser on every int, long, ulong and double option (nullable too)
    /// of <paramref name="command"/> and its subcommands.</summary>
    public static void Apply(Command command)
    {
        foreach (Option o in command.Options)
        {
            switch (o)
            {
                case Option<double> x: Set(x); break;
                case Option<double?> x: SetNullable(x); break;
                case Option<int> x: Set(x); break;
                case Option<int?> x: SetNullable(x); break;
                case Option<long> x: Set(x); break;
                case Option<ulong> x: Set(x); break;
            }
        }
        foreach (Command c in command.Subcommands) Apply(c);
    }

    private static void Set<T>(Option<T> option) where T : struct, INumber<T>
    {
        if (option.CustomParser is not null) return;
        var fallback = option.DefaultValueFactory;
        option.CustomParser = r => r.Tokens.Count == 0 ? (fallback is null ? default : fallback(r)) : Parse<T>(r, option.Name);
    }

    private static void SetNullable<T>(Option<T?> option) where T : struct, INumber<T>
    {
        if (option.CustomParser is not null) return;
        var fallback = option.DefaultValueFactory;
        option.CustomParser = r => r.Tokens.Count == 0 ? fallback?.Invoke(r) : Parse<T>(r, option.Name);
    }

    private static T Parse<T>(ArgumentResult r, string name) where T : struct, INumber<T>
    {
        string text = r.Tokens[^1].Value;
        if (InvariantNumber.TryParse<T>(text, out T v, out string why)) return v;
        r.AddError($"{name}: '{text}' {why}");
        return default;
    }
}
