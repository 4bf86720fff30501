using Kelvin.Checkpoints;
using Kelvin.Checkpoints.PyTorch;
using Kelvin.Entropy;

namespace Kelvin.Tests.Checkpoints;

/// <summary>torch.save zip files, sharded folders and the counting rules, on the PyTorch fixtures.</summary>
public class PyTorchReaderTests
{
    private static Dictionary<string, double[]> All(CheckpointFile c) => c.Tensors.ToDictionary(t => t.Name, t => c.ReadValues(t));

    [Fact]
    public void A_state_dict_reads_every_float_tensor_and_skips_the_integer_counters()
    {
        using var pt = TorchFixtures.Open("cnn-trained.pt");
        Assert.Equal("pytorch", pt.Format);
        Assert.Equal(14, pt.Tensors.Count);
        Assert.Equal([4L, 1, 3, 3], pt.Find("conv1.weight")!.Shape);
        Assert.Equal(["bn1.num_batches_tracked", "bn2.num_batches_tracked"], pt.Skipped.Select(s => s.Name));
        Assert.Equal(TorchFixtures.Weights, ParameterSelection.Default.Weights(pt).Select(t => t.Name));
    }

    [Theory]
    [InlineData("cnn-trained-sharded")]
    [InlineData("cnn-trained-sharded/model.safetensors.index.json")]
    [InlineData("cnn-trained-bin")]
    [InlineData("cnn-trained.npz")]
    [InlineData("cnn-trained.onnx")]
    [InlineData("cnn-trained-nested.pt")]
    public void Every_format_holds_the_same_values_as_the_pt_file(string other)
    {
        using var pt = TorchFixtures.Open("cnn-trained.pt");
        using var o = TorchFixtures.Open(other);
        var expected = All(pt);
        var actual = All(o);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected) Assert.Equal(values, actual[name]);
        if (o.Format != "onnx") // the ONNX export has no counters
            Assert.Equal(["bn1.num_batches_tracked", "bn2.num_batches_tracked"], o.Skipped.Select(s => s.Name).Order());
    }

    [Fact]
    public void The_three_formats_give_the_same_per_layer_entropy_change()
    {
        double[] Changes(string a, string b)
        {
            using var x = TorchFixtures.Open(a);
            using var y = TorchFixtures.Open(b);
            return [.. CheckpointComparison.Compare(x, y, ParameterSelection.Default, new VasicekEntropy()).Layers.Select(l => l.EntropyChange!.Value)];
        }
        var pt = Changes("cnn-init.pt", "cnn-trained.pt");
        Assert.Equal(3, pt.Length);
        Assert.All(pt, d => Assert.True(d > 1, $"ΔS_l = {d}"));
        Assert.Equal(pt, Changes("cnn-init-sharded", "cnn-trained-sharded"));
        Assert.Equal(pt, Changes("cnn.onnx", "cnn-trained.onnx"));
    }

    [Fact]
    public void A_training_checkpoint_gives_the_model_key_and_says_so()
    {
        using var c = TorchFixtures.Open("cnn-trained-nested.pt");
        Assert.Equal("tensors of key 'model' (the file also holds 'optimizer', 'epoch')", c.Note);
    }

    [Fact]
    public void Tied_tensors_share_storage_and_are_counted_once()
    {
        using var c = TorchFixtures.Open("tied.pt");
        var weights = ParameterSelection.Default.Weights(c);
        var duplicates = DuplicateTensors.Find(c, weights);
        Assert.Equal([("head.weight", "embed.weight"), ("proj.weight", "embed.weight")], duplicates.Select(d => (d.Name, d.SameAs)));
        Assert.All(duplicates, d => Assert.Equal("shares storage", d.Reason));
        // proj.weight is the transpose of the same storage: read through its strides.
        var embed = c.ReadValues("embed.weight");
        var proj = c.ReadValues("proj.weight");
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 5; j++)
                Assert.Equal(embed[i * 5 + j], proj[j * 6 + i]);
        var once = CheckpointEntropy.OfLayers(c, ParameterSelection.Default, new VasicekEntropy(), leaveOut: duplicates.Select(d => d.Name).ToHashSet());
        var single = CheckpointEntropy.Of(weights[0], embed, new VasicekEntropy());
        Assert.Equal(single.Entropy, once.Total);
    }

    [Fact]
    public void Identical_copies_in_a_file_without_shared_storage_are_found_by_value()
    {
        using var pt = TorchFixtures.Open("cnn-trained.pt");
        var w = pt.ReadValues("fc.weight");
        var tensors = new[]
        {
            WritableTensor.Of("a.weight", [10, 200], w),
            WritableTensor.Of("b.weight", [10, 200], w),
            WritableTensor.Of("c.weight", [20, 100], [.. w.Select(x => x + 1)]),
        };
        var stream = new MemoryStream();
        SafetensorsWriter.Write(stream, tensors);
        using var c = CheckpointFile.Open(new MemoryStream(stream.ToArray()), "copies.safetensors");
        var d = Assert.Single(DuplicateTensors.Find(c, ParameterSelection.Default.Weights(c)));
        Assert.Equal(("b.weight", "a.weight", "identical values"), (d.Name, d.SameAs, d.Reason));
    }

    [Fact]
    public void The_legacy_format_is_refused_with_how_to_resave()
    {
        var e = Assert.Throws<KelvinException>(() => TorchFixtures.Open("cnn-legacy.pt"));
        Assert.Contains("legacy torch.save format", e.Message);
        Assert.Contains("torch.save(torch.load(", e.Message);
    }

    [Fact]
    public void A_pickle_that_calls_anything_else_is_refused_without_running_it()
    {
        // protocol 2: GLOBAL os.system, the argument 'echo hi', TUPLE1, REDUCE, STOP
        byte[] pickle = [0x80, 0x02, .. "cos\nsystem\n"u8, (byte)'X', 7, 0, 0, 0, .. "echo hi"u8, 0x85, (byte)'R', (byte)'.'];
        var e = Assert.Throws<KelvinException>(() => RestrictedUnpickler.Load(pickle, "pytorch"));
        Assert.Contains("os.system", e.Message);
        Assert.Contains("never runs code", e.Message);
    }

    [Fact]
    public void A_shard_index_naming_a_missing_tensor_is_refused()
    {
        string dir = Directory.CreateTempSubdirectory("kelvin-shards").FullName;
        try
        {
            foreach (var f in System.IO.Directory.GetFiles(TorchFixtures.PathOf("cnn-trained-sharded")))
                File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            string index = Path.Combine(dir, "model.safetensors.index.json");
            File.WriteAllText(index, File.ReadAllText(index).Replace("\"fc.bias\"", "\"fc.missing\""));
            var e = Assert.Throws<KelvinException>(() => CheckpointFile.Open(dir));
            Assert.Contains("fc.missing", e.Message);
        }
        finally { System.IO.Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_folder_without_a_checkpoint_is_one_clear_error()
    {
        string dir = Directory.CreateTempSubdirectory("kelvin-empty").FullName;
        try
        {
            var e = Assert.Throws<KelvinException>(() => CheckpointFile.Open(dir));
            Assert.Contains("model.safetensors.index.json", e.Message);
        }
        finally { System.IO.Directory.Delete(dir, true); }
    }
}

/// <summary>Crafted torch.save zips: malformed pickles and views are one clear error each.</summary>
public class PyTorchRobustnessTests
{
    /// <summary>A pickle of {name: _rebuild_tensor_v2(('storage', FloatStorage, '0', 'cpu', count), offset, (size,), (stride,), False, OrderedDict())}.</summary>
    private static byte[] Pickle(long count, long offset, long size, long stride, string global = "torch._utils\n_rebuild_tensor_v2\n")
    {
        var p = new List<byte> { 0x80, 0x02, (byte)'}', (byte)'(' };
        void Str(string s) { var b = System.Text.Encoding.UTF8.GetBytes(s); p.Add((byte)'X'); p.AddRange(BitConverter.GetBytes(b.Length)); p.AddRange(b); }
        void Int(long v) { p.Add((byte)'J'); p.AddRange(BitConverter.GetBytes((int)v)); }
        Str("w");
        p.Add((byte)'c'); p.AddRange(System.Text.Encoding.ASCII.GetBytes(global));
        p.Add((byte)'(');
        p.Add((byte)'('); Str("storage"); p.Add((byte)'c'); p.AddRange("torch\nFloatStorage\n"u8.ToArray()); Str("0"); Str("cpu"); Int(count); p.Add((byte)'t'); p.Add((byte)'Q');
        Int(offset);
        Int(size); p.Add(0x85);
        Int(stride); p.Add(0x85);
        p.Add(0x89);
        p.Add((byte)'c'); p.AddRange("collections\nOrderedDict\n"u8.ToArray()); p.Add((byte)')'); p.Add((byte)'R');
        p.Add((byte)'t'); p.Add((byte)'R');
        p.Add((byte)'u'); p.Add((byte)'.');
        return [.. p];
    }

    private static CheckpointFile Zip(byte[] pickle, int storageFloats)
    {
        var bytes = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bytes, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var s = zip.CreateEntry("archive/data.pkl").Open()) s.Write(pickle);
            using (var s = zip.CreateEntry("archive/data/0").Open())
                for (int i = 0; i < storageFloats; i++) s.Write(BitConverter.GetBytes((float)i));
            using (var s = zip.CreateEntry("archive/version").Open()) s.Write("3\n"u8);
        }
        return CheckpointFile.Open(new MemoryStream(bytes.ToArray()), "crafted.pt");
    }

    [Fact]
    public void A_well_formed_crafted_file_reads_its_strided_view()
    {
        using var c = Zip(Pickle(count: 10, offset: 1, size: 4, stride: 2), 10);
        Assert.Equal([1.0, 3, 5, 7], c.ReadValues("w"));
    }

    [Theory]
    [InlineData(10, 5, 4, 2, 10, "views elements")]          // 5 + 3·2 = 11 > 10
    [InlineData(10, 0, 4, 1, 3, "fewer than its 10 elements")] // the entry holds 3 floats
    public void Views_outside_their_storage_are_refused(long count, long offset, long size, long stride, int floats, string message)
    {
        var e = Assert.Throws<KelvinException>(() => Zip(Pickle(count, offset, size, stride), floats));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_truncated_pickle_and_a_foreign_global_are_refused()
    {
        var full = Pickle(10, 0, 4, 1);
        Assert.Contains("truncated", Assert.Throws<KelvinException>(() => Zip(full[..^1], 10)).Message);
        Assert.Contains("truncated", Assert.Throws<KelvinException>(() => Zip(full[..^8], 10)).Message);
        var evil = Pickle(10, 0, 4, 1, "builtins\neval\n");
        Assert.Contains("builtins.eval", Assert.Throws<KelvinException>(() => Zip(evil, 10)).Message);
    }
}
