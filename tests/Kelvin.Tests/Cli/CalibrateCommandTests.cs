using System.Text.Json;

namespace Kelvin.Tests.Cli;

[Collection("Console")]
public class CalibrateCommandTests
{
    [Fact]
    public void JsonCarriesTheContractFields()
    {
        var (exit, stdout, _) = CliHarness.Run("calibrate", "--d", "3", "--seed", "2", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.Equal(0.5, r.GetProperty("t1").GetDouble());
        Assert.Equal(2.0, r.GetProperty("t2").GetDouble());
        Assert.Equal(1.5 / Math.Log(4), r.GetProperty("expected").GetDouble(), 12);
        Assert.Equal("normal", r.GetProperty("regime").GetString());
        Assert.InRange(r.GetProperty("measured").GetDouble(), 0.9, 1.3);
        var eq = r.GetProperty("equipartition").EnumerateArray().ToList();
        Assert.Equal(2, eq.Count);
        Assert.Equal(0.5, eq[0].GetProperty("t").GetDouble());
        Assert.Equal(1.5 * 0.5, eq[0].GetProperty("expected").GetDouble(), 12);
        Assert.Equal(2.0, eq[1].GetProperty("t").GetDouble());
        Assert.True(eq[1].TryGetProperty("energy", out _));
    }

    [Theory]
    [InlineData("--t1", "0", "--t1 must be")]
    [InlineData("--t2", "-2", "--t2 must be")]
    [InlineData("--d", "0", "--d must be")]
    public void BadSettingsAreOneLineOnStderr(string option, string value, string message)
    {
        var (exit, stdout, stderr) = CliHarness.Run("calibrate", option, value);
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
