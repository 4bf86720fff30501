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
        Assert.Contains(lines, l => l.StartsWith("S = Σ_l S_l = ") && l.Contains("S = −∞)"));
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
}
