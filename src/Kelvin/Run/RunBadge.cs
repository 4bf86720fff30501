using Kelvin.Calibration;
using Kelvin.Reports;

namespace Kelvin.Run;

/// <summary>
/// The one-line trust badge of a calibration: PASS or FAIL by <see cref="CalibrationResult.Passed"/>
/// (docs/theory.md §10), with the measured numbers. `kelvin run` shows two: the quadratic (harmonic) and an
/// anharmonic potential.
/// </summary>
public static class RunBadge
{
    /// <summary>The badge line.</summary>
    public static string Line(CalibrationResult c) =>
        (c.Passed ? "PASS" : "FAIL") + $" — thermometer calibration on the {c.Options.Potential.Name()} potential ({c.Sampler}, entropy {c.EntropyMethod}): " +
        $"T = ΔE/ΔS between the states at T1 = {ReportFormat.Number(c.Options.T1)} and T2 = {ReportFormat.Number(c.Options.T2)} " +
        $"measured {ReportFormat.Temperature(c.Measured)}" + (c.Spread is double sd ? $" (sd {ReportFormat.Number(sd)} over {c.Options.Seeds} seeds)" : "") +
        $" vs exact {ReportFormat.Number(c.Expected)}" +
        (c.RelativeError is double e ? $" ({Signed(e)})" : "") +
        $"; energies of the true potential off by {Signed(c.Cold.EnergyRelativeError)} and {Signed(c.Hot.EnergyRelativeError)} (tolerance {ReportFormat.Percent(c.Tolerance)}).";

    private static string Signed(double fraction) => (fraction >= 0 ? "+" : "") + ReportFormat.Percent(fraction);
}
