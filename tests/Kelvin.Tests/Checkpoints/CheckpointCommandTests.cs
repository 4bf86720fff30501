using System.CommandLine;
using System.Text.Json;
using Kelvin.Cli;
using Kelvin.Cli.Commands;
using Kelvin.Checkpoints;
using Kelvin.Entropy;
using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Checkpoints;

/// <summary>`kelvin compare` and `kelvin inspect`, run in-process with stdout captured.</summary>
[Collection("Console")]
public class CheckpointCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliHarness.Run(args);

    private static string F(string file) => CheckpointFixtures.PathOf(file);

    [Fact]
    public void Compare_json_has_the_issue_shape_and_the_library_numbers()
    {
        var (code, json, err) = Run("compare", F("mlp-init.safetensors"), F("mlp-trained.onnx"), "--json",
            "--energy-before", CheckpointFixtures.EnergyInit.ToString("R"), "--energy-after", CheckpointFixtures.EnergyTrained.ToString("R"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(json);
        var layers = doc.RootElement.GetProperty("layers");
        Assert.Equal(3, layers.GetArrayLength());
        var first = layers[0];
        Assert.Equal(["name", "n", "S_before", "S_after", "dS"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("fc1.weight", first.GetProperty("name").GetString());
        Assert.Equal(128, first.GetProperty("n").GetInt64());

        using var a = CheckpointFixtures.Open("mlp-init.safetensors");
        using var b = CheckpointFixtures.Open("mlp-trained.onnx");
        var expected = CheckpointComparison.Compare(a, b, ParameterSelection.Default, new VasicekEntropy(), CheckpointFixtures.EnergyInit, CheckpointFixtures.EnergyTrained);
        var global = doc.RootElement.GetProperty("global");
        Assert.Equal(expected.EntropyChange!.Value, global.GetProperty("dS").GetDouble(), 1e-9);
        Assert.Equal(expected.Transition!.Temperature.Value!.Value, global.GetProperty("T").GetDouble(), 1e-12);
        // Training released energy while the weights spread out: a negative temperature.
        Assert.True(global.GetProperty("T").GetDouble() < 0);
        Assert.Equal("negative", global.GetProperty("regime").GetString());
        Assert.Equal(JsonValueKind.Null, global.GetProperty("note").ValueKind);
    }

    [Fact]
    public void Compare_without_energies_gives_null_T_and_says_why()
    {
        var (code, json, _) = Run("compare", F("mlp-init.npz"), F("mlp-trained.npz"), "--json");
        Assert.Equal(0, code);
        var global = JsonDocument.Parse(json).RootElement.GetProperty("global");
        Assert.Equal(JsonValueKind.Null, global.GetProperty("T").ValueKind);
        Assert.Contains("no energies", global.GetProperty("note").GetString());
    }

    [Fact]
    public void Compare_of_a_checkpoint_with_itself_is_no_transition()
    {
        var (code, json, _) = Run("compare", F("mlp-trained.npz"), F("mlp-trained.safetensors"), "--json", "--energy-before", "0.5", "--energy-after", "0.5");
        Assert.Equal(0, code);
        var global = JsonDocument.Parse(json).RootElement.GetProperty("global");
        Assert.Equal(0.0, global.GetProperty("dS").GetDouble());
        Assert.Equal(JsonValueKind.Null, global.GetProperty("T").ValueKind);
        Assert.Equal("no-transition", global.GetProperty("regime").GetString());
    }

    [Fact]
    public void Compare_writes_a_plot_and_a_table()
    {
        string png = Path.Combine(Path.GetTempPath(), $"kelvin-layers-{Guid.NewGuid():N}.png");
        try
        {
            var (code, text, err) = Run("compare", F("mlp-init.onnx"), F("mlp-trained.onnx"), "--plot", png);
            Assert.True(code == 0, err);
            Assert.Contains("fc2.weight", text);
            Assert.True(new FileInfo(png).Length > 1000);
        }
        finally { File.Delete(png); }
    }

    [Fact]
    public void Errors_are_one_line_and_exit_non_zero()
    {
        var (code, _, err) = Run("compare", F("mlp-init.safetensors"), F("fc2-weight.npy"));
        Assert.Equal(1, code);
        Assert.Contains("layer sets differ", err);
        Assert.Single(err.Trim().Split('\n'));
        (code, _, err) = Run("compare", F("mlp-init.safetensors"), F("mlp-trained.safetensors"), "--energy-before", "1");
        Assert.Equal(1, code);
        Assert.Contains("both energies", err);
    }

    [Fact]
    public void Inspect_lists_tensors_roles_and_entropies()
    {
        var (code, json, err) = Run("inspect", F("mlp-trained.safetensors"), "--json", "--include", "*.bias");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("safetensors", root.GetProperty("format").GetString());
        Assert.Equal("particle", root.GetProperty("view").GetString());
        Assert.Equal("8-16-16-3", root.GetProperty("metadata").GetProperty("architecture").GetString());
        var tensors = root.GetProperty("tensors").EnumerateArray().ToList();
        Assert.Equal(6, tensors.Count);
        Assert.All(tensors, t => Assert.Equal("weight", t.GetProperty("role").GetString()));
        var bias = tensors.Single(t => t.GetProperty("name").GetString() == "fc1.bias");
        Assert.Equal("--include *.bias", bias.GetProperty("reason").GetString());
        Assert.Equal(16 * bias.GetProperty("h").GetDouble(), bias.GetProperty("S").GetDouble(), 1e-9);
    }

    [Fact]
    public void A_Kelvin_run_reopens_with_compare_and_gets_layer_temperatures()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"kelvin-run-{Guid.NewGuid():N}");
        try
        {
            var (code, _, err) = Run("train", "--data", "iris", "--hidden", "8", "--epochs", "3", "--every", "4", "--progress", "none", "--out", dir);
            Assert.True(code == 0, err);
            string init = Path.Combine(dir, "init.safetensors"), trained = Path.Combine(dir, "trained.safetensors");
            var (c2, json, err2) = Run("compare", init, trained, "--json");
            Assert.True(c2 == 0, err2);
            var root = JsonDocument.Parse(json).RootElement;
            var layers = root.GetProperty("layers").EnumerateArray().ToList();
            Assert.Equal(["dense1.weight", "dense2.weight"], layers.Select(l => l.GetProperty("name").GetString()));
            Assert.Equal(["name", "n", "S_before", "S_after", "dS", "dE", "T", "regime", "heated", "view", "temperature_se", "se_method"], layers[0].EnumerateObject().Select(p => p.Name));
            // Checkpoints: the particle view only, said in the JSON; two single models give no SE.
            Assert.Equal("particle", root.GetProperty("view").GetString());
            Assert.Equal("particle", layers[0].GetProperty("view").GetString());
            Assert.Equal("none", layers[0].GetProperty("se_method").GetString());
            var global = root.GetProperty("global");
            Assert.Equal("particle", global.GetProperty("view").GetString());
            Assert.Equal("recomputed", global.GetProperty("energies").GetString());
            Assert.NotEqual(JsonValueKind.Null, global.GetProperty("regime").ValueKind);
            double dE = global.GetProperty("dE").GetDouble();
            Assert.Equal(dE, layers.Sum(l => l.GetProperty("dE").GetDouble()), Math.Abs(dE) * 2e-3);

            // The energies `train` stored are the ones `compare` recomputes.
            using var file = CheckpointFile.Open(trained);
            var path = root.GetProperty("path");
            Assert.Equal(double.Parse(file.Metadata["kelvin.energy"], System.Globalization.CultureInfo.InvariantCulture), path.GetProperty("E_after").GetDouble(), 1e-9);

            var (c3, text, _) = Run("compare", init, trained);
            Assert.Equal(0, c3);
            Assert.Contains("straight path", text);
            Assert.Contains("T_l", text);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }
}
