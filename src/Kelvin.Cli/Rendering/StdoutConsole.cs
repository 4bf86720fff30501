using System.Globalization;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>A Spectre.Console console bound to the current <see cref="Console.Out"/> (so in-process
/// tests that redirect it see the table), plus the number format of tables.</summary>
internal static class StdoutConsole
{
    /// <summary>The width of a console written to a pipe or a file: wide enough that no table or line
    /// wraps (a wrapped table splits names and numbers across lines).</summary>
    public const int RedirectedWidth = 4096;

    /// <summary>A console writing to the current Console.Out (plain text when it is not a terminal).
    /// When the output is not a terminal (a pipe, a file, a test's writer) its width is
    /// <see cref="RedirectedWidth"/>, so tables and lines never wrap.</summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected || !console.Profile.Out.IsTerminal) console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>A number for a table: <paramref name="digits"/> significant digits (6 unless told),
    /// invariant culture; "—" for null (a quantity that has no value here) and, as a last guard, for
    /// NaN or ±∞, which Kelvin never prints.</summary>
    public static string Number(double? value, int digits = 6) =>
        value is double v && double.IsFinite(v) ? v.ToString("G" + digits, CultureInfo.InvariantCulture) : "—";
}
