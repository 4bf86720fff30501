using System.Text.Json;
using Kelvin.Studies;

namespace Kelvin.Tests.Studies;

/// <summary>The entropy view as a study axis: each cell is read in its own view with the design's
/// members, records the view and its within-cell SE, and the report names the views.</summary>
public class StudyViewTests
{
    private const string Json = """
        {
          "name": "tiny-views",
          "seeds": 5,
          "seed": 3,
          "base": { "dataset": "iris", "width": 4, "depth": 1, "epochs": 2, "batch": 16, "evaluation_size": 64, "checkpoint_every": 2, "members": 4 },
          "axes": { "view": ["particle", "ensemble"] }
        }
        """;

    [Fact]
    public void A_view_axis_runs_each_cell_in_its_view_and_the_report_names_it()
    {
        string dir = TinyStudy.NewFolder();
        try
        {
            var design = StudyDesignFile.Parse(Json, yaml: false, "tiny-views");
            var folder = StudyFolder.Open(dir, design);
            Assert.Equal(10, StudyRunner.Run(folder, StudyShard.All, jobs: 2));
            var cells = Directory.GetFiles(Path.Combine(dir, "cells"), "*.json")
                .Select(f => CellResult.FromJson(File.ReadAllText(f), f)).ToList();
            Assert.Equal(5, cells.Count(c => c.View == "particle"));
            Assert.Equal(5, cells.Count(c => c.View == "ensemble"));
            foreach (var c in cells)
            {
                Assert.Equal(c.Settings.View, c.View);
                Assert.Equal("members", c.Training.Uncertainty); // K = 4: the members' jackknife (leave-one-out in the ensemble view)
                if (c.Training.Temperature is not null) Assert.True(c.Training.StandardError > 0, $"{c.Key}: no SE");
            }
            // Same seed, different view: the same training (energies, up to the order of the members' mean), a different entropy change.
            var particle = cells.Where(c => c.View == "particle").OrderBy(c => c.Seed).ToList();
            var ensemble = cells.Where(c => c.View == "ensemble").OrderBy(c => c.Seed).ToList();
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(particle[i].Training.EnergyChange, ensemble[i].Training.EnergyChange, 1e-12);
                Assert.NotEqual(particle[i].Training.EntropyChange, ensemble[i].Training.EntropyChange);
            }

            var analysis = StudyReport.Analyse(folder);
            StudyReport.Write(analysis, folder);
            string md = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Contains("the view of the view axis: particle, ensemble", md);
            Assert.Contains("view", analysis.Axes.Single().Training.Verdict);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
            var levels = json.RootElement.GetProperty("axes")[0].GetProperty("levels");
            Assert.Equal(["particle", "ensemble"], levels.EnumerateArray().Select(l => l.GetProperty("T_I").GetProperty("view").GetString()));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("ensemble", 1, "members ≥ 4")]
    [InlineData("gaussian", 4, "particle, ensemble or thermal")]
    [InlineData("warm", 4, "unknown entropy view")]
    public void A_view_the_cell_cannot_measure_is_refused_in_one_line(string view, int members, string message)
    {
        var e = Assert.Throws<KelvinException>(() => new StudySettings(Members: members, View: view).Validated());
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_thermal_cell_reads_the_late_iterates_of_each_member()
    {
        var settings = new StudySettings(Dataset: "iris", Width: 4, Depth: 1, Epochs: 2, Batch: 16, EvaluationSize: 64, CheckpointEvery: 2, Members: 2, View: "thermal");
        var r = CellRunner.Run(new StudyCell(0, settings, 3));
        Assert.Equal("thermal", r.View);
        Assert.Equal("members", r.Training.Uncertainty);
        Assert.NotNull(r.Training.EntropyChange);
    }
}
