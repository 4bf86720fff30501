using Google.Protobuf;
using Kelvin.Checkpoints;
using Kelvin.Entropy;

namespace Kelvin.Tests.Checkpoints;

public class RobustnessTests
{
    private static readonly byte[] Four = CraftedFiles.Floats(0.1f, -0.2f, 0.3f, 0.05f);

    /// <summary>Opens and reads every tensor and entropy; returns the KelvinException's message.</summary>
    private static string Fails(byte[] bytes, string fileName)
    {
        var e = Assert.Throws<KelvinException>(() =>
        {
            using var c = CheckpointFixtures.Open(bytes, fileName);
            foreach (var t in c.Tensors) c.ReadValues(t);
            CheckpointEntropy.OfLayers(c, new ParameterSelection(["*"], []), new VasicekEntropy());
        });
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Theory]
    [InlineData("mlp-trained.safetensors")]
    [InlineData("mlp-trained.npz")]
    [InlineData("mlp-init.npz")]
    [InlineData("mlp-trained.onnx")]
    [InlineData("fc2-weight-v2.npy")]
    public void Every_truncation_is_a_clear_error(string file)
    {
        var bytes = CheckpointFixtures.Bytes(file);
        using var whole = CheckpointFixtures.Open(file);
        int intact = 0;
        for (int length = 0; length < bytes.Length; length++)
        {
            try
            {
                using var c = CheckpointFixtures.Open(bytes[..length], file);
                // Protobuf has no end marker: an ONNX model cut after its graph is still a valid
                // model, and must then hold exactly the same tensors.
                Assert.Equal("onnx", c.Format);
                Assert.Equal(whole.Tensors.Select(t => t.Name), c.Tensors.Select(t => t.Name));
                foreach (var t in c.Tensors) Assert.Equal(whole.ReadValues(t.Name), c.ReadValues(t));
                intact++;
            }
            catch (KelvinException e)
            {
                Assert.DoesNotContain('\n', e.Message);
            }
        }
        Assert.True(intact < 200, $"{intact} truncations of {file} went unnoticed");
    }

    [Fact]
    public void A_header_longer_than_the_file_is_refused_before_reading_it()
    {
        var bytes = CraftedFiles.Safetensors("{}", []);
        bytes[6] = 0x7F; // header length ≈ 3.5e16
        Assert.Contains("header claims", Fails(bytes, "x.safetensors"));
    }

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,32]}}""", "outside")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[8,4]}}""", "outside")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}}""", "needs 24 bytes")]
    [InlineData("""{"w":{"dtype":"Q7","shape":[2,2],"data_offsets":[0,16]}}""", "unknown dtype 'Q7'")]
    [InlineData("""{"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,16]}}""", "overflows")]
    [InlineData("""{"w":{"dtype":"F32","shape":[100000,100000],"data_offsets":[0,16]}}""", "more than Kelvin reads")]
    [InlineData("""{"w":{"dtype":"F32","shape":[-2,-2],"data_offsets":[0,16]}}""", "non-negative")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,2]}}""", "data_offsets")]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},""", "not valid JSON")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"__metadata__":{"a":1}}""", "not a string")]
    public void Lying_safetensors_headers_are_clear_errors(string header, string message) =>
        Assert.Contains(message, Fails(CraftedFiles.Safetensors(header, Four), "x.safetensors"));

    [Fact]
    public void A_huge_declared_tensor_is_refused_without_allocating_it()
    {
        // 2^28 float64 = 2 GiB declared, 16 bytes present.
        var bytes = CraftedFiles.Safetensors("""{"w":{"dtype":"F64","shape":[16384,16384],"data_offsets":[0,2147483648]}}""", Four);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Fails(bytes, "x.safetensors");
        var npy = CraftedFiles.Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (16384, 16384), }", Four);
        Assert.Contains("needs 2147483648 bytes", Fails(npy, "x.npy"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "allocated the declared size");
    }

    [Fact]
    public void Non_float_tensors_are_listed_as_skipped()
    {
        var bytes = CraftedFiles.Safetensors("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"steps":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}""", Four);
        using var c = (SafetensorsCheckpoint)CheckpointFixtures.Open(bytes, "x.safetensors");
        Assert.Equal("w", c.Tensors.Single().Name);
        Assert.Equal("steps", c.Skipped.Single().Name);
    }

    [Fact]
    public void NaN_weights_name_the_layer()
    {
        var bytes = CraftedFiles.Safetensors("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}""", CraftedFiles.Floats(0.1f, float.NaN, 0.3f, 0.2f));
        Assert.Contains("layer 'w': weight 1 is NaN", Fails(bytes, "x.safetensors"));
    }

    [Theory]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }", "big-endian")]
    [InlineData("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }", "unsupported .npy dtype")]
    [InlineData("{'descr': '<f4', 'shape': (2, 2), }", "lacks")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", "bad dimension")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", "needs 24 bytes")]
    public void Bad_npy_headers_are_clear_errors(string dict, string message) =>
        Assert.Contains(message, Fails(CraftedFiles.Npy(dict, Four), "x.npy"));

    [Fact]
    public void Onnx_typed_float_and_double_data_are_read()
    {
        var floats = CraftedFiles.Onnx(o =>
        {
            CraftedFiles.Header(o, "w", 1, 2, 2);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Four));
        });
        using (var c = CheckpointFixtures.Open(floats, "m.onnx"))
            Assert.Equal([0.1f, -0.2f, 0.3f, 0.05f], c.ReadValues("w").Select(v => (float)v));
        var doubles = CraftedFiles.Onnx(o =>
        {
            CraftedFiles.Header(o, "d", 11, 3);
            foreach (var v in new[] { 1.5, -2.5, 4.0 }) { o.WriteTag(10, WireFormat.WireType.Fixed64); o.WriteDouble(v); }
        });
        using (var c = CheckpointFixtures.Open(doubles, "m.onnx"))
            Assert.Equal([1.5, -2.5, 4.0], c.ReadValues("d"));
    }

    [Theory]
    [InlineData(99, false, "unknown ONNX data_type 99")]
    [InlineData(1, true, "external data")]
    public void Onnx_unknown_types_and_external_data_are_clear_errors(int dataType, bool external, string message)
    {
        var bytes = CraftedFiles.Onnx(o =>
        {
            CraftedFiles.Header(o, "w", dataType, 2, 2);
            if (external) { o.WriteTag(14, WireFormat.WireType.Varint); o.WriteInt32(1); }
            else { o.WriteTag(9, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Four)); }
        });
        Assert.Contains(message, Fails(bytes, "m.onnx"));
    }

    [Fact]
    public void Onnx_raw_data_of_the_wrong_size_is_an_error()
    {
        var bytes = CraftedFiles.Onnx(o =>
        {
            CraftedFiles.Header(o, "w", 1, 1000, 1000);
            o.WriteTag(9, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(Four));
        });
        Assert.Contains("needs 4000000 bytes", Fails(bytes, "m.onnx"));
    }

    [Fact]
    public void An_unknown_format_is_refused() =>
        Assert.Contains("cannot tell the checkpoint format", Fails("hello world"u8.ToArray(), "notes.txt"));

    [Fact]
    public void Mismatched_layer_sets_and_shapes_are_clear_errors()
    {
        using var init = CheckpointFixtures.Open("mlp-init.safetensors");
        using var lone = CheckpointFixtures.Open("fc2-weight.npy");
        var e = Assert.Throws<KelvinException>(() => CheckpointComparison.Compare(init, lone, ParameterSelection.Default, new VasicekEntropy()));
        Assert.Contains("layer sets differ", e.Message);
        var renamed = CraftedFiles.Safetensors("""{"fc1.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}""", Four);
        using var small = CheckpointFixtures.Open(renamed, "x.safetensors");
        var only = new ParameterSelection([], ["fc2.*", "fc3.*"]);
        e = Assert.Throws<KelvinException>(() => CheckpointComparison.Compare(init, small, only, new VasicekEntropy()));
        Assert.Contains("has shape [16, 8] in BEFORE but [2, 2] in AFTER", e.Message);
    }
}
