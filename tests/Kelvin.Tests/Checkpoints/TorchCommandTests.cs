using System.Text.Json;
using Kelvin.Tests.Cli;

namespace Kelvin.Tests.Checkpoints;

/// <summary>`kelvin inspect`/`compare` on PyTorch files and folders, run in-process.</summary>
[Collection("Console")]
public class TorchCommandTests
{
    private static string F(string file) => TorchFixtures.PathOf(file);

    [Fact]
    public void Redirected_tables_never_wrap_names_or_numbers()
    {
        var (code, text, err) = CliHarness.Run("inspect", F("cnn-trained-nested.pt"));
        Assert.True(code == 0, err);
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains("bn2.running_mean") && l.Contains("bias/norm (rank 1)"));
        Assert.Contains(lines, l => l.StartsWith("S = Σ_l S_l = ") && l.Contains("no finite entropy)"));
        Assert.Contains(lines, l => l == "tensors of key 'model' (the file also holds 'optimizer', 'epoch')");
    }

    [Fact]
    public void Compare_notes_tied_weights_in_json()
    {
        var (code, json, err) = CliHarness.Run("compare", F("tied.pt"), F("tied.pt"), "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["embed.weight"], root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Contains("counted once: head.weight is embed.weight (shares storage)", root.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public void Two_npy_files_are_compared_by_position()
    {
        var (code, json, err) = CliHarness.Run("compare", CheckpointFixtures.PathOf("fc2-weight.npy"), CheckpointFixtures.PathOf("fc2-weight-f64.npy"), "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("fc2-weight", root.GetProperty("layers")[0].GetProperty("name").GetString());
        Assert.Equal(0, root.GetProperty("global").GetProperty("dS").GetDouble(), 1e-9);
        Assert.Contains("by position", root.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public void The_legacy_format_is_one_line_and_exit_1()
    {
        var (code, text, err) = CliHarness.Run("inspect", F("cnn-legacy.pt"));
        Assert.Equal(1, code);
        Assert.Equal("", text);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains("re-save", err);
    }

    [Fact]
    public void Compare_with_the_onnx_model_gives_pytorchs_energies_and_layer_temperatures()
    {
        var (code, json, err) = CliHarness.Run("compare", F("cnn-init.pt"), F("cnn-trained-sharded"), "--model", F("cnn-trained.onnx"),
            "--data", F("eval-x.npy"), "--target", F("eval-y.npy"), "--loss", "ce", "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        var global = root.GetProperty("global");
        Assert.Equal("model", global.GetProperty("energies").GetString());
        Assert.Equal(TorchFixtures.CeTrained - TorchFixtures.CeInit, global.GetProperty("dE").GetDouble(), 1e-5);
        Assert.Equal("negative", global.GetProperty("regime").GetString());
        var model = root.GetProperty("model");
        Assert.Equal(TorchFixtures.CeInit, model.GetProperty("E_before").GetDouble(), 1e-5 * TorchFixtures.CeInit);
        var layers = model.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["conv1", "bn1", "conv2", "bn2", "fc"], layers.Select(l => l.GetProperty("name").GetString()));
        double sum = layers.Sum(l => l.GetProperty("dE_path").GetDouble());
        Assert.True(Math.Abs(sum - global.GetProperty("dE").GetDouble()) <= 0.01 * Math.Abs(global.GetProperty("dE").GetDouble()));
        Assert.Equal(JsonValueKind.Null, layers[1].GetProperty("T").ValueKind); // BatchNorm: energy, no weights
        var fc = layers[4];
        Assert.Equal(fc.GetProperty("dE_path").GetDouble() / fc.GetProperty("dS").GetDouble(), fc.GetProperty("T").GetDouble(), 1e-12);
    }

    [Fact]
    public void Compare_with_a_model_that_lacks_the_names_lists_them()
    {
        var (code, _, err) = CliHarness.Run("compare", F("tied.pt"), F("tied.pt"), "--model", F("cnn-trained.onnx"), "--data", F("eval.npz"));
        Assert.Equal(1, code);
        Assert.Contains("match no float32 initializer of cnn-trained.onnx by name: embed.weight", err);
    }

    [Fact]
    public void Data_without_a_model_is_refused()
    {
        var (code, _, err) = CliHarness.Run("compare", F("cnn-init.pt"), F("cnn-trained.pt"), "--data", F("eval.npz"));
        Assert.Equal(1, code);
        Assert.Contains("needs --model", err);
    }
}
