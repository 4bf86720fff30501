using System.IO.Compression;
using System.Text;

namespace Kelvin.Checkpoints.PyTorch;

/// <summary>
/// A <c>torch.save</c> file in the zip format of PyTorch ≥ 1.6 (.pt, .pth, .bin): a zip holding
/// PREFIX/data.pkl (the pickled object), PREFIX/data/KEY (the raw little-endian bytes of each
/// storage) and PREFIX/version. data.pkl is read by <see cref="RestrictedUnpickler"/>, which never
/// runs code. The object must be a state_dict (a dict of tensors) or a dict holding one (a training
/// checkpoint such as {"model": state_dict, "optimizer": …}: the model's tensors are taken and
/// <see cref="CheckpointFile.Note"/> says which key). float32/float16/bfloat16/float64 tensors are
/// read; integer and boolean tensors are listed in <see cref="CheckpointFile.Skipped"/>. Tensors may
/// be views (an offset and strides into a storage); two names that view the same storage elements
/// (the same offset and the same sizes and strides, in any order: a transpose too) are the same parameters (tied weights, see <see cref="CheckpointFile.StorageIdentity(int)"/>).
/// Values are read one tensor at a time, only the storage span the view needs.
/// </summary>
public sealed class PyTorchCheckpoint : CheckpointFile
{
    /// <summary>The first bytes of a legacy (pre-1.6) torch.save file: pickle protocol 2 and torch's magic number as a LONG1.</summary>
    private static ReadOnlySpan<byte> LegacyMagic => [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <summary>The keys under which training checkpoints usually keep the model's state_dict, in order of preference.</summary>
    private static readonly string[] ModelKeys = ["state_dict", "model_state_dict", "model", "module", "net", "network", "model_state", "ema"];

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ZipArchive _zip;
    private readonly string _prefix;
    private readonly List<PickledTensor> _views = [];

    public override string Format => "pytorch";

    /// <summary>Reads the pickled object of the zip in <paramref name="stream"/> (no tensor values yet).</summary>
    public PyTorchCheckpoint(Stream stream, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var pkl = _zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw new KelvinException("pytorch: the zip has no PREFIX/data.pkl (not a torch.save file)");
            _prefix = pkl.FullName[..^"data.pkl".Length];
            if (_zip.GetEntry(_prefix + "byteorder") is { } order && ReadText(order) is var text && text.Trim() != "little")
                throw new KelvinException($"pytorch: the storages are {text.Trim()}-endian; Kelvin reads little-endian files");
            if (pkl.Length > 512L << 20 || pkl.Length > pkl.CompressedLength * 1032 + 64 || pkl.CompressedLength > stream.Length) throw new KelvinException($"pytorch: data.pkl claims {pkl.Length} bytes, more than a state_dict needs");
            byte[] bytes = new byte[pkl.Length];
            using (var s = pkl.Open()) s.ReadExactly(bytes);
            var root = RestrictedUnpickler.Load(bytes, "pytorch");
            var (dict, key) = StateDict(root);
            var tensors = new List<CheckpointTensor>();
            var skipped = new List<SkippedTensor>();
            foreach (var (k, v) in dict.Items)
            {
                if (v is not PickledTensor t) continue;
                string name = k as string ?? throw new KelvinException($"pytorch: a tensor is stored under a key that is not a string ({k})");
                if (t.Size.Length != t.Stride.Length) throw new KelvinException($"pytorch: tensor '{name}' has {t.Size.Length} sizes but {t.Stride.Length} strides");
                if (FloatType(t.Storage.Type) is not TensorDType dtype)
                {
                    skipped.Add(new SkippedTensor(name, t.Storage.Type.Replace("Storage", ""), "not a floating-point tensor"));
                    continue;
                }
                var tensor = new CheckpointTensor(name, t.Size, dtype);
                CheckView(name, t, tensor.Count);
                tensors.Add(tensor);
                _views.Add(t);
            }
            if (key is not null)
                Note = $"tensors of key '{key}'" + (dict != root && root is PickledDict r && r.Items.Count > 1
                    ? $" (the file also holds {string.Join(", ", r.Items.Select(i => $"'{i.Key}'").Where(s => s != $"'{key}'"))})" : "");
            Skipped = skipped;
            SetTensors(tensors);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new KelvinException($"pytorch: not a readable torch.save zip ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>True when <paramref name="head"/> starts like a legacy (non-zip) torch.save file.</summary>
    public static bool IsLegacy(ReadOnlySpan<byte> head) => head.StartsWith(LegacyMagic);

    /// <summary>The one-line refusal of a legacy file, saying how to re-save it.</summary>
    public static string LegacyMessage(string file) =>
        $"{Path.GetFileName(file)} is in the legacy torch.save format (before PyTorch 1.6), which Kelvin does not read; re-save it in the zip format with PyTorch ≥ 1.6: torch.save(torch.load(\"{Path.GetFileName(file)}\"), \"resaved.pt\")";

    /// <summary>True when the zip in <paramref name="stream"/> holds a PREFIX/data.pkl (a torch.save file, not an .npz).</summary>
    public static bool IsTorchZip(Stream stream)
    {
        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Any(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false;
        }
    }

    private static (PickledDict Dict, string? Key) StateDict(object? root)
    {
        if (root is not PickledDict dict)
            throw new KelvinException($"pytorch: the file holds a {Describe(root)}, not a state_dict (a dict of tensors); save model.state_dict()");
        if (dict.Items.Any(i => i.Value is PickledTensor)) return (dict, null);
        var nested = dict.Items.Where(i => i.Key is string && i.Value is PickledDict d && d.Items.Any(x => x.Value is PickledTensor)).ToList();
        if (nested.Count == 0) throw new KelvinException("pytorch: the file holds a dict without tensors (no state_dict found)");
        var chosen = ModelKeys.Select(k => nested.FirstOrDefault(i => (string)i.Key! == k)).FirstOrDefault(i => i.Value is not null);
        if (chosen.Value is null) chosen = nested[0];
        return ((PickledDict)chosen.Value!, (string)chosen.Key!);
    }

    private static string Describe(object? o) => o switch
    {
        null => "None",
        PickledTensor => "single tensor",
        List<object?> => "list",
        object?[] => "tuple",
        _ => o.GetType().Name,
    };

    private static TensorDType? FloatType(string storage) => storage switch
    {
        "FloatStorage" => TensorDType.Float32,
        "DoubleStorage" => TensorDType.Float64,
        "HalfStorage" => TensorDType.Float16,
        "BFloat16Storage" => TensorDType.BFloat16,
        _ => null,
    };

    private void CheckView(string name, PickledTensor t, long count)
    {
        long extent = Extent(t);
        if (count > 0 && (t.Offset > t.Storage.Count || extent > t.Storage.Count - t.Offset))
            throw new KelvinException($"pytorch: tensor '{name}' views elements {t.Offset}..{t.Offset + extent} of a storage of {t.Storage.Count}");
        var entry = _zip.GetEntry(_prefix + "data/" + t.Storage.Key)
            ?? throw new KelvinException($"pytorch: tensor '{name}' needs storage '{t.Storage.Key}', which the zip lacks");
        long size = FloatType(t.Storage.Type)!.Value.Size();
        // What the entry can really hold: its declared size, bounded by its compressed bytes (within
        // the file) times deflate's largest ratio, so a lying header cannot make Kelvin allocate.
        if (entry.CompressedLength < 0 || entry.CompressedLength > _stream.Length || entry.Length < 0 || entry.Length > entry.CompressedLength * 1032 + 64)
            throw new KelvinException($"pytorch: storage '{t.Storage.Key}' claims {entry.Length} bytes from {entry.CompressedLength} in a {_stream.Length}-byte file");
        if (t.Storage.Count > entry.Length / size)
            throw new KelvinException($"pytorch: storage '{t.Storage.Key}' holds {entry.Length} bytes, fewer than its {t.Storage.Count} elements need");
    }

    /// <summary>The span of storage elements a view touches: 1 + Σ_k (size_k − 1)·stride_k (0 when empty).</summary>
    private static long Extent(PickledTensor t)
    {
        if (t.Size.Any(s => s == 0)) return 0;
        long extent = 1;
        for (int k = 0; k < t.Size.Length; k++)
        {
            if (t.Stride[k] > 0 && t.Size[k] - 1 > (long.MaxValue - extent) / t.Stride[k]) throw new KelvinException("pytorch: a tensor view overflows");
            extent += (t.Size[k] - 1) * t.Stride[k];
        }
        return extent;
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        if (entry.Length > 64) return "?";
        using var s = entry.Open();
        using var r = new StreamReader(s, Encoding.ASCII);
        return r.ReadToEnd();
    }

    /// <summary>The storage view of tensor <paramref name="index"/>: equal keys mean the same values.</summary>
    protected internal override object? StorageIdentity(int index)
    {
        var t = _views[index];
        // The same storage, offset and (size, stride) pairs in any order: the same parameters, possibly transposed.
        var dims = t.Size.Zip(t.Stride, (n, s) => $"{n}x{s}").Order(StringComparer.Ordinal);
        return $"{t.Storage.Key}@{t.Offset}:{string.Join(',', dims)}";
    }

    protected override void ReadCore(int index, Span<double> destination)
    {
        var t = _views[index];
        var tensor = Tensors[index];
        string what = $"pytorch: tensor '{tensor.Name}'";
        if (destination.Length == 0) return;
        long extent = Extent(t);
        if (extent > Array.MaxLength) throw new KelvinException($"{what}: its view spans {extent} elements, more than Kelvin reads at once");
        var dtype = tensor.DType;
        var entry = _zip.GetEntry(_prefix + "data/" + t.Storage.Key)!;
        try
        {
            using var s = entry.Open();
            Skip(s, t.Offset * dtype.Size(), what);
            if (IsContiguous(t))
            {
                StreamBytes.ReadValuesInto(s, -1, dtype, destination, what);
                return;
            }
            var span = new double[extent];
            StreamBytes.ReadValuesInto(s, -1, dtype, span, what);
            Gather(span, t, destination);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new KelvinException($"{what}: the storage is damaged ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static void Skip(Stream s, long bytes, string what)
    {
        if (s.CanSeek) { s.Position = bytes; return; }
        Span<byte> buffer = stackalloc byte[4096];
        while (bytes > 0)
        {
            int n = s.Read(buffer[..(int)Math.Min(bytes, buffer.Length)]);
            if (n == 0) throw new KelvinException($"{what}: the storage ends before the view's offset (truncated)");
            bytes -= n;
        }
    }

    private static bool IsContiguous(PickledTensor t)
    {
        long expected = 1;
        for (int k = t.Size.Length - 1; k >= 0; k--)
        {
            if (t.Size[k] != 1 && t.Stride[k] != expected) return false;
            expected *= t.Size[k];
        }
        return true;
    }

    /// <summary>Copies the view's elements, in C order, from the storage span starting at its offset.</summary>
    private static void Gather(double[] span, PickledTensor t, Span<double> destination)
    {
        int rank = t.Size.Length;
        var index = new long[rank];
        long at = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = span[at];
            for (int k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                at += t.Stride[k];
                if (index[k] < t.Size[k]) break;
                at -= t.Stride[k] * index[k];
                index[k] = 0;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _zip?.Dispose();
        if (_ownsStream) _stream.Dispose();
    }
}
