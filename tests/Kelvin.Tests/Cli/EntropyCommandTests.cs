using System.Text.Json;

namespace Kelvin.Tests.Cli;

[Collection("Console")]
public class EntropyCommandTests
{
    [Fact]
    public void JsonHasExactlyTheContractShape()
    {
        var (exit, stdout, _) = CliHarness.Run("entropy", "--dist", "normal", "--n", "2000", "--seed", "3", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["n", "exact", "estimates"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2000, root.GetProperty("n").GetInt32());
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E), root.GetProperty("exact").GetDouble(), 12);
        Assert.Equal(["gaussian", "vasicek", "ebrahimi", "knn", "histogram"], root.GetProperty("estimates").EnumerateObject().Select(p => p.Name));
        foreach (var p in root.GetProperty("estimates").EnumerateObject()) Assert.InRange(p.Value.GetDouble(), 1.3, 1.55);
    }

    [Fact]
    public void SameSeedSameOutput()
    {
        var a = CliHarness.Run("entropy", "--dist", "mixed", "--n", "500", "--seed", "9", "--json");
        var b = CliHarness.Run("entropy", "--dist", "mixed", "--n", "500", "--seed", "9", "--json");
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void CsvColumnGivesNullExactAndATableWithoutJson()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kelvin-entropy-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["id,w", .. Enumerable.Range(0, 300).Select(i => $"{i},{Math.Sin(i * 1.7):R}")]);
        try
        {
            var (exit, stdout, _) = CliHarness.Run("entropy", path, "--column", "w", "--json");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(stdout);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("exact").ValueKind);
            Assert.Equal(300, doc.RootElement.GetProperty("n").GetInt32());
            var table = CliHarness.Run("entropy", path, "--column", "w");
            Assert.Equal(0, table.Exit);
            Assert.Contains("knn", table.Out);
            Assert.Contains("histogram", table.Out);
        }
        finally { File.Delete(path); }
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["entropy", "/nonexistent/kelvin.csv", "--column", "w"], "file not found" },
        { ["entropy", "--dist", "cauchy"], "unknown distribution" },
        { ["entropy", "--dist", "normal", "--n", "1"], "--n must be at least 2" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsOneLineOnStderrAndANonZeroExit(string[] args, string message)
    {
        var (exit, stdout, stderr) = CliHarness.Run(args);
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("id,w\n1,0.5\n2,nan\n3,1.5\n", "w", "line 3")]
    [InlineData("id,w\n1,0.5\n2,0.7\n", "v", "no column 'v'")]
    [InlineData("id,w\n1,0.5\n2,0.5\n3,0.5\n", "w", "2 distinct")]
    [InlineData("id,w\n1,0.5\n2,abc\n", "w", "not a number")]
    public void BadCsvContentIsOneLineOnStderr(string content, string column, string message)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kelvin-entropy-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        try
        {
            var (exit, stdout, stderr) = CliHarness.Run("entropy", path, "--column", column);
            Assert.NotEqual(0, exit);
            Assert.Equal("", stdout);
            Assert.Contains(message, stderr);
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally { File.Delete(path); }
    }
}
