using Kelvin.Checkpoints;
using Kelvin.Entropy;

namespace Kelvin.Tests.Checkpoints;

public class ReaderTests
{
    private static readonly string[] Layers = ["fc1.weight", "fc2.weight", "fc3.weight"];

    [Theory]
    [InlineData("mlp-init.safetensors", "safetensors")]
    [InlineData("mlp-init.npz", "npz")]
    [InlineData("mlp-init.onnx", "onnx")]
    [InlineData("mlp-trained.npz", "npz")]
    [InlineData("mlp-trained.onnx", "onnx")]
    [InlineData("fc2-weight.npy", "npy")]
    public void Detects_the_format_and_lists_tensors_with_their_shapes(string file, string format)
    {
        using var c = CheckpointFixtures.Open(file);
        Assert.Equal(format, c.Format);
        if (format == "npy")
        {
            Assert.Equal([16L, 16L], c.Tensors.Single().Shape);
            return;
        }
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"], c.Tensors.Select(t => t.Name).OrderBy(n => n[..3]).ThenByDescending(n => n.EndsWith("weight")));
        Assert.Equal([16L, 8L], c.Find("fc1.weight")!.Shape);
        Assert.Equal([3L], c.Find("fc3.bias")!.Shape);
        Assert.Equal(Layers, ParameterSelection.Default.Weights(c).Select(t => t.Name).Order());
    }

    [Theory]
    [InlineData("init")]
    [InlineData("trained")]
    public void The_three_formats_of_one_checkpoint_give_the_same_layer_entropies(string stage)
    {
        var estimator = new VasicekEntropy();
        var results = new[] { "safetensors", "npz", "onnx" }.Select(ext =>
        {
            using var c = CheckpointFixtures.Open($"mlp-{stage}.{ext}");
            return CheckpointEntropy.OfLayers(c, ParameterSelection.Default, estimator).Layers.ToDictionary(l => l.Name, l => l.Entropy!.Value);
        }).ToList();
        foreach (var name in Layers)
        {
            Assert.Equal(results[0][name], results[1][name], 1e-6);
            Assert.Equal(results[0][name], results[2][name], 1e-6);
        }
    }

    [Fact]
    public void The_three_formats_hold_identical_values()
    {
        using var s = CheckpointFixtures.Open("mlp-trained.safetensors");
        using var z = CheckpointFixtures.Open("mlp-trained.npz");
        using var o = CheckpointFixtures.Open("mlp-trained.onnx");
        foreach (var t in s.Tensors)
        {
            var expected = s.ReadValues(t);
            Assert.Equal(expected, z.ReadValues(t.Name));
            Assert.Equal(expected, o.ReadValues(t.Name));
        }
    }

    [Theory]
    [InlineData("fc2-weight.npy")]
    [InlineData("fc2-weight-v2.npy")]
    [InlineData("fc2-weight-v3.npy")]
    [InlineData("fc2-weight-fortran.npy")]
    [InlineData("fc2-weight-f64.npy")]
    public void Npy_versions_orders_and_dtypes_read_back_in_C_order(string file)
    {
        using var s = CheckpointFixtures.Open("mlp-trained.safetensors");
        using var n = CheckpointFixtures.Open(file);
        Assert.Equal(s.ReadValues("fc2.weight"), n.ReadValues(n.Tensors.Single()));
    }

    [Fact]
    public void Fortran_order_is_transposed_into_C_order()
    {
        // A 2×3 array [[0,1,2],[3,4,5]] stored column-major is 0,3,1,4,2,5.
        double[] small = [0, 3, 1, 4, 2, 5];
        NpyHeader.FortranToC(small, [2, 3]);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], small);
        // 2×2×2: C index (i,j,k) = 4i+2j+k holds value 4i+2j+k; Fortran position is i+2j+4k.
        var fortran = new double[8];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) for (int k = 0; k < 2; k++) fortran[i + 2 * j + 4 * k] = 4 * i + 2 * j + k;
        NpyHeader.FortranToC(fortran, [2, 2, 2]);
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7], fortran);
    }

    [Theory]
    [InlineData("mlp-trained-f64.safetensors", 0.0)]
    [InlineData("mlp-trained-f16.safetensors", 1e-3)]
    [InlineData("mlp-trained-bf16.safetensors", 8e-3)]
    public void Safetensors_half_and_double_precision_decode_to_the_float32_values(string file, double relative)
    {
        using var s = CheckpointFixtures.Open("mlp-trained.safetensors");
        using var v = CheckpointFixtures.Open(file);
        foreach (var t in s.Tensors)
        {
            var a = s.ReadValues(t);
            var b = v.ReadValues(t.Name);
            for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= relative * Math.Abs(a[i]), $"{t.Name}[{i}]: {a[i]} vs {b[i]}");
        }
    }

    [Fact]
    public void Safetensors_metadata_is_read()
    {
        using var c = CheckpointFixtures.Open("mlp-trained.safetensors");
        Assert.Equal("8-16-16-3", c.Metadata["architecture"]);
        Assert.Equal("trained", c.Metadata["stage"]);
    }

    [Fact]
    public void Layer_entropies_do_not_depend_on_the_thread_count()
    {
        using var c = CheckpointFixtures.Open("mlp-trained.onnx");
        var one = CheckpointEntropy.OfLayers(c, ParameterSelection.Default, new VasicekEntropy(), maxParallelism: 1);
        var many = CheckpointEntropy.OfLayers(c, ParameterSelection.Default, new VasicekEntropy(), maxParallelism: 8);
        Assert.Equal(one.Layers.Select(l => BitConverter.DoubleToInt64Bits(l.Entropy!.Value)), many.Layers.Select(l => BitConverter.DoubleToInt64Bits(l.Entropy!.Value)));
    }

    [Fact]
    public void Layer_entropy_is_n_times_the_per_weight_entropy_of_the_pooled_values()
    {
        using var c = CheckpointFixtures.Open("mlp-trained.safetensors");
        var layer = CheckpointEntropy.OfLayers(c, ParameterSelection.Default, new VasicekEntropy()).Layers.Single(l => l.Name == "fc2.weight");
        double h = new VasicekEntropy().Estimate(SortedSample.From(c.ReadValues("fc2.weight")));
        Assert.Equal(256 * h, layer.Entropy!.Value, 1e-12);
    }
}
