using System.Diagnostics;
using System.Globalization;
using Kelvin.Run;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>
/// The progress of `kelvin run` on stdout: a Spectre.Console live display with one line per stage
/// (bar, percentage, elapsed time and ETA) when stdout is a terminal; otherwise one plain line when a
/// stage starts and one when it ends (no escape codes).
/// </summary>
internal static class RunProgressDisplay
{
    public static T Run<T>(bool live, Func<Action<RunStage, double>, T> work)
    {
        var stages = Enum.GetValues<RunStage>();
        if (live)
        {
            T result = default!;
            StdoutConsole.Create().Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                         new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var tasks = stages.ToDictionary(s => s, s => ctx.AddTask(Markup.Escape(RunPipeline.Describe(s)), autoStart: false, maxValue: 1));
                    var gate = new object();
                    result = work((stage, fraction) =>
                    {
                        lock (gate)
                        {
                            var task = tasks[stage];
                            if (!task.IsStarted) task.StartTask();
                            task.Value = fraction;
                            if (fraction >= 1) task.StopTask();
                        }
                    });
                });
            return result;
        }

        var clock = new Dictionary<RunStage, Stopwatch>();
        var lineGate = new object();
        return work((stage, fraction) =>
        {
            lock (lineGate)
            {
                int index = Array.IndexOf(stages, stage) + 1;
                if (!clock.TryGetValue(stage, out var watch))
                {
                    clock[stage] = Stopwatch.StartNew();
                    Console.Out.WriteLine($"[{index}/{stages.Length}] {RunPipeline.Describe(stage)} …");
                }
                else if (fraction >= 1 && watch.IsRunning)
                {
                    watch.Stop();
                    Console.Out.WriteLine($"[{index}/{stages.Length}] {RunPipeline.Describe(stage)}: done in {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
                }
            }
        });
    }
}
