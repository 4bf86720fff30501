using Kelvin.Studies;

namespace Kelvin.Tests.Studies;

public class StudyDesignTests
{
    private const string Yaml = """
        name: tiny
        seeds: 5
        seed: 3
        base:
          dataset: iris
          width: 4
          depth: 1
          epochs: 2
          batch: 16
          evaluation_size: 64
          checkpoint_every: 2
        axes:
          label_noise: [0, 0.2, 0.4]
        """;

    [Fact]
    public void Yaml_and_json_give_the_same_design_and_the_same_cells()
    {
        var fromYaml = StudyDesignFile.Parse(Yaml, yaml: true, "x");
        var fromJson = TinyStudy.Design;
        Assert.Equal(StudyDesignFile.Canonical(fromJson), StudyDesignFile.Canonical(fromYaml));
        Assert.Equal(fromJson.Cells().Select(c => c.Key), fromYaml.Cells().Select(c => c.Key));
        Assert.Equal(15, fromJson.Cells().Count);
        // the canonical design.json reads back to itself
        var again = StudyDesignFile.Parse(StudyDesignFile.Canonical(fromJson), yaml: false, "y");
        Assert.Equal(StudyDesignFile.Canonical(fromJson), StudyDesignFile.Canonical(again));
    }

    [Fact]
    public void The_base_condition_shared_by_two_axes_is_one_cell()
    {
        var d = StudyCatalog.Find("data", quick: true)!;
        // label noise 0 and train fraction 1 are both the base condition
        int conditions = d.Axes.Sum(a => a.Levels.Count);
        Assert.Equal((conditions - 2) * d.Seeds, d.Cells().Count);
    }

    [Theory]
    [InlineData("name: x\nseeds: 4\naxes:\n  width: [8, 16]\n", "at least 5 seeds")]
    [InlineData("name: x\naxes:\n  colour: [1, 2]\n", "unknown study axis 'colour'")]
    [InlineData("name: x\naxes:\n  width: [8]\n", "at least 2 levels")]
    [InlineData("name: x\nbase:\n  widht: 8\naxes:\n  width: [8, 16]\n", "study settings")]
    [InlineData("name: x\nfoo: 1\naxes:\n  width: [8, 16]\n", "unknown field 'foo'")]
    [InlineData("name: x\naxes:\n  label_noise: [0, 1.5]\n", "label_noise must lie in [0, 1)")]
    [InlineData("name: [x\n", "design file:")]
    public void A_bad_design_is_a_one_line_error(string yaml, string message)
    {
        var e = Assert.Throws<KelvinException>(() => StudyDesignFile.Parse(yaml, yaml: true, "x"));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_folder_holding_another_design_is_refused()
    {
        string dir = TinyStudy.NewFolder();
        try
        {
            StudyFolder.Open(dir, TinyStudy.Design);
            StudyFolder.Open(dir, TinyStudy.Design); // the same design: fine
            var e = Assert.Throws<KelvinException>(() => StudyFolder.Open(dir, TinyStudy.Design with { Seeds = 6 }));
            Assert.Contains("another study design", e.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Label_noise_flips_about_p_of_the_labels_to_other_classes()
    {
        var data = Kelvin.Data.BundledDatasets.Load("digits");
        var noisy = CellRunner.WithLabelNoise(data, 0.3, 7);
        double flipped = Enumerable.Range(0, data.Count).Count(i => noisy.Labels![i] != data.Labels![i]) / (double)data.Count;
        Assert.InRange(flipped, 0.25, 0.35);
        Assert.Equal(data.Features, noisy.Features);
        Assert.Equal(noisy.Labels, CellRunner.WithLabelNoise(data, 0.3, 7).Labels);
    }
}
