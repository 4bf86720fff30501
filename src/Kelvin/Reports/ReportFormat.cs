using System.Globalization;
using Kelvin.Thermodynamics;

namespace Kelvin.Reports;

/// <summary>
/// How numbers appear in report tables: 6 significant digits, invariant culture, and a regime name
/// in place of a temperature that has no finite value. The report-consistency test parses these back.
/// </summary>
public static class ReportFormat
{
    /// <summary>A number with 6 significant digits ("G6"), or "—" for null.</summary>
    public static string Number(double? value) =>
        value is double v ? (double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : throw new ArgumentException($"not finite: {v}")) : "—";

    /// <summary>A temperature: its value, or its regime's name when it has none.</summary>
    public static string Temperature(Temperature t) => t.Value is double v ? Number(v) : t.Regime.Name();

    /// <summary>
    /// A value with its standard error, "v ± se", with the digits the SE supports: the SE rounded to
    /// two significant digits and the value to the same decimal place (−0.00736815 ± 0.000412 →
    /// "-0.00737 ± 0.00041"). Very small or large magnitudes share one power of ten:
    /// "(1.200 ± 0.030)E-08". Without an SE (null or 0) the value alone, as <see cref="Number"/>.
    /// </summary>
    public static string WithError(double value, double? standardError)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"not finite: {value}");
        if (standardError is not double se || se == 0) return Number(value);
        if (!(se > 0) || !double.IsFinite(se)) throw new ArgumentException($"not a standard error: {se}");
        double scale = Math.Max(Math.Abs(value), se);
        int exponent = scale < 1e-4 || scale >= 1e6 ? (int)Math.Floor(Math.Log10(scale)) : 0;
        double v = value / Math.Pow(10, exponent), s = se / Math.Pow(10, exponent);
        int decimals = Math.Max(0, 1 - (int)Math.Floor(Math.Log10(s)));
        if (Math.Round(s, decimals) >= Math.Pow(10, 2 - decimals) && decimals > 0) decimals--; // 0.0999 rounds to 0.10
        string pair = Fixed(v, decimals) + " ± " + Fixed(s, decimals);
        return exponent == 0 ? pair : $"({pair})E{exponent:+00;-00}";
    }

    /// <summary>A temperature with its uncertainty: "T ± SE" (<see cref="WithError"/>), the regime's name
    /// when T has no finite value, and " (sign not resolved)" when the 95% intervals of ΔE or ΔS straddle 0
    /// and the estimate has an uncertainty.</summary>
    public static string Temperature(TemperatureEstimate t)
    {
        if (t.Temperature.Value is not double v) return t.Temperature.Regime.Name();
        string text = WithError(v, t.StandardError);
        return t.Method != UncertaintyMethod.None && !t.SignResolved ? text + " (sign not resolved)" : text;
    }

    private static string Fixed(double x, int decimals)
    {
        string text = Math.Round(x, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0 ? text[1..] : text;
    }

    /// <summary>A test score (<see cref="Trajectories.TestScore"/>): an accuracy as a percentage, an R² as "R² 0.xxx".</summary>
    public static string Score(double score, Data.TaskKind task) =>
        task == Data.TaskKind.Classification ? Percent(score) : "R² " + score.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal.</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
