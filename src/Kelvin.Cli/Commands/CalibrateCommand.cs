using System.CommandLine;
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
        var potential = new Option<string>("--potential") { Description = "quadratic (½θᵀHθ, unadjusted Langevin), double-well (Σ(θ²−1)², MALA) or quartic (Σθ²/2+θ⁴/4, MALA)", DefaultValueFactory = _ => "quadratic" };
        var d = new Option<int>("--d") { Description = "number of parameters d (quadratic: eigenvalues of H log-spaced in [0.5, 5])", DefaultValueFactory = _ => 20 };
        var t1 = new Option<double>("--t1") { Description = "colder temperature (> 0)", DefaultValueFactory = _ => 0.5 };
        var t2 = new Option<double>("--t2") { Description = "hotter temperature (> 0)", DefaultValueFactory = _ => 2.0 };
        var estimator = new Option<string?>("--estimator") { Description = "entropy estimator of double-well/quartic: vasicek (default), ebrahimi, knn, histogram, gaussian" };
        var seeds = new Option<int>("--seeds") { Description = "independent repetitions whose spread is reported", DefaultValueFactory = _ => 4 };
        var seed = new Option<ulong>("--seed") { Description = "random seed (rotation of H and every chain)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "JSON on stdout instead of a table" };
        var command = new Command("calibrate", "Langevin samples of a Boltzmann state at T1 and T2: measured ΔE/ΔS and the energies of the true potential vs their exact values for the sampler used (quadratic: the discrete chain's stationary state; double-well, quartic: MALA and quadrature).")
        {
            potential, d, t1, t2, estimator, seeds, seed, json,
        };
        command.SetAction(parse =>
        {
            var kind = CalibrationPotentials.Parse(parse.GetValue(potential)!);
            string? chosen = parse.GetValue(estimator);
            if (chosen is not null && !kind.IsAnharmonic())
                throw new KelvinException("--estimator applies to double-well and quartic; the quadratic calibration uses ½ ln det(2πe·C) of its rotated Gaussian state");
            var result = BoltzmannCalibration.Run(new CalibrationOptions(
                Dimension: parse.GetValue(d), T1: parse.GetValue(t1), T2: parse.GetValue(t2), Seed: parse.GetValue(seed),
                Potential: kind, Estimator: chosen ?? "vasicek", Seeds: parse.GetValue(seeds)));
            if (parse.GetValue(json)) JsonOutput.Write(CalibrationJson.From(result));
            else Render(result);
            return 0;
        });
        return command;
    }

    private static void Render(CalibrationResult r)
    {
        var console = StdoutConsole.Create();
        string acceptance = r.AcceptanceRate is double a ? $", acceptance {Plain(a)}" : "";
        var summary = new Table().Title(Markup.Escape(
            $"Boltzmann calibration: {r.Options.Potential.Name()}, d = {r.Options.Dimension}, {r.Sampler} η = {StdoutConsole.Number(r.StepSize)}{acceptance}, entropy {r.EntropyMethod}, {r.Options.Seeds} seeds"));
        summary.AddColumn("quantity").AddColumn(new TableColumn("measured").RightAligned()).AddColumn(new TableColumn("sd over seeds").RightAligned())
               .AddColumn(new TableColumn("exact").RightAligned()).AddColumn(new TableColumn("rel. error").RightAligned());
        summary.AddRow($"T = ΔE/ΔS ({r.Measured.Regime.Name()})", StdoutConsole.Number(r.Measured.Value), StdoutConsole.Number(r.Spread), StdoutConsole.Number(r.Expected), Percent(r.RelativeError));
        foreach (var s in new[] { r.Cold, r.Hot })
        {
            summary.AddRow($"E = <U> at T = {StdoutConsole.Number(s.Temperature)}", StdoutConsole.Number(s.Energy), StdoutConsole.Number(s.EnergySpread), StdoutConsole.Number(s.ExpectedEnergy), Percent(s.EnergyRelativeError));
            summary.AddRow($"S at T = {StdoutConsole.Number(s.Temperature)}", StdoutConsole.Number(s.Entropy), StdoutConsole.Number(s.EntropySpread), StdoutConsole.Number(s.ExpectedEntropy), StdoutConsole.Number(s.Entropy - s.ExpectedEntropy) + " nats");
        }
        console.Write(summary);
        Console.Out.WriteLine(r.Options.Potential.IsAnharmonic()
            ? $"exact: quadrature of the one-dimensional Boltzmann density (MALA samples it exactly); {(r.Passed ? "PASS" : "FAIL")} at {Plain(r.Tolerance)}."
            : $"exact: the unadjusted chain's stationary state (variance T/(λ(1 − ηλ/2)) per mode); the Boltzmann states themselves give the logarithmic mean {StdoutConsole.Number(r.BoltzmannReference)}; {(r.Passed ? "PASS" : "FAIL")} at {Plain(r.Tolerance)}.");
    }

    private static string Plain(double x) => x.ToString("0.##%", System.Globalization.CultureInfo.InvariantCulture);

    private static string Percent(double? x) => x is double v ? v.ToString("+0.00%;-0.00%", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
