using Kelvin.Calibration;
using Kelvin.Reports;

namespace Kelvin.Run;

/// <summary>
/// The one-line trust badge of the calibration: PASS or FAIL by <see cref="CalibrationResult.Passed"/>
/// (docs/theory.md §10), with the measured numbers.
/// </summary>
public static class RunBadge
{
    /// <summary>The badge line.</summary>
    public static string Line(CalibrationResult c) =>
        (c.Passed ? "PASS" : "FAIL") + $" — thermometer calibration: T = ΔE/ΔS between Boltzmann states at T1 = {ReportFormat.Number(c.Options.T1)} and T2 = {ReportFormat.Number(c.Options.T2)} " +
        $"measured {ReportFormat.Temperature(c.Measured)} vs logarithmic mean {ReportFormat.Number(c.Expected)}" +
        (c.RelativeError is double e ? $" ({Signed(e)})" : "") +
        $"; equipartition energies off by {Signed(c.Cold.EnergyRelativeError)} and {Signed(c.Hot.EnergyRelativeError)} (tolerance {ReportFormat.Percent(CalibrationResult.Tolerance)}).";

    private static string Signed(double fraction) => (fraction >= 0 ? "+" : "") + ReportFormat.Percent(fraction);
}
