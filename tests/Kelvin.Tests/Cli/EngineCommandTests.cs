using System.Text.Json;

namespace Kelvin.Tests.Cli;

[Collection("Console")]
public class EngineCommandTests
{
    [Fact]
    public void ActivationJsonCarriesTheContractFields()
    {
        var (exit, stdout, _) = CliHarness.Run("engine", "--activation", "relu", "--points", "5", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var relu = doc.RootElement.GetProperty("activations")[0];
        Assert.Equal("relu", relu.GetProperty("name").GetString());
        Assert.Equal("A", relu.GetProperty("type").GetString());
        Assert.Equal(0.25 - 1 / (2 * Math.PI), relu.GetProperty("efficiency_at_1").GetDouble(), 1e-9);
        Assert.Equal(JsonValueKind.Null, relu.GetProperty("q_opt").ValueKind);
        Assert.Equal(Math.Sqrt(2), relu.GetProperty("critical_gain").GetDouble(), 1e-6);
        Assert.Equal(5, relu.GetProperty("curve").GetArrayLength());
    }

    [Fact]
    public void GeluAndSiluHaveANullCriticalGainWithAReasonAndTheLimitApart()
    {
        var (exit, stdout, stderr) = CliHarness.Run("engine", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var byName = doc.RootElement.GetProperty("activations").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!);
        foreach (string name in new[] { "gelu", "silu" })
        {
            var a = byName[name];
            Assert.Equal(JsonValueKind.Null, a.GetProperty("critical_gain").ValueKind);
            Assert.Contains("χ(q*) > 1", a.GetProperty("critical_gain_reason").GetString());
            Assert.Equal(2, a.GetProperty("critical_gain_limit_q0").GetDouble(), 1e-12);
            Assert.Equal(JsonValueKind.Null, a.GetProperty("critical_fixed_point").ValueKind);
            Assert.Equal("unstable", a.GetProperty("q_opt_fixed_point").GetProperty("stability").GetString());
        }
        var relu = byName["relu"];
        Assert.Equal(JsonValueKind.Null, relu.GetProperty("critical_gain_reason").ValueKind);
        Assert.Equal("marginal", relu.GetProperty("critical_fixed_point").GetProperty("stability").GetString());
        Assert.Equal(0.6905, byName["selu"].GetProperty("critical_gain_limit_q0").GetDouble(), 4);
    }

    [Fact]
    public void TrainJsonHasTheTrainedAndTheInitialNetwork()
    {
        var (exit, stdout, stderr) = CliHarness.Run("engine", "--train", "--data", "iris", "--hidden", "16,16", "--activation", "relu/tanh",
                                                    "--epochs", "2", "--progress", "none", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        foreach (string key in new[] { "network", "network_init" })
        {
            var net = doc.RootElement.GetProperty(key);
            Assert.Equal("B", net.GetProperty("type").GetString());
            Assert.True(net.GetProperty("efficiency").GetDouble() > 0);
            Assert.Equal(["dense2"], net.GetProperty("type_b_layers").EnumerateArray().Select(e => e.GetString()));
            var layers = net.GetProperty("layers").EnumerateArray().ToList();
            Assert.Equal(["dense1", "dense2"], layers.Select(l => l.GetProperty("name").GetString()));
            Assert.Equal(0.25 - 1 / (2 * Math.PI), layers[0].GetProperty("eta_mean_field").GetDouble(), 1e-9);
            Assert.All(layers, l =>
            {
                Assert.True(l.GetProperty("q").GetDouble() > 0);
                Assert.True(l.GetProperty("eta_measured").GetDouble() > 0);
            });
        }
        Assert.NotEqual(doc.RootElement.GetProperty("network").GetProperty("efficiency").GetDouble(),
                        doc.RootElement.GetProperty("network_init").GetProperty("efficiency").GetDouble());
    }

    [Fact]
    public void TrainTableNamesTheTypeBLayer()
    {
        var (exit, stdout, stderr) = CliHarness.Run("engine", "--train", "--data", "iris", "--hidden", "8,8", "--activation", "relu/tanh", "--epochs", "1", "--progress", "none");
        Assert.True(exit == 0, stderr);
        Assert.Contains("at initialization", stdout);
        Assert.Contains("after training", stdout);
        Assert.Contains("Type B layers: dense2", stdout);
    }

    [Theory]
    [InlineData("engine --train", "--data is required")]
    [InlineData("engine --train --data iris --activation all", "--activation all")]
    [InlineData("engine --data iris", "need --train")]
    [InlineData("engine --train --data iris --plot x.png", "--plot")]
    public void MisuseIsAOneLineError(string args, string message)
    {
        var (exit, _, stderr) = CliHarness.Run(args.Split(' '));
        Assert.Equal(1, exit);
        Assert.Contains(message, stderr);
    }
}
