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
        Assert.Equal(["accuracy", "view", "late_window", "global", "layers", "allocation_residual", "isothermality", "curve"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["E_init", "E_trained", "S_init", "S_trained", "T", "regime", "view", "temperature_se", "se_method", "replicates", "sign_resolved"], root.GetProperty("global").EnumerateObject().Select(p => p.Name));
        Assert.Equal("particle", root.GetProperty("view").GetString());
        // K = 4 members by default: a jackknife across them
        Assert.Equal("members", root.GetProperty("global").GetProperty("se_method").GetString());
        Assert.Equal(4, root.GetProperty("global").GetProperty("replicates").GetInt32());
        var layers = root.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["dense1", "dense2"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(["name", "dE", "dS", "T", "regime", "heated", "view", "temperature_se", "se_method", "sign_resolved"], layers[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["step", "E", "S", "T", "view", "temperature_se"], root.GetProperty("curve")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["step", "E", "S", "T", "regime", "view", "temperature_se", "sign_resolved"], root.GetProperty("curve")[1].EnumerateObject().Select(p => p.Name));
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
            Assert.Equal("particle", refresh.GetProperty("view").GetString());
            Assert.Equal("particle", refresh.GetProperty("global").GetProperty("view").GetString());
            Assert.True(refresh.GetProperty("global").TryGetProperty("temperature_se", out _));
            Assert.Equal(2, refresh.GetProperty("layers").GetArrayLength());
            foreach (var f in new[] { "training-curve.csv", "training-temperature.png", "refresh-curve.csv", "refresh-layer-temperatures.png" })
                Assert.True(new FileInfo(Path.Combine(dir, f)).Length > 0, f);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("particle", "1", "bootstrap")]
    [InlineData("ensemble", "4", "members")]
    [InlineData("thermal", "2", "members")]
    [InlineData("thermal", "1", "bootstrap")]
    public void EveryViewNamesItselfAndCarriesAStandardError(string view, string members, string method)
    {
        var (code, json, err) = Kelvin("train", "--data", "iris", "--hidden", "8", "--epochs", "3", "--every", "2", "--view", view, "--members", members, "--json", "--progress", "none");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(view, root.GetProperty("view").GetString());
        var global = root.GetProperty("global");
        Assert.Equal(view, global.GetProperty("view").GetString());
        Assert.Equal(method, global.GetProperty("se_method").GetString());
        Assert.Equal(JsonValueKind.Number, global.GetProperty("temperature_se").ValueKind);
        Assert.True(global.GetProperty("temperature_se").GetDouble() > 0);
        Assert.All(root.GetProperty("layers").EnumerateArray(), l => Assert.Equal(view, l.GetProperty("view").GetString()));
        // The curve: a single checkpoint has no thermal entropy, so T(t) of the thermal view is read in the particle view.
        Assert.Equal(view == "thermal" ? "particle" : view, root.GetProperty("curve")[1].GetProperty("view").GetString());
        var window = root.GetProperty("late_window");
        Assert.Equal(5, window.GetProperty("iterates").GetInt32());
        Assert.Equal(2, window.GetProperty("thinning").GetInt64());
        Assert.Equal(12, window.GetProperty("to_step").GetInt64());
    }

    [Fact]
    public void TheTableShowsTheViewAndTemperatureWithItsError()
    {
        var (code, output, err) = Kelvin("train", "--data", "iris", "--hidden", "8", "--epochs", "3", "--every", "2", "--view", "thermal", "--progress", "none");
        Assert.True(code == 0, err);
        Assert.Contains("thermal view", output);
        Assert.Contains(" ± ", output);
        Assert.Contains("jackknife across K = 4 members", output);
        Assert.Contains("thermal window", output);
    }

    [Theory]
    [InlineData("--data", "iris", "--view", "ensemble", "--members", "2")]
    [InlineData("--data", "iris", "--view", "gibbs")]
    [InlineData("--data", "iris", "--view", "thermal", "--late", "3")]
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
