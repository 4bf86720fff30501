using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Studies;

[Collection("Console")]
public class StudyCommandTests
{
    [Theory]
    [InlineData("study", "nosuchstudy")]
    [InlineData("study", "data", "--quick", "--seeds", "3")]
    [InlineData("study", "data", "--quick", "--shard", "4/4")]
    [InlineData("study", "report", "/nonexistent/kelvin-study")]
    [InlineData("study", "missing-design.yaml")]
    public void Bad_input_is_one_line_on_stderr_and_exit_1(params string[] args)
    {
        var (exit, _, err) = CliHarness.Run(args);
        Assert.Equal(1, exit);
        Assert.StartsWith("kelvin: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_design_file_runs_and_prints_its_report_as_json()
    {
        string dir = TinyStudy.NewFolder();
        try
        {
            var (exit, output, err) = CliHarness.Run("study", TinyStudy.DesignFile(dir), "--out", Path.Combine(dir, "out"), "--jobs", "2", "--json");
            Assert.True(exit == 0, err);
            using var json = System.Text.Json.JsonDocument.Parse(output);
            Assert.Equal(15, json.RootElement.GetProperty("cells").GetInt32());
            Assert.Equal(0, json.RootElement.GetProperty("missing").GetInt32());
            var verdict = json.RootElement.GetProperty("axes")[0].GetProperty("T_I").GetProperty("verdict").GetString();
            Assert.Contains("label noise", verdict);
            Assert.DoesNotContain("NaN", output);
            Assert.DoesNotContain("Infinity", output);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
