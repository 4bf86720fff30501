using Kelvin.Reports;
using Kelvin.Reports.Plots;
using Kelvin.Run;
using static Kelvin.Reports.ReportFormat;

namespace Kelvin.Studies;

/// <summary>
/// The merged report of a study folder: report.md, report.html, report.json and one figure per axis
/// (axis_NAME.png: T_I and T_II mean ± SE against the levels), written next to design.json and cells/.
/// Built only from the design and the cell files, in a fixed order, without timings or paths: the
/// same cells give the same bytes, however many processes computed them.
/// </summary>
public static class StudyReport
{
    /// <summary>The report's file names.</summary>
    public const string Markdown = "report.md", Html = "report.html", Json = "report.json";

    /// <summary>The figure file of an axis and a quantity ("T_I" or "T_II").</summary>
    public static string FigureOf(string axis, string quantity) => $"axis_{axis}_{quantity}.png";

    /// <summary>Reads every cell of the folder's design that is present and analyses them.</summary>
    public static StudyAnalysis Analyse(StudyFolder folder)
    {
        var results = new Dictionary<string, CellResult>();
        foreach (var cell in folder.Design.Cells())
            if (folder.Read(cell) is { } r) results[cell.Key] = r;
        return StudyAnalysis.Of(folder.Design, results);
    }

    /// <summary>Writes the report of <paramref name="a"/> into <paramref name="folder"/> (each file
    /// by a temporary name and a rename). Returns the files written.</summary>
    public static IReadOnlyList<string> Write(StudyAnalysis a, StudyFolder folder)
    {
        var files = new List<string>();
        foreach (var axis in a.AllAxes)
            foreach (var (quantity, name, pick) in Quantities)
            {
                string file = FigureOf(axis.Axis, quantity), temp = Path.Combine(folder.Root, $".{file}.tmp-{Environment.ProcessId}.png");
                var points = axis.Levels.Select((l, i) => new StudyPoint(l.X ?? i, l.Level, pick(l)?.Temperature.Value, pick(l)?.StandardError)).ToList();
                StudyAxisPlot.Save([(name, points)], !axis.Numeric, axis.Label, $"{a.Design.Name}: {name} against {axis.Label}", temp);
                File.Move(temp, Path.Combine(folder.Root, file), overwrite: true);
                files.Add(file);
            }
        var doc = Document(a);
        StudyFolder.WriteAtomically(Path.Combine(folder.Root, Json), StudyJson.Write(a));
        StudyFolder.WriteAtomically(Path.Combine(folder.Root, Markdown), MarkdownReportWriter.Write(doc));
        StudyFolder.WriteAtomically(Path.Combine(folder.Root, Html), HtmlReportWriter.Write(doc, folder.Root));
        files.AddRange([Markdown, Html, Json]);
        return files;
    }

    private static readonly (string Quantity, string Name, Func<LevelSummary, Thermodynamics.TemperatureEstimate?> Pick)[] Quantities =
        [("T_I", "training T_I", l => l.Training), ("T_II", "refresh T_II", l => l.Refresh)];

    /// <summary>"particle view", or "the view of the view axis: particle, ensemble".</summary>
    private static string Views(StudyDesign d) => d.Axes.FirstOrDefault(a => a.Name == "view") is { } axis
        ? $"the view of the view axis: {string.Join(", ", axis.Levels)}"
        : $"{d.Base.View} view";

    /// <summary>The report document.</summary>
    public static ReportDocument Document(StudyAnalysis a)
    {
        var d = a.Design;
        var doc = new ReportDocument($"Kelvin study: {d.Name}");
        var status = a.Missing == 0 ? $"all {a.Cells} cells are in" : $"INCOMPLETE: {a.Missing} of {a.Cells} cells are missing (run the remaining shards, then `kelvin study report` again)";
        doc.Section("Study").Paragraph(
            $"kelvin {RunPipeline.Version}; design {d.Name}, mode {StudyDesign.Mode}: each axis varied with every other factor at the base condition; " +
            $"{d.Seeds} seeds per condition (seeds {d.SeedOf(0)}..{d.SeedOf(d.Seeds - 1)}); {status}.")
            .Paragraph($"Base condition: {d.Base.CanonicalJson()}")
            .Paragraph("Each cell trains an MLP with SGD on the dataset (the training transition, T_I = ΔE/ΔS from initialization to the trained state), " +
                       "shifts the data and refreshes it (the refresh transition, T_II). Entropies in nats (" + Views(d) + "), energies in loss units on the training " +
                       "split's evaluation set, temperatures in loss units per nat; test scores are on the held-out split.");

        var verdicts = doc.Section("Verdicts");
        foreach (var axis in a.AllAxes)
        {
            verdicts.Paragraph(axis.Training.Verdict + ".");
            verdicts.Paragraph(axis.Refresh.Verdict + ".");
        }

        foreach (var axis in a.AllAxes)
        {
            var table = new ReportTable(axis.Label, "cells", "T_I ± SE", "T_II ± SE", "T_l (training) per layer", "test score ± SE");
            foreach (var l in axis.Levels)
                table.Row(l.Level, l.Cells.ToString(System.Globalization.CultureInfo.InvariantCulture), T(l.Training), T(l.Refresh),
                          string.Join("; ", l.Layers.Select(x => $"{x.Layer} {T(x.Temperature)}")),
                          l.Score is { } s ? WithError(s.Value, s.StdErr) : "—");
            doc.Section($"Axis: {axis.Label}")
                .Table(table)
                .Figure(FigureOf(axis.Axis, "T_I"), $"training T_I (ratio of the seeds' mean ΔE and ΔS, ±1 jackknife SE over seeds) against {axis.Label}")
                .Paragraph(Detail(axis.Training))
                .Figure(FigureOf(axis.Axis, "T_II"), $"refresh T_II after the shift (same estimate) against {axis.Label}")
                .Paragraph(Detail(axis.Refresh));
        }

        doc.Section("Method").Paragraph(
            $"Per level, T = mean ΔE / mean ΔS over the seeds with the delete-one jackknife SE (sign not resolved when the 95% interval of ΔE or ΔS includes 0). " +
            $"Per numeric axis, Spearman's ρ between the level and each cell's T (average ranks for ties; cells with a degenerate T left out), " +
            $"its 95% interval from {RankStatistics.Replicates} bootstrap replicates resampling seeds (a seed's cells stay together), and a permutation p-value over " +
            $"{RankStatistics.Replicates} shuffles. The verdict says \"rises\" or \"falls\" only when the interval excludes 0, else \"no monotone relation\". " +
            $"A categorical axis (dataset) is tested by the Kruskal–Wallis H of the cells' T across levels with a permutation p (differs when p < {StudyVerdict.Alpha}).");
        return doc;
    }

    private static string T(Thermodynamics.TemperatureEstimate? t) => t is null ? "—" : Temperature(t);

    private static string Detail(AxisTest t) =>
        $"{t.Quantity}: {t.Verdict} ({t.N} cells with a finite {t.Quantity}).";
}
