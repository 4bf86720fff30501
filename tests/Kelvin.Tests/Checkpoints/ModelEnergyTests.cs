using Kelvin.Checkpoints;
using Kelvin.Checkpoints.Models;
using Kelvin.Energy;

namespace Kelvin.Tests.Checkpoints;

/// <summary>Energies of the PyTorch CNN by ONNX Runtime against PyTorch's own losses (energies.json).</summary>
public class ModelEnergyTests
{
    private static double Energy(string checkpoint, string loss, string data = "eval.npz", string? target = null)
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("cnn-trained.onnx"));
        using var c = TorchFixtures.Open(checkpoint);
        var sub = ParameterSubstitution.Of(model, c, c);
        string? targetPath = target is null ? null : target.EndsWith(".npy") ? TorchFixtures.PathOf(target) : target;
        var energy = new ModelEnergy(model, EvaluationData.Load(Path.IsPathRooted(data) ? data : TorchFixtures.PathOf(data), targetPath), EnergyForms.Parse(loss));
        return energy.Of(sub.Before);
    }

    [Theory]
    [InlineData("cnn-init.pt", "ce", TorchFixtures.CeInit)]
    [InlineData("cnn-trained.pt", "ce", TorchFixtures.CeTrained)]
    [InlineData("cnn-trained-sharded", "ce", TorchFixtures.CeTrained)]
    [InlineData("cnn-trained-bin", "ce", TorchFixtures.CeTrained)]
    // Kelvin's mse/mae sum over the K = 10 outputs (docs/theory.md §1); PyTorch's MSELoss/L1Loss average over them.
    [InlineData("cnn-init.pt", "mse", 10 * TorchFixtures.MseInit)]
    [InlineData("cnn-trained.pt", "mse", 10 * TorchFixtures.MseTrained)]
    [InlineData("cnn-trained.pt", "mae", 10 * TorchFixtures.MaeTrained)]
    public void Energies_match_pytorchs_losses(string checkpoint, string loss, double pytorch)
    {
        double e = Energy(checkpoint, loss);
        Assert.True(Math.Abs(e - pytorch) <= 1e-5 * Math.Abs(pytorch), $"Kelvin {e:R}, PyTorch {pytorch:R}");
    }

    [Fact]
    public void Npy_pairs_and_npz_give_the_same_energy()
    {
        Assert.Equal(Energy("cnn-trained.pt", "ce"), Energy("cnn-trained.pt", "ce", "eval-x.npy", "eval-y.npy"));
    }

    [Fact]
    public void The_models_own_weights_are_the_trained_ones()
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("cnn-trained.onnx"));
        using var pt = TorchFixtures.Open("cnn-trained.pt");
        Assert.Equal(pt.ReadValues("fc.weight").Select(v => (float)v), model.Default("fc.weight"));
        Assert.Equal("x", model.InputName);
        Assert.Equal([1L, 28, 28], model.SampleDims);
    }

    [Fact]
    public void A_checkpoint_whose_names_the_model_lacks_is_one_error_listing_them()
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("cnn-trained.onnx"));
        using var c = TorchFixtures.Open("tied.pt");
        var e = Assert.Throws<KelvinException>(() => ParameterSubstitution.Of(model, c, c));
        Assert.Contains("3 checkpoint tensor(s) match no float32 initializer of cnn-trained.onnx by name: embed.weight, head.weight, proj.weight", e.Message);
        Assert.Contains("conv1.weight", e.Message);
    }

    [Fact]
    public void Straight_path_allocation_adds_up_and_the_swap_estimate_agrees_in_sign()
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("cnn-trained.onnx"));
        using var a = TorchFixtures.Open("cnn-init.pt");
        using var b = TorchFixtures.Open("cnn-trained.pt");
        var sub = ParameterSubstitution.Of(model, a, b);
        Assert.Equal(["conv1", "bn1", "conv2", "bn2", "fc"], sub.Layers.Select(l => l.Name));
        Assert.Empty(sub.Kept);
        var energy = new ModelEnergy(model, EvaluationData.Load(TorchFixtures.PathOf("eval.npz"), null), CrossEntropy.Instance);
        var alloc = EnergyAllocation.Of(energy, sub);
        Assert.Equal(TorchFixtures.CeTrained - TorchFixtures.CeInit, alloc.EnergyChange, 1e-5);
        Assert.True(alloc.RelativeResidual < 0.01, $"residual {alloc.RelativeResidual}");
        Assert.True(alloc.PathChanges.Sum() < 0);
        Assert.Equal(Math.Sign(alloc.PathChanges[^1]), Math.Sign(alloc.SwapChanges[^1]));
    }

    [Fact]
    public void A_small_transformer_on_int64_tokens_works_the_same_way()
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("tiny-transformer.onnx"));
        using var a = TorchFixtures.Open("tiny-transformer-init.pt");
        using var b = TorchFixtures.Open("tiny-transformer-trained.pt");
        var sub = ParameterSubstitution.Of(model, a, b);
        Assert.Contains(sub.Layers, l => l.Name == "attn" && l.Tensors.SequenceEqual(["attn.in_proj_weight", "attn.in_proj_bias"]));
        var energy = new ModelEnergy(model, EvaluationData.Load(TorchFixtures.PathOf("tiny-transformer-data.npz"), null), CrossEntropy.Instance);
        var alloc = EnergyAllocation.Of(energy, sub);
        foreach (var (kelvin, pytorch) in new[] { (alloc.EnergyBefore, TorchFixtures.TransformerInit), (alloc.EnergyAfter, TorchFixtures.TransformerTrained) })
            Assert.True(Math.Abs(kelvin - pytorch) <= 1e-5 * pytorch, $"Kelvin {kelvin:R}, PyTorch {pytorch:R}");
        Assert.True(alloc.RelativeResidual < 0.01, $"residual {alloc.RelativeResidual}");
    }

    [Fact]
    public void Csv_rows_are_reshaped_to_the_models_input_and_give_the_same_energy()
    {
        var npz = EvaluationData.Load(TorchFixtures.PathOf("eval.npz"), null);
        string dir = Directory.CreateTempSubdirectory("kelvin-csv").FullName;
        try
        {
            string csv = Path.Combine(dir, "eval.csv");
            var text = new System.Text.StringBuilder(string.Join(",", Enumerable.Range(0, 784).Select(i => $"p{i}")) + ",label\n");
            for (int i = 0; i < npz.Count; i++)
                text.Append(string.Join(",", npz.Inputs.Skip(i * 784).Take(784).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))
                    .Append(',').Append(npz.Targets[i]).Append('\n');
            File.WriteAllText(csv, text.ToString());
            Assert.Equal(Energy("cnn-trained.pt", "ce"), Energy("cnn-trained.pt", "ce", csv, "label"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Labels_outside_the_outputs_are_one_clear_error()
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("cnn-trained.onnx"));
        using var c = TorchFixtures.Open("cnn-trained.pt");
        var data = EvaluationData.Load(TorchFixtures.PathOf("eval.npz"), null);
        var shifted = data with { Targets = [.. data.Targets.Select(y => y + 5)] };
        var e = Assert.Throws<KelvinException>(() => new ModelEnergy(model, shifted, CrossEntropy.Instance).Of(ParameterSubstitution.Of(model, c, c).Before));
        Assert.Contains("class labels 0..9", e.Message);
    }

    [Fact]
    public void A_head_tied_to_the_embedding_is_substituted_once_under_the_graphs_name()
    {
        using var model = new OnnxModel(TorchFixtures.PathOf("tied-lm.onnx"));
        Assert.Null(model.Find("head.weight")); // PyTorch's exporter keeps one initializer for the tied pair
        using var a = TorchFixtures.Open("tied-lm-init.pt");
        using var b = TorchFixtures.Open("tied-lm-trained.pt");
        var sub = ParameterSubstitution.Of(model, a, b);
        Assert.Equal(["embed", "mix"], sub.Layers.Select(l => l.Name));
        var energy = new ModelEnergy(model, EvaluationData.Load(TorchFixtures.PathOf("tied-lm-data.npz"), null), CrossEntropy.Instance);
        var alloc = EnergyAllocation.Of(energy, sub);
        foreach (var (kelvin, pytorch) in new[] { (alloc.EnergyBefore, TorchFixtures.TiedInit), (alloc.EnergyAfter, TorchFixtures.TiedTrained) })
            Assert.True(Math.Abs(kelvin - pytorch) <= 1e-5 * pytorch, $"Kelvin {kelvin:R}, PyTorch {pytorch:R}");
        // Two layers: the symmetrized swap estimates add up to ΔE exactly.
        Assert.Equal(alloc.EnergyChange, alloc.SwapChanges.Sum(), 1e-12);
    }
}
