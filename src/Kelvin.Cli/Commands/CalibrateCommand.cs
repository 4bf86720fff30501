using System.CommandLine;
using System.Text.Json.Serialization;
using Kelvin.Calibration;
using Kelvin.Cli.Rendering;
using Kelvin.Reports.Json;
using Kelvin.Thermodynamics;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin calibrate`: the Boltzmann calibration of the thermometer (docs/theory.md §2, §10).</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var d = new Option<int>("--d") { Description = "number of parameters d of U = ½θᵀHθ (eigenvalues of H log-spaced in [0.5, 5])", DefaultValueFactory = _ => 20 };
        var t1 = new Option<double>("--t1") { Description = "colder temperature (> 0)", DefaultValueFactory = _ => 0.5 };
        var t2 = new Option<double>("--t2") { Description = "hotter temperature (> 0)", DefaultValueFactory = _ => 2.0 };
        var seed = new Option<ulong>("--seed") { Description = "random seed (rotation of H and every Langevin chain)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout instead of a table" };
        var command = new Command("calibrate", "Langevin samples of a quadratic potential at T1 and T2: measured ΔE/ΔS vs the logarithmic mean (T2−T1)/ln(T2/T1), and equipartition E = d·T/2.")
        {
            d, t1, t2, seed, json,
        };
        command.SetAction(parse =>
        {
            var result = BoltzmannCalibration.Run(new CalibrationOptions(
                Dimension: parse.GetValue(d), T1: parse.GetValue(t1), T2: parse.GetValue(t2), Seed: parse.GetValue(seed)));
            if (parse.GetValue(json)) JsonOutput.Write(CalibrationJson.From(result));
            else Render(result);
            return 0;
        });
        return command;
    }

    private static void Render(CalibrationResult r)
    {
        var console = StdoutConsole.Create();
        var summary = new Table().Title($"Boltzmann calibration, d = {r.Options.Dimension}, η = {StdoutConsole.Number(r.StepSize)}");
        summary.AddColumn("quantity").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("expected").RightAligned()).AddColumn(new TableColumn("rel. error").RightAligned());
        summary.AddRow($"T = ΔE/ΔS ({r.Measured.Regime.Name()})", StdoutConsole.Number(r.Measured.Value), StdoutConsole.Number(r.Expected), Percent(r.RelativeError));
        foreach (var s in new[] { r.Cold, r.Hot })
        {
            summary.AddRow($"E at T = {StdoutConsole.Number(s.Temperature)}", StdoutConsole.Number(s.Energy), StdoutConsole.Number(s.ExpectedEnergy), Percent(s.EnergyRelativeError));
            summary.AddRow($"S at T = {StdoutConsole.Number(s.Temperature)}", StdoutConsole.Number(s.Entropy), StdoutConsole.Number(s.ExpectedEntropy), StdoutConsole.Number(s.Entropy - s.ExpectedEntropy) + " nats");
        }
        console.Write(summary);
    }

    private static string Percent(double? x) => x is double v ? v.ToString("+0.00%;-0.00%", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
