using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kelvin.Cli;

/// <summary>
/// The one line kelvin prints on stderr for an error: line breaks become spaces, every other control
/// character and bidirectional override is escaped (\x00, \x1B: bytes read from a file never reach
/// the terminal raw), text quoted
/// in the message is cut at <see cref="MaxQuoted"/> characters and the whole line at
/// <see cref="MaxLength"/>.
/// </summary>
internal static partial class ErrorLine
{
    /// <summary>The longest quoted piece of user input kept in a message.</summary>
    public const int MaxQuoted = 200;

    /// <summary>The longest error line.</summary>
    public const int MaxLength = 1000;

    /// <summary>"kelvin: " + the sanitized <paramref name="message"/>.</summary>
    public static string Of(string message)
    {
        string text = Quoted().Replace(Escape(message), m => $"'{m.Groups[1].Value[..MaxQuoted]}…'");
        text = "kelvin: " + text.Trim();
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }

    /// <summary><paramref name="s"/> with line breaks as spaces and other control characters escaped
    /// (also used for text from files shown on stdout, such as checkpoint metadata).</summary>
    public static string Escape(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029') b.Append(' ');
            else if (char.IsControl(c) || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')) b.Append(@"\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else b.Append(c);
        }
        return b.ToString();
    }

    [GeneratedRegex("'([^']{201,})'")] // 201 = MaxQuoted + 1
    private static partial Regex Quoted();
}
