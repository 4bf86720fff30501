using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Files;
using Kelvin.Linear;
using Kelvin.Cli.Rendering;
using Kelvin.Reports.Plots;
using Spectre.Console;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin linear`: the training (and refresh) temperature of a linear model, analytic vs simulated (docs/theory.md §5).</summary>
internal static class LinearCommand
{
    public static Command Create()
    {
        var loss = new Option<string>("--loss") { Description = "energy form: mse|mae|ce", DefaultValueFactory = _ => "mse" };
        var init = new Option<string>("--init") { Description = "initialization: normal|uniform|mixed", DefaultValueFactory = _ => "normal" };
        var sigma = new Option<double>("--sigma") { Description = "σ of the normal (and mixed) init", DefaultValueFactory = _ => 0.5 };
        var a = new Option<double?>("--a") { Description = "half-width a of the uniform (and mixed) init [default σ√3: equal variance]" };
        var pi = new Option<double>("--pi") { Description = "mixed init: weight π of the normal part", DefaultValueFactory = _ => 0.5 };
        var d = new Option<int>("--d") { Description = "number of features/weights d", DefaultValueFactory = _ => 10 };
        var n = new Option<int>("--n") { Description = "number of samples n", DefaultValueFactory = _ => 20_000 };
        var signal = new Option<double>("--signal") { Description = "signal ‖w*‖²/d", DefaultValueFactory = _ => 1.0 };
        var noise = new Option<double>("--noise") { Description = "noise scale s (sd of ν; logistic scale for ce)", DefaultValueFactory = _ => 0.5 };
        var noiseLaw = new Option<string>("--noise-law") { Description = "regression noise: gaussian|laplace", DefaultValueFactory = _ => "gaussian" };
        var condition = new Option<double>("--condition") { Description = "condition number κ of Σ_x (1: isotropic)", DefaultValueFactory = _ => 1.0 };
        var lr = new Option<double>("--lr") { Description = "SGD learning rate η", DefaultValueFactory = _ => 0.01 };
        var batch = new Option<int>("--batch") { Description = "SGD batch size B", DefaultValueFactory = _ => 8 };
        var ensemble = new Option<int>("--ensemble") { Description = "ensemble size K (inits and SGD runs)", DefaultValueFactory = _ => 64 };
        var steps = new Option<int?>("--steps") { Description = "SGD steps per run [default: 40 relaxation times 1/(η λ_min)]" };
        var late = new Option<int>("--late") { Description = "late iterates M per run (over the last half)", DefaultValueFactory = _ => 32 };
        var seed = new Option<ulong>("--seed") { Description = "random seed", DefaultValueFactory = _ => 1 };
        var shift = new Option<string?>("--shift") { Description = "refresh after a shift: concept|covariate|noise|label" };
        var shiftSize = new Option<double>("--shift-size") { Description = "shift size (concept: relative ‖Δw*‖; covariate: feature scale; noise: noise factor; label: logit offset)", DefaultValueFactory = _ => 1.0 };
        var sweep = new Option<string?>("--sweep") { Description = "sweep T_I over signal|noise|lr|batch" };
        var from = new Option<double?>("--from") { Description = "sweep start" };
        var to = new Option<double?>("--to") { Description = "sweep end" };
        var points = new Option<int>("--points") { Description = "sweep points (geometric spacing)", DefaultValueFactory = _ => 5 };
        var plot = new Option<string?>("--plot") { Description = "sweep: write a PNG plot to this file" };
        var csvOut = new Option<string?>("--csv") { Description = "sweep: write the points as CSV to this file" };
        var data = new Option<string?>("--data") { Description = "empirical data: CSV file with a header" };
        var target = new Option<string?>("--target") { Description = "empirical data: the target column" };
        var lyapunov = new Option<string>("--lyapunov") { Description = "trained-state covariance: full (discrete + minibatch-Hessian noise)|discrete|continuous", DefaultValueFactory = _ => "full" };
        var view = new Option<string>("--view") { Description = "entropy view of S* and T_I: particle|ensemble|thermal", DefaultValueFactory = _ => "ensemble" };
        var json = new Option<bool>("--json") { Description = "JSON on stdout" };
        var force = OutputOptions.Force();
        var command = new Command("linear", "Temperature of a linear model's training transition: analytic vs simulated (docs/theory.md §5).")
        {
            loss, init, sigma, a, pi, d, n, signal, noise, noiseLaw, condition, lr, batch, ensemble, steps, late, seed,
            shift, shiftSize, sweep, from, to, points, plot, csvOut, data, target, lyapunov, view, json, force,
        };
        command.SetAction(parse =>
        {
            var entropyView = ParseView(parse.GetValue(view)!);
            var energy = EnergyForms.Parse(parse.GetValue(loss)!);
            var task = energy is CrossEntropy ? LinearTask.Classification : LinearTask.Regression;
            double s = parse.GetValue(sigma);
            var rho = Init(parse.GetValue(init)!, s, parse.GetValue(a) ?? s * Math.Sqrt(3), parse.GetValue(pi));
            var setting = new LinearSetting(energy, rho, parse.GetValue(lr), parse.GetValue(batch), ParseForm(parse.GetValue(lyapunov)!));
            var sim = new SimulationSetting(parse.GetValue(ensemble), parse.GetValue(steps), parse.GetValue(late), parse.GetValue(seed));
            var spec = new TeacherSpec(parse.GetValue(d), parse.GetValue(n), parse.GetValue(signal), parse.GetValue(noise), task,
                                       ParseLaw(parse.GetValue(noiseLaw)!), parse.GetValue(condition), parse.GetValue(seed));
            string? file = parse.GetValue(data);
            string? shiftName = parse.GetValue(shift);
            if (parse.GetValue(sweep) is string sweepName)
            {
                if (file is not null) throw new KelvinException("--sweep needs teacher data, not --data");
                var parameter = LinearSweep.ParseParameter(sweepName);
                string? csvPath = parse.GetValue(csvOut) is { } c ? OutputFile.Prepare(c, "--csv", parse.GetValue(force)) : null;
                string? png = parse.GetValue(plot) is { } p ? OutputFile.Prepare(p, "--plot", parse.GetValue(force)) : null;
                double lo = parse.GetValue(from) ?? throw new KelvinException("--sweep needs --from"),
                       hi = parse.GetValue(to) ?? throw new KelvinException("--sweep needs --to");
                var result = LinearSweep.Run(spec, setting, sim, parameter, lo, hi, parse.GetValue(points), entropyView);
                if (csvPath is not null) { File.WriteAllText(csvPath, LinearSweep.ToCsv(result)); OutputFile.Record(csvPath); }
                if (png is not null) { LinearSweepPlot.Save(result, png); OutputFile.Record(png); }
                if (parse.GetValue(json)) JsonOutput.Write(LinearJson.Sweep(result));
                else LinearTable.Sweep(result);
                return 0;
            }
            Teacher? teacher = null;
            LinearData dataset;
            if (file is not null)
            {
                if (shiftName is not null) throw new KelvinException("--shift needs teacher data, not --data");
                dataset = LinearCsv.Load(file, parse.GetValue(target) ?? throw new KelvinException("--data needs --target COLUMN"), task);
            }
            else
            {
                teacher = Teacher.Draw(spec);
                dataset = teacher.Data;
            }
            var comparison = LinearExperiment.Run(dataset, setting, sim, entropyView);
            if (teacher is not null) comparison = comparison with { Asymptotic = AsymptoticTheory.Temperature(spec, setting, entropyView) };
            if (shiftName is not null && entropyView != Kelvin.Thermodynamics.EntropyView.Ensemble)
                throw new KelvinException("--shift (the refresh transition) is computed in the ensemble view only; drop --view or use --view ensemble");
            RefreshComparison? refresh = shiftName is null ? null
                : LinearExperiment.Refresh(teacher!, Shift.Parse(shiftName), parse.GetValue(shiftSize), setting, sim, comparison);
            if (parse.GetValue(json)) JsonOutput.Write(LinearJson.Of(comparison, refresh));
            else LinearTable.Write(dataset, setting, comparison, refresh);
            return 0;
        });
        return command;
    }

    private static IUnivariateDistribution Init(string name, double sigma, double a, double pi) => name.Trim().ToLowerInvariant() switch
    {
        "normal" => new Normal(0, sigma),
        "uniform" => Uniform.Symmetric(a),
        "mixed" => new Mixed(pi, sigma, a),
        _ => throw new KelvinException($"unknown --init '{name}': expected normal, uniform or mixed"),
    };

    private static Kelvin.Thermodynamics.EntropyView ParseView(string name) => name.Trim().ToLowerInvariant() switch
    {
        "particle" => Kelvin.Thermodynamics.EntropyView.Particle,
        "ensemble" => Kelvin.Thermodynamics.EntropyView.Ensemble,
        "thermal" => Kelvin.Thermodynamics.EntropyView.Thermal,
        _ => throw new KelvinException($"unknown --view '{name}': expected particle, ensemble or thermal"),
    };

    private static LyapunovForm ParseForm(string name) => name.Trim().ToLowerInvariant() switch
    {
        "full" => LyapunovForm.DiscreteFull,
        "discrete" => LyapunovForm.Discrete,
        "continuous" => LyapunovForm.Continuous,
        _ => throw new KelvinException($"unknown --lyapunov '{name}': expected full, discrete or continuous"),
    };

    private static NoiseLaw ParseLaw(string name) => name.Trim().ToLowerInvariant() switch
    {
        "gaussian" or "normal" => NoiseLaw.Gaussian,
        "laplace" => NoiseLaw.Laplace,
        _ => throw new KelvinException($"unknown --noise-law '{name}': expected gaussian or laplace"),
    };
}
