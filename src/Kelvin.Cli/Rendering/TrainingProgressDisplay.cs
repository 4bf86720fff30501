using Spectre.Console;

namespace Kelvin.Cli.Rendering;

/// <summary>
/// Shows training progress on stderr (never stdout, so JSON stays clean): a Spectre.Console bar
/// ("bar"), a plain line per 10% ("lines"), or nothing ("none"). <see cref="Run{T}"/> gives the work a
/// thread-safe callback (steps done, total steps).
/// </summary>
internal static class TrainingProgressDisplay
{
    public static T Run<T>(string mode, string description, Func<Action<long, long>, T> work)
    {
        switch (mode)
        {
            case "bar":
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                T result = default!;
                console.Progress().AutoClear(true).HideCompleted(true).Start(ctx =>
                {
                    var task = ctx.AddTask(description, maxValue: 1);
                    result = work((done, total) => { task.MaxValue = Math.Max(1, total); task.Value = done; });
                });
                return result;
            case "lines":
                int lastDecile = -1;
                var gate = new object();
                return work((done, total) =>
                {
                    int decile = total > 0 ? (int)(10 * done / total) : 10;
                    lock (gate)
                    {
                        if (decile <= lastDecile) return;
                        lastDecile = decile;
                        Console.Error.WriteLine($"{description}: step {done}/{total}");
                    }
                });
            default:
                return work((_, _) => { });
        }
    }
}
