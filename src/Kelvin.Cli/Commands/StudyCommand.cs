using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kelvin.Cli.Rendering;
using Kelvin.Studies;

namespace Kelvin.Cli.Commands;

/// <summary>`kelvin study`: a grid of conditions × seeds, run in-process or as shards of a cluster job,
/// merged into one report with a computed verdict per axis.</summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("study") { Description = $"a built-in study ({string.Join(", ", StudyCatalog.Names)}) or a design file (.yaml, .yml, .json)" };
        var outDir = new Option<string?>("--out") { Description = "results folder (cells, design.json, report) [default: kelvin-study-NAME]" };
        var quick = new Option<bool>("--quick") { Description = "the built-in study's small variant (fewer levels and epochs)" };
        var seeds = new Option<int?>("--seeds") { Description = $"seeds per condition (at least {StudyDesign.MinimumSeeds})" };
        var shard = new Option<string?>("--shard") { Description = "run only shard i of N (i/N); default: SLURM_ARRAY_TASK_ID/COUNT, JOB_COMPLETION_INDEX/KELVIN_SHARD_COUNT, or all cells" };
        var jobs = new Option<int>("--jobs") { Description = "cells run in parallel in this process", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "print report.json (or, for one shard of several, the shard's summary) instead of text" };
        var command = new Command("study", "Test whether temperature tracks a factor: conditions × seeds (in-process or sharded on a cluster), T ± SE per level, Spearman ρ with a bootstrap interval, a verdict per axis.")
        {
            name, outDir, quick, seeds, shard, jobs, json, Report(),
        };
        command.SetAction(parse =>
        {
            var design = StudyCatalog.Resolve(parse.GetValue(name)!, parse.GetValue(quick), parse.GetValue(seeds));
            var part = StudyShard.Resolve(parse.GetValue(shard), Environment.GetEnvironmentVariable);
            var folder = StudyFolder.Open(parse.GetValue(outDir) ?? $"kelvin-study-{design.Name}", design);
            bool asJson = parse.GetValue(json);
            var clock = Stopwatch.StartNew();
            int computed = StudyProgressDisplay.Run(!Console.IsOutputRedirected && !asJson, $"{design.Name} shard {part}", design.Base,
                progress => StudyRunner.Run(folder, part, parse.GetValue(jobs), asJson ? null : progress));
            if (part.Count > 1)
            {
                string note = $"shard {part}: {computed} cells computed in {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s; " +
                              $"merge when every shard is done: kelvin study report {folder.Root}";
                if (asJson) JsonOutput.Write(new { shard = part.ToString(), computed, folder = folder.Root });
                else Console.Out.WriteLine(note);
                return 0;
            }
            return Publish(folder, asJson, clock.Elapsed);
        });
        return command;
    }

    private static Command Report()
    {
        var dir = new Argument<string>("folder") { Description = "a study results folder (with design.json and cells/)" };
        var json = new Option<bool>("--json") { Description = "print report.json instead of the verdicts" };
        var command = new Command("report", "Merge the cells of a study folder (written by any number of shards) into report.md, report.html, report.json and figures.") { dir, json };
        command.SetAction(parse => Publish(StudyFolder.Existing(parse.GetValue(dir)!), parse.GetValue(json), null));
        return command;
    }

    /// <summary>Writes the merged report and prints the verdicts (or report.json).</summary>
    private static int Publish(StudyFolder folder, bool asJson, TimeSpan? elapsed)
    {
        var analysis = StudyReport.Analyse(folder);
        StudyReport.Write(analysis, folder);
        if (asJson)
        {
            Console.Out.Write(File.ReadAllText(Path.Combine(folder.Root, StudyReport.Json)));
            return 0;
        }
        Console.Out.WriteLine(analysis.Missing == 0
            ? $"{analysis.Design.Name}: {analysis.Cells} cells"
            : $"{analysis.Design.Name}: INCOMPLETE, {analysis.Missing} of {analysis.Cells} cells missing");
        foreach (var axis in analysis.AllAxes)
        {
            Console.Out.WriteLine($"  {axis.Training.Verdict}");
            Console.Out.WriteLine($"  {axis.Refresh.Verdict}");
        }
        string time = elapsed is TimeSpan t ? $" ({t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)" : "";
        Console.Out.WriteLine($"report: {Path.Combine(folder.Root, StudyReport.Markdown)}{time}");
        return 0;
    }
}
