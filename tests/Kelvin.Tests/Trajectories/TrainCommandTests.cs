using System.Text.Json;
using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Trajectories;

[Collection("Console")]
public class TrainCommandTests
{
    private static (int Code, string Out, string Err) Kelvin(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void TrainJsonHasTheSpecifiedShape()
    {
        var (code, json, _) = Kelvin("train", "--data", "iris", "--hidden", "8", "--epochs", "3", "--every", "4", "--json", "--progress", "none");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["accuracy", "global", "layers", "allocation_residual", "isothermality", "curve"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["E_init", "E_trained", "S_init", "S_trained", "T", "regime"], root.GetProperty("global").EnumerateObject().Select(p => p.Name));
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["dense1", "dense2"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(["name", "dE", "dS", "T", "regime", "heated"], layers[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["step", "E", "S", "T"], root.GetProperty("curve")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("curve")[0].GetProperty("T").ValueKind);
    }

    [Fact]
    public void ShiftAddsTheRefreshAndOutWritesTheCurves()
    {
        string dir = Directory.CreateTempSubdirectory("kelvin-shift").FullName;
        try
        {
            var (code, json, _) = Kelvin("shift", "--data", "iris", "--kind", "concept", "--hidden", "8", "--epochs", "3", "--every", "4", "--json", "--progress", "none", "--out", dir);
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(json);
            var refresh = doc.RootElement.GetProperty("refresh");
            Assert.Equal("concept", refresh.GetProperty("kind").GetString());
            Assert.Equal(["E_init", "E_trained", "S_init", "S_trained", "T", "regime"], refresh.GetProperty("global").EnumerateObject().Select(p => p.Name));
            Assert.Equal(2, refresh.GetProperty("layers").GetArrayLength());
            foreach (var f in new[] { "training-curve.csv", "training-temperature.png", "refresh-curve.csv", "refresh-layer-temperatures.png" })
                Assert.True(new FileInfo(Path.Combine(dir, f)).Length > 0, f);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("--data", "nosuch")]
    [InlineData("--data", "iris", "--hidden", "0")]
    [InlineData("--data", "iris", "--lr", "0")]
    [InlineData("--data", "iris", "--lr", "1e30", "--optimizer", "adam")]
    public void BadInputIsOneLineOnStderrAndANonZeroExit(params string[] args)
    {
        var (code, output, err) = Kelvin(["train", .. args, "--json", "--progress", "none"]);
        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
