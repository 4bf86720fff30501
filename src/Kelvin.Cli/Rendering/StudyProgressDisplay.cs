using System.Globalization;
using Kelvin.Studies;
using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>
/// The progress of `kelvin study` on stdout: one Spectre.Console bar over the shard's cells with
/// elapsed time and ETA when stdout is a terminal; otherwise one plain line per finished cell.
/// </summary>
internal static class StudyProgressDisplay
{
    public static T Run<T>(bool live, string title, StudySettings baseSettings, Func<Action<CellProgress>, T> work)
    {
        if (live)
        {
            T result = default!;
            StdoutConsole.Create().Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                         new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                    result = work(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape($"{title}: {p.Done}/{p.Total} cells");
                    });
                    task.Value = task.MaxValue;
                });
            return result;
        }
        int skipped = 0;
        return work(p =>
        {
            if (p.Skipped) { skipped++; return; }
            if (skipped > 0) { Console.Out.WriteLine($"{skipped} cells already in the folder: skipped"); skipped = 0; }
            Console.Out.WriteLine($"[{p.Done}/{p.Total}] {StudyCellText.Describe(p.Cell, baseSettings)}: done in {p.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        });
    }
}
