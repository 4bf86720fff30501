using Kelvin.Calibration;
using Kelvin.Reports;

namespace Kelvin.Run;

/// <summary>
/// The one-line trust badge of the calibration: the thermometer passes when the measured ΔE/ΔS between
/// the two Boltzmann states is within <see cref="Tolerance"/> of the logarithmic mean and both states'
/// energies are within it of equipartition d·T/2 (THEORY §10).
/// </summary>
public static class RunBadge
{
    /// <summary>3%, the tolerance of THEORY §10.</summary>
    public const double Tolerance = 0.03;

    /// <summary>Whether the calibration passed.</summary>
    public static bool Passed(CalibrationResult c) =>
        c.RelativeError is double e && Math.Abs(e) <= Tolerance
        && Math.Abs(c.Cold.EnergyRelativeError) <= Tolerance && Math.Abs(c.Hot.EnergyRelativeError) <= Tolerance;

    /// <summary>The badge line.</summary>
    public static string Line(CalibrationResult c) =>
        (Passed(c) ? "PASS" : "FAIL") + $" — thermometer calibration: T = ΔE/ΔS between Boltzmann states at T1 = {ReportFormat.Number(c.Options.T1)} and T2 = {ReportFormat.Number(c.Options.T2)} " +
        $"measured {ReportFormat.Temperature(c.Measured)} vs logarithmic mean {ReportFormat.Number(c.Expected)}" +
        (c.RelativeError is double e ? $" ({Signed(e)})" : "") +
        $"; equipartition energies off by {Signed(c.Cold.EnergyRelativeError)} and {Signed(c.Hot.EnergyRelativeError)} (tolerance {ReportFormat.Percent(Tolerance)}).";

    private static string Signed(double fraction) => (fraction >= 0 ? "+" : "") + ReportFormat.Percent(fraction);
}
