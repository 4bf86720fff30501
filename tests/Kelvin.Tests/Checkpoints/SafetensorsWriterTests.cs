using Kelvin.Checkpoints;

namespace Kelvin.Tests.Checkpoints;

public class SafetensorsWriterTests
{
    private static byte[] Write(TensorDType dtype, IReadOnlyDictionary<string, string>? metadata, params WritableTensor[] tensors)
    {
        using var ms = new MemoryStream();
        SafetensorsWriter.Write(ms, tensors, dtype, metadata);
        return ms.ToArray();
    }

    [Theory]
    [InlineData(TensorDType.Float32)]
    [InlineData(TensorDType.Float64)]
    public void Written_tensors_and_metadata_read_back(TensorDType dtype)
    {
        double[] w = [0.5, -1.25, 3.0, 0.0078125, -7.5, 0.0]; // exact in float32 too
        var meta = new Dictionary<string, string> { ["architecture"] = "3-2", ["activation"] = "relu", ["loss"] = "mse", ["dataset"] = "toy" };
        var bytes = Write(dtype, meta, WritableTensor.Of("layer1.weight", [2, 3], w), WritableTensor.Of("layer1.bias", [2], new float[] { 0.25f, -0.5f }));
        Assert.Equal(0, (bytes.Length - 8 - 6 * dtype.Size() - 2 * dtype.Size()) % 8); // header padded to 8 bytes
        using var c = CheckpointFixtures.Open(bytes, "net.safetensors");
        Assert.Equal(meta, c.Metadata);
        Assert.Equal(dtype, c.Find("layer1.weight")!.DType);
        Assert.Equal([2L, 3L], c.Find("layer1.weight")!.Shape);
        Assert.Equal(w, c.ReadValues("layer1.weight"));
        Assert.Equal([0.25, -0.5], c.ReadValues("layer1.bias"));
    }

    [Fact]
    public void Rewriting_a_fixture_keeps_every_value()
    {
        using var original = CheckpointFixtures.Open("mlp-trained.onnx");
        var bytes = Write(TensorDType.Float32, null, [.. original.Tensors.Select(t => new WritableTensor(t.Name, t.Shape, () => original.ReadValues(t)))]);
        using var copy = CheckpointFixtures.Open(bytes, "copy.safetensors");
        foreach (var t in original.Tensors) Assert.Equal(original.ReadValues(t), copy.ReadValues(t.Name));
    }

    [Fact]
    public void Bad_tensors_are_refused()
    {
        Assert.Throws<KelvinException>(() => Write(TensorDType.Float32, null, WritableTensor.Of("a", [2], new double[3])));
        Assert.Throws<KelvinException>(() => Write(TensorDType.Float32, null, WritableTensor.Of("a", [1], new double[1]), WritableTensor.Of("a", [1], new double[1])));
        Assert.Throws<KelvinException>(() => Write(TensorDType.Float32, null, WritableTensor.Of("__metadata__", [1], new double[1])));
        Assert.Throws<KelvinException>(() => Write(TensorDType.Float16, null, WritableTensor.Of("a", [1], new double[1])));
    }
}
