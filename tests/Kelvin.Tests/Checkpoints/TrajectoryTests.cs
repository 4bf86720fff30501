using System.Text.Json;
using Kelvin.Checkpoints;
using Kelvin.Entropy;
using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Checkpoints;

/// <summary>`kelvin trajectory` on the 10-checkpoint series of the PyTorch CNN (steps 0, 10, …, 90).</summary>
[Collection("Console")]
public class TrajectoryTests
{
    private static string F(string file) => TorchFixtures.PathOf(file);

    [Fact]
    public void A_folder_lists_the_series_in_step_order()
    {
        var series = CheckpointSeries.List(F("series"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 10L * i), series.Select(s => s.Step));
        Assert.Equal(series.Select(s => s.Path), CheckpointSeries.List(F("series/step-*.safetensors")).Select(s => s.Path));
    }

    [Fact]
    public void Logged_losses_give_T_between_consecutive_checkpoints()
    {
        var (code, json, err) = CliHarness.Run("trajectory", F("series"), "--losses", F("losses.csv"), "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        var curve = root.GetProperty("curve").EnumerateArray().ToList();
        Assert.Equal(10, curve.Count);
        Assert.Equal(TorchFixtures.CeInit, curve[0].GetProperty("E").GetDouble());
        Assert.Equal(TorchFixtures.CeTrained, curve[^1].GetProperty("E").GetDouble());
        Assert.Equal(JsonValueKind.Null, curve[0].GetProperty("T").ValueKind);
        for (int i = 1; i < curve.Count; i++)
        {
            double dE = curve[i].GetProperty("E").GetDouble() - curve[i - 1].GetProperty("E").GetDouble();
            double dS = curve[i].GetProperty("S").GetDouble() - curve[i - 1].GetProperty("S").GetDouble();
            Assert.Equal(dE / dS, curve[i].GetProperty("T").GetDouble(), 1e-12);
        }
        // ΔS(t) from the first checkpoint is the same as `compare` of the two ends.
        using var a = TorchFixtures.Open("cnn-init.pt");
        using var b = TorchFixtures.Open("cnn-trained.pt");
        var ends = CheckpointComparison.Compare(a, b, ParameterSelection.Default, new VasicekEntropy());
        Assert.Equal(ends.EntropyChange!.Value, curve[^1].GetProperty("dS").GetDouble(), 1e-9);
        Assert.Equal("negative", root.GetProperty("global").GetProperty("regime").GetString());
    }

    [Fact]
    public void Json_lines_losses_and_a_glob_give_the_same_curve()
    {
        var csv = CliHarness.Run("trajectory", F("series"), "--losses", F("losses.csv"), "--json").Out;
        var (code, jsonl, err) = CliHarness.Run("trajectory", F("series/step-*.safetensors"), "--losses", F("losses.jsonl"), "--json");
        Assert.True(code == 0, err);
        Assert.Equal(csv, jsonl);
    }

    [Fact]
    public void The_model_recomputes_pytorchs_losses_and_gives_T_l_per_segment()
    {
        string dir = Directory.CreateTempSubdirectory("kelvin-series").FullName;
        try
        {
            foreach (var step in new[] { "000", "010", "020" })
                File.Copy(F($"series/step-{step}.safetensors"), Path.Combine(dir, $"step-{step}.safetensors"));
            var (code, json, err) = CliHarness.Run("trajectory", dir, "--model", F("cnn-trained.onnx"), "--data", F("eval.npz"), "--json", "--out", Path.Combine(dir, "out"));
            Assert.True(code == 0, err);
            var root = JsonDocument.Parse(json).RootElement;
            var logged = CliHarness.Run("trajectory", F("series"), "--losses", F("losses.csv"), "--json").Out;
            var pytorch = JsonDocument.Parse(logged).RootElement.GetProperty("curve");
            var curve = root.GetProperty("curve");
            for (int i = 0; i < 3; i++)
            {
                double e = curve[i].GetProperty("E").GetDouble(), p = pytorch[i].GetProperty("E").GetDouble();
                Assert.True(Math.Abs(e - p) <= 1e-5 * p, $"checkpoint {i}: Kelvin {e}, PyTorch {p}");
            }
            var fc = root.GetProperty("layer_curves").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "fc").GetProperty("points");
            Assert.Equal([10L, 20L], fc.EnumerateArray().Select(p => p.GetProperty("step").GetInt64()));
            foreach (var p in fc.EnumerateArray())
                Assert.Equal(p.GetProperty("dE").GetDouble() / p.GetProperty("dS").GetDouble(), p.GetProperty("T").GetDouble(), 1e-12);
            double sum = root.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("dE").GetDouble());
            double de = curve[2].GetProperty("E").GetDouble() - curve[0].GetProperty("E").GetDouble();
            Assert.True(Math.Abs(sum - de) <= 0.01 * Math.Abs(de), $"Σ ΔE_l = {sum}, ΔE = {de}");
            foreach (var png in new[] { "entropy.png", "temperature.png", "layer-temperatures.png" })
                Assert.True(new FileInfo(Path.Combine(dir, "out", png)).Length > 1000, png);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_single_checkpoint_or_a_missing_loss_is_one_clear_error()
    {
        var (code, _, err) = CliHarness.Run("trajectory", F("series/step-000.*"));
        Assert.Equal(1, code);
        Assert.Contains("at least 2", err);
        string dir = Directory.CreateTempSubdirectory("kelvin-losses").FullName;
        try
        {
            string log = Path.Combine(dir, "log.csv");
            File.WriteAllText(log, "step,loss\n0,2.3\n");
            (code, _, err) = CliHarness.Run("trajectory", F("series"), "--losses", log);
            Assert.Equal(1, code);
            Assert.Contains("no loss for step-010.safetensors (step 10)", err);
        }
        finally { Directory.Delete(dir, true); }
    }
}
