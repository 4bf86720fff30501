namespace Kelvin.Studies;

/// <summary>One finished (or skipped) cell, for progress displays.</summary>
/// <param name="Cell">the cell.</param>
/// <param name="Done">cells of this shard finished so far, including ones found finished.</param>
/// <param name="Total">cells of this shard.</param>
/// <param name="Seconds">wall time of the cell (0 when it was already in the folder).</param>
/// <param name="Skipped">true when the cell was already in the folder.</param>
public sealed record CellProgress(StudyCell Cell, int Done, int Total, double Seconds, bool Skipped = false);

/// <summary>
/// Runs a shard of a study into its folder: the shard's cells not yet in the folder, in parallel on
/// up to <c>jobs</c> threads (each cell is independent and seeded, so the results do not depend on
/// the thread count or the order cells finish in). A cell is written only when it is complete; a
/// rerun skips the cells already written, so an interrupted shard loses only the cells in flight.
/// </summary>
public static class StudyRunner
{
    /// <summary>Runs <paramref name="shard"/>'s cells of <paramref name="folder"/>'s design. Returns the
    /// number of cells computed (not counting those already done).</summary>
    public static int Run(StudyFolder folder, StudyShard shard, int jobs, Action<CellProgress>? progress = null, CancellationToken cancel = default)
    {
        if (jobs < 1) throw new KelvinException($"--jobs must be at least 1 (got {jobs})");
        var mine = folder.Design.Cells().Where(c => shard.Owns(c.Index)).ToList();
        var todo = mine.Where(c => !folder.IsDone(c)).ToList();
        int done = mine.Count - todo.Count, computed = 0;
        var gate = new object();
        foreach (var c in mine.Where(folder.IsDone)) progress?.Invoke(new CellProgress(c, done, mine.Count, 0, Skipped: true));
        Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel }, cell =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = CellRunner.Run(cell, cancel);
            folder.Write(result);
            lock (gate)
            {
                done++; computed++;
                progress?.Invoke(new CellProgress(cell, done, mine.Count, clock.Elapsed.TotalSeconds));
            }
        });
        return computed;
    }
}
