using System.Text.Json;

namespace Kelvin.Tests.Cli;

[Collection("Console")]
public class CalibrateCommandTests
{
    [Fact]
    public void JsonCarriesTheContractFields()
    {
        var (exit, stdout, _) = CliHarness.Run("calibrate", "--d", "3", "--seed", "2", "--seeds", "2", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal("quadratic", r.GetProperty("potential").GetString());
        Assert.Equal("langevin", r.GetProperty("sampler").GetString());
        Assert.Equal(0.5, r.GetProperty("t1").GetDouble());
        Assert.Equal(2.0, r.GetProperty("t2").GetDouble());
        Assert.Equal(1.5 / Math.Log(4), r.GetProperty("boltzmann_reference").GetDouble(), 12);
        Assert.True(r.GetProperty("expected").GetDouble() > r.GetProperty("boltzmann_reference").GetDouble());
        Assert.Equal("normal", r.GetProperty("regime").GetString());
        Assert.InRange(r.GetProperty("measured").GetDouble(), 0.9, 1.3);
        Assert.Equal(2, r.GetProperty("seed_temperatures").GetArrayLength());
        Assert.True(r.GetProperty("temperature_sd").GetDouble() > 0);
        var states = r.GetProperty("states").EnumerateArray().ToList();
        Assert.Equal(2, states.Count);
        Assert.Equal(0.5, states[0].GetProperty("t").GetDouble());
        Assert.True(states[0].GetProperty("expected_energy").GetDouble() > 1.5 * 0.5); // the discrete chain's E[U] exceeds d·T/2
        Assert.Equal(2.0, states[1].GetProperty("t").GetDouble());
        Assert.True(states[1].TryGetProperty("energy_sd", out _));
    }

    [Fact]
    public void DoubleWellJsonPasses()
    {
        var (exit, stdout, stderr) = CliHarness.Run("calibrate", "--potential", "double-well", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal("double-well", r.GetProperty("potential").GetString());
        Assert.Equal("mala", r.GetProperty("sampler").GetString());
        Assert.Equal(0.01, r.GetProperty("tolerance").GetDouble());
        Assert.True(r.GetProperty("passed").GetBoolean(), stdout);
    }

    [Fact]
    public void EstimatorWithTheQuadraticIsAnError()
    {
        var (exit, _, stderr) = CliHarness.Run("calibrate", "--estimator", "knn");
        Assert.Equal(1, exit);
        Assert.Contains("--estimator applies to double-well and quartic", stderr);
    }

    [Theory]
    [InlineData("--t1", "0", "--t1 must be")]
    [InlineData("--t2", "-2", "--t2 must be")]
    [InlineData("--d", "0", "--d must be")]
    [InlineData("--potential", "cubic", "unknown potential")]
    [InlineData("--seeds", "0", "--seeds must be")]
    public void BadSettingsAreOneLineOnStderr(string option, string value, string message)
    {
        var (exit, stdout, stderr) = CliHarness.Run("calibrate", option, value);
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
