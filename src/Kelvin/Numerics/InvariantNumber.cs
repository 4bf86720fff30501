using System.Globalization;
using System.Numerics;

namespace Kelvin.Numerics;

/// <summary>
/// The one way Kelvin reads a number typed by a person or stored in a file: the invariant culture
/// ('.' as the decimal point), no thousands separators, no surrounding text. "0,5" is refused (never
/// read as 5), "1,000" and "1_000" too; floating values must be finite. Every numeric CLI option and
/// every CSV cell goes through <see cref="TryParse{T}"/>.
/// </summary>
public static class InvariantNumber
{
    /// <summary>Parses <paramref name="text"/> as a <typeparamref name="T"/>: integers in plain digits
    /// (optional sign), floating point numbers in decimal or exponent notation. Gives an
    /// explanation in <paramref name="why"/> (false) when the text is not such a number.</summary>
    public static bool TryParse<T>(string? text, out T value, out string why) where T : INumber<T>
    {
        value = T.Zero;
        string s = (text ?? "").Trim();
        if (s.Length == 0) { why = "is empty"; return false; }
        if (s.Contains(',') || s.Contains('_') || s.Contains(' ') || s.Contains('\''))
        {
            why = "has a separator (use '.' as the decimal point and no thousands separators)";
            return false;
        }
        bool floating = typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal);
        var style = floating ? NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent : NumberStyles.AllowLeadingSign;
        if (!T.TryParse(s, style, CultureInfo.InvariantCulture, out value!))
        {
            why = floating ? "is not a number" : "is not a whole number in range";
            return false;
        }
        if (floating && !T.IsFinite(value)) { why = "is not a finite number"; return false; }
        why = "";
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws a one-line <see cref="KelvinException"/>
    /// naming <paramref name="what"/> (an option or a CSV cell).</summary>
    public static T Parse<T>(string? text, string what) where T : INumber<T> =>
        TryParse<T>(text, out T v, out string why) ? v : throw new KelvinException($"{what}: '{text}' {why}");
}
