using System.Diagnostics;
using Kelvin.Trajectories;

namespace Kelvin.Bench.Compare;

/// <summary>
/// <c>thermometer-methods --k 10 --epochs 3 --sizes 0,320,160,80,40</c>: the thermometer designs of
/// docs/performance-notes.md against each other on the bench's digits 64-128-128-10 run (the same
/// trajectory for all: the thermometer does not change the training). For each allocation rule
/// (Simpson, trapezoid) and evaluation-set size (0 = the default cap, i.e. the whole training split):
/// seconds of recorded training + analysis (alternated with plain training, medians), gradient
/// evaluations, the allocation residual, and each layer's ΔE_l and T_l with their relative differences
/// from the reference (Simpson on the whole split) of the same run.
/// </summary>
public static class ThermometerAccuracy
{
    public static Dictionary<string, object> Run(CompareOptions o)
    {
        int k = o.Int("k", 10), epochs = o.Int("epochs", 3);
        var sizes = o.Text("sizes", "0,320,160,80,40").Split(',').Select(int.Parse).ToArray();
        var baseSetup = TrainingComparison.ThermometerSetup(k, epochs, out var data, out var plain);
        var candidates = new List<(string Name, TrainingSetup Setup)>();
        foreach (var rule in new[] { AllocationRule.Simpson, AllocationRule.Trapezoid })
            foreach (int size in sizes)
                candidates.Add(($"{rule.ToString().ToLowerInvariant()}/{(size == 0 ? "all" : size.ToString())}",
                                baseSetup with { Rule = rule, EvaluationSize = size == 0 ? baseSetup.EvaluationSize : size }));

        TransitionAnalysis Analyse(TrainingSetup s, out RecordedTraining run) { run = RecordedTrainer.Train(s, data).Run; return TransitionAnalysis.Of(run); }
        var reference = Analyse(baseSetup, out _);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var (name, setup) in candidates)
        {
            var plainTimes = new List<double>();
            var recordTimes = new List<double>();
            var analysisTimes = new List<double>();
            var cpu = new List<(double Plain, double Record, double Analysis)>();
            TransitionAnalysis result = null!;
            RecordedTraining run = null!;
            Analyse(setup, out _); plain();
            for (int r = 0; r < o.Reps; r++)
            {
                var c0 = Cpu(); var sw = Stopwatch.StartNew(); plain(); plainTimes.Add(sw.Elapsed.TotalSeconds);
                var c1 = Cpu(); sw.Restart(); run = RecordedTrainer.Train(setup, data).Run; recordTimes.Add(sw.Elapsed.TotalSeconds);
                var c2 = Cpu(); sw.Restart(); result = TransitionAnalysis.Of(run); analysisTimes.Add(sw.Elapsed.TotalSeconds);
                cpu.Add((c1 - c0, c2 - c1, Cpu() - c2));
            }
            double p = Timing.Median(plainTimes), rec = Timing.Median(recordTimes), ana = Timing.Median(analysisTimes);
            double cp = Timing.Median(cpu.Select(c => c.Plain)), cr = Timing.Median(cpu.Select(c => c.Record)), ca = Timing.Median(cpu.Select(c => c.Analysis));
            var layers = result.Layers.Select((l, i) => new Dictionary<string, object?>
            {
                ["name"] = l.Name, ["dE"] = l.EnergyChange, ["T"] = l.Temperature.Value,
                ["dE_rel"] = Relative(l.EnergyChange, reference.Layers[i].EnergyChange),
                ["T_rel"] = l.Temperature.Value is double t && reference.Layers[i].Temperature.Value is double t0 ? Relative(t, t0) : null,
            }).ToList();
            rows.Add(new Dictionary<string, object?>
            {
                ["method"] = name, ["evaluation_samples"] = run.EvaluationSamples, ["gradient_evaluations"] = run.Evaluations,
                ["pieces"] = run.Pieces, ["residual"] = run.AllocationResidual,
                ["plain_s"] = p, ["record_s"] = rec, ["analysis_s"] = ana, ["overhead"] = (rec + ana) / p - 1,
                ["cpu_plain_s"] = cp, ["cpu_record_s"] = cr, ["cpu_analysis_s"] = ca, ["cpu_overhead"] = (cr + ca) / cp - 1,
                ["T"] = result.Global.Temperature.Value,
                ["T_rel"] = result.Global.Temperature.Value is double g && reference.Global.Temperature.Value is double g0 ? Relative(g, g0) : null,
                ["max_T_l_rel"] = layers.Max(l => l["T_rel"] is double x ? Math.Abs(x) : double.NaN),
                ["layers"] = layers,
            });
            Console.Error.WriteLine($"{name,-16} n={run.EvaluationSamples,5} evals={run.Evaluations,4} residual={run.AllocationResidual:P3} overhead={(rec + ana) / p - 1:P0} (record {rec * 1e3:F1} + analysis {ana * 1e3:F1} ms, plain {p * 1e3:F1}) cpu {(cr + ca) / cp - 1:P0} ({cr * 1e3:F0} + {ca * 1e3:F0} ms, plain {cp * 1e3:F0}) max|ΔT_l|={rows[^1]["max_T_l_rel"]:P2} T_rel={rows[^1]["T_rel"]:P2}");
        }
        return new Dictionary<string, object> { ["k"] = k, ["epochs"] = epochs, ["methods"] = rows };
    }

    /// <summary>CPU seconds of this process so far (all threads): the work, steadier than the wall clock
    /// on a loaded machine.</summary>
    internal static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Relative(double x, double reference) => reference != 0 ? (x - reference) / Math.Abs(reference) : double.NaN;
}
