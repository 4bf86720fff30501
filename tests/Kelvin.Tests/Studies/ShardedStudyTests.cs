using System.Text.Json;
using Kelvin.Studies;

namespace Kelvin.Tests.Studies;

/// <summary>The scale-out contract: shards started as a Slurm job array fill one folder whose merged
/// report is byte-identical to the in-process run; a killed or cancelled shard, rerun, gives the same
/// report; no two shards write the same cell.</summary>
public class ShardedStudyTests
{
    [Fact]
    public void Four_slurm_shards_merge_to_the_in_process_report_byte_for_byte()
    {
        string root = TinyStudy.NewFolder();
        try
        {
            string design = TinyStudy.DesignFile(root);
            var expected = TinyStudy.ReportFiles(TinyStudy.RunInProcess(Path.Combine(root, "in-process")).Root);

            string shared = Path.Combine(root, "sharded");
            var processes = Enumerable.Range(0, 4).Select(i => TinyStudy.Start(
                new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = i.ToString(), ["SLURM_ARRAY_TASK_COUNT"] = "4" },
                "study", design, "--out", shared, "--jobs", "1", "--json")).ToList();
            var summaries = processes.Select(TinyStudy.Finish).Select(s => JsonDocument.Parse(s).RootElement).ToList();

            // each shard says which shard it was and how many cells it computed: together exactly the design's cells
            Assert.Equal(["0/4", "1/4", "2/4", "3/4"], summaries.Select(s => s.GetProperty("shard").GetString()));
            var cells = TinyStudy.Design.Cells();
            Assert.Equal(cells.Count, summaries.Sum(s => s.GetProperty("computed").GetInt32()));
            Assert.Equal(cells.Count, Directory.GetFiles(Path.Combine(shared, "cells"), "*.json").Length);
            Assert.Empty(Directory.GetFiles(Path.Combine(shared, "cells"), ".*"));

            TinyStudy.Finish(TinyStudy.Start(new Dictionary<string, string>(), "study", "report", shared));
            var merged = TinyStudy.ReportFiles(shared);
            Assert.Equal(expected.Keys, merged.Keys);
            Assert.Contains("report.html", merged.Keys);
            foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(merged[name]), $"{name} differs");
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_shard_killed_mid_cell_and_rerun_gives_the_same_report()
    {
        string root = TinyStudy.NewFolder();
        try
        {
            // digits: cells slow enough that the process is killed with cells still to do
            var design = TinyStudy.DesignOn("digits");
            var expected = TinyStudy.ReportFiles(TinyStudy.RunInProcess(Path.Combine(root, "clean"), dataset: "digits").Root);

            // a separate process killed (SIGKILL) after its first cell is written, with the next in flight
            string killed = Path.Combine(root, "killed");
            var p = TinyStudy.Start(new Dictionary<string, string>(), "study", TinyStudy.DesignFile(root, "digits"), "--out", killed, "--jobs", "1");
            var cells = Path.Combine(killed, "cells");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!(Directory.Exists(cells) && Directory.GetFiles(cells, "*.json").Length > 0) && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(2);
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            int before = Directory.GetFiles(cells, "*.json").Length;
            Assert.InRange(before, 1, design.Cells().Count - 1); // killed with cells still to do

            var folder = StudyFolder.Open(killed, design);
            int computed = StudyRunner.Run(folder, StudyShard.All, jobs: 2);
            Assert.Equal(design.Cells().Count - before, computed);
            StudyReport.Write(StudyReport.Analyse(folder), folder);
            AssertSame(expected, TinyStudy.ReportFiles(killed));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_cancelled_run_writes_only_whole_cells_and_a_rerun_completes_it_identically()
    {
        string root = TinyStudy.NewFolder();
        try
        {
            var expected = TinyStudy.ReportFiles(TinyStudy.RunInProcess(Path.Combine(root, "clean")).Root);
            var folder = StudyFolder.Open(Path.Combine(root, "cancelled"), TinyStudy.Design);
            using var cancel = new CancellationTokenSource();
            Assert.ThrowsAny<OperationCanceledException>(() =>
                StudyRunner.Run(folder, StudyShard.All, jobs: 2, p => { if (!p.Skipped) cancel.Cancel(); }, cancel.Token));
            var written = Directory.GetFiles(folder.CellsDirectory);
            Assert.InRange(written.Length, 1, TinyStudy.Design.Cells().Count - 1);
            Assert.All(written, f => Assert.EndsWith(".json", f));
            Assert.All(written, f => CellResult.FromJson(File.ReadAllText(f), f));

            int computed = StudyRunner.Run(folder, StudyShard.All, jobs: 1);
            Assert.Equal(TinyStudy.Design.Cells().Count - written.Length, computed);
            StudyReport.Write(StudyReport.Analyse(folder), folder);
            AssertSame(expected, TinyStudy.ReportFiles(folder.Root));
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void Shards_partition_the_cells()
    {
        var cells = Kelvin.Studies.StudyCatalog.Find("data", quick: false)!.Cells();
        foreach (int n in new[] { 1, 3, 4, 7 })
        {
            var owners = cells.Select(c => Enumerable.Range(0, n).Count(i => new StudyShard(i, n).Owns(c.Index))).ToList();
            Assert.All(owners, o => Assert.Equal(1, o));
        }
        Assert.Equal(cells.Count, cells.Select(c => c.Key).Distinct().Count());
    }

    private static void AssertSame(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }
}
