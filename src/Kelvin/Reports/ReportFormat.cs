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

    /// <summary>A test score (<see cref="Trajectories.TestScore"/>): an accuracy as a percentage, an R² as "R² 0.xxx".</summary>
    public static string Score(double score, Data.TaskKind task) =>
        task == Data.TaskKind.Classification ? Percent(score) : "R² " + score.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal.</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
