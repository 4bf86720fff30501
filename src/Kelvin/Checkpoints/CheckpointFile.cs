namespace Kelvin.Checkpoints;

/// <summary>
/// An opened checkpoint file: the list of its tensors (read from the header or index only) and its
/// free-form metadata. Values are read lazily, one tensor at a time, as float64, so that the memory
/// needed is that of the largest tensor, not of the model. Every malformed input ends in a
/// <see cref="KelvinException"/>; a declared size is checked against the bytes actually present
/// before anything of that size is allocated.
/// <para>Opening: the format is told by the first bytes: "\x93NUMPY" is .npy, "PK\x03\x04" (or an
/// empty zip's "PK\x05\x06") is a torch.save file when the zip holds PREFIX/data.pkl and .npz
/// otherwise, an 8-byte length followed by '{' is safetensors, a pickle with torch's magic number is
/// the legacy torch.save format (refused, saying how to re-save); otherwise the extension decides
/// (.onnx, .safetensors, .npy, .npz), and a file that matches nothing is refused. A folder or a
/// "*.index.json" file is a sharded Hugging Face checkpoint (<see cref="ShardedCheckpoint"/>).</para>
/// </summary>
public abstract class CheckpointFile : IDisposable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>The format's name: "safetensors", "npy", "npz", "onnx", "pytorch" or "sharded …".</summary>
    public abstract string Format { get; }

    /// <summary>The tensors in file order.</summary>
    public IReadOnlyList<CheckpointTensor> Tensors { get; private set; } = [];

    /// <summary>Free-form string metadata (safetensors <c>__metadata__</c>); empty for other formats.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; protected set; } = new Dictionary<string, string>();

    /// <summary>Tensors present in the file but not read (integer, boolean or 8-bit float elements).</summary>
    public IReadOnlyList<SkippedTensor> Skipped { get; protected set; } = [];

    /// <summary>What the reader chose, when the file holds more than the model's tensors (e.g. "tensors
    /// of key 'model'" of a training checkpoint); null otherwise.</summary>
    public string? Note { get; protected set; }

    /// <summary>A key naming the storage behind tensor <paramref name="index"/> when the format can share
    /// storage between names (torch.save): equal keys mean the same values. Null when unknown.</summary>
    protected internal virtual object? StorageIdentity(int index) => null;

    /// <summary>The storage key of <paramref name="tensor"/> (see <see cref="StorageIdentity(int)"/>).</summary>
    public object? StorageIdentity(CheckpointTensor tensor) => StorageIdentity(IndexOf(tensor));

    /// <summary>Sets the tensor list once the reader has parsed the header (names must be unique).</summary>
    protected void SetTensors(IReadOnlyList<CheckpointTensor> tensors)
    {
        for (int i = 0; i < tensors.Count; i++)
            if (!_index.TryAdd(tensors[i].Name, i))
                throw new KelvinException($"{Format}: the tensor name '{tensors[i].Name}' occurs twice");
        Tensors = tensors;
    }

    /// <summary>The tensor called <paramref name="name"/>, or null.</summary>
    public CheckpointTensor? Find(string name) => _index.TryGetValue(name, out int i) ? Tensors[i] : null;

    /// <summary>Reads the values of <paramref name="tensor"/> as float64, in C (row-major) order.</summary>
    public double[] ReadValues(CheckpointTensor tensor)
    {
        int i = IndexOf(tensor);
        var values = new double[tensor.Count];
        ReadCore(i, values);
        return values;
    }

    /// <summary>Reads the values of <paramref name="tensor"/> into the first n elements of
    /// <paramref name="destination"/> (a reusable buffer: no allocation of the tensor's size).</summary>
    public void ReadValues(CheckpointTensor tensor, Span<double> destination)
    {
        int i = IndexOf(tensor);
        if (destination.Length < tensor.Count)
            throw new ArgumentException($"the buffer holds {destination.Length} values, tensor '{tensor.Name}' has {tensor.Count}", nameof(destination));
        ReadCore(i, destination[..(int)tensor.Count]);
    }

    /// <summary>Whether <see cref="ReadRange"/> works for this file (a random-access format).</summary>
    public virtual bool CanReadRanges => false;

    /// <summary>Reads values <paramref name="start"/> .. start + destination.Length − 1 (C order) of
    /// <paramref name="tensor"/> into <paramref name="destination"/>: a chunk of a tensor too large to
    /// hold in float64. Only where <see cref="CanReadRanges"/>.</summary>
    public void ReadRange(CheckpointTensor tensor, long start, Span<double> destination)
    {
        int i = IndexOf(tensor);
        if (start < 0 || start + destination.Length > tensor.Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"values {start}..{start + destination.Length} are outside tensor '{tensor.Name}' ({tensor.Count} values)");
        if (!CanReadRanges) throw new NotSupportedException($"{Format} files are read whole");
        ReadRangeCore(i, start, destination);
    }

    /// <summary>The format's <see cref="ReadRange"/> (called with a checked range).</summary>
    protected virtual void ReadRangeCore(int index, long start, Span<double> destination) => throw new NotSupportedException();

    private int IndexOf(CheckpointTensor tensor) =>
        _index.TryGetValue(tensor.Name, out int i) && ReferenceEquals(Tensors[i], tensor)
            ? i : throw new KelvinException($"{Format}: tensor '{tensor.Name}' is not part of this checkpoint");

    /// <summary>Reads the first <c>destination.Length</c> values of <paramref name="tensor"/> (at most its
    /// count) in C order: a cheap fingerprint. Formats that can seek read only those values.</summary>
    public void ReadLeading(CheckpointTensor tensor, Span<double> destination)
    {
        int i = IndexOf(tensor);
        if (destination.Length > tensor.Count) throw new ArgumentException($"tensor '{tensor.Name}' has only {tensor.Count} values", nameof(destination));
        ReadLeadingCore(i, destination);
    }

    /// <summary>Fills <paramref name="destination"/> with the first values of tensor <paramref name="index"/>;
    /// by default reads the whole tensor and copies its head.</summary>
    protected virtual void ReadLeadingCore(int index, Span<double> destination)
    {
        var all = new double[Tensors[index].Count];
        ReadCore(index, all);
        all.AsSpan(0, destination.Length).CopyTo(destination);
    }

    /// <summary>Reads the values of the tensor called <paramref name="name"/>.</summary>
    public double[] ReadValues(string name) =>
        ReadValues(Find(name) ?? throw new KelvinException($"{Format}: no tensor named '{name}'"));

    /// <summary>Fills <paramref name="destination"/> (exactly n long) with tensor <paramref name="index"/>
    /// in C order; throws a <see cref="KelvinException"/> when the file cannot supply them.</summary>
    protected abstract void ReadCore(int index, Span<double> destination);

    /// <summary>Releases the file.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the underlying stream when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing) { }

    /// <summary>The supported formats, as named in messages and JSON.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["safetensors", "pytorch (.pt/.pth/.bin)", "npy", "npz", "onnx"];

    /// <summary>Opens the file or folder at <paramref name="path"/> (a folder: see <see cref="ShardedCheckpoint.Resolve"/>).</summary>
    public static CheckpointFile Open(string path)
    {
        if (Directory.Exists(path)) path = ShardedCheckpoint.Resolve(path);
        if (path.EndsWith(".index.json", StringComparison.OrdinalIgnoreCase)) return ShardedCheckpoint.OpenIndex(path);
        var stream = Files.InputFile.OpenRead(path, "checkpoint", Files.InputFile.CheckpointLimit);
        try { return Open(stream, path, ownsStream: true); }
        catch { stream.Dispose(); throw; }
    }

    /// <summary>Opens <paramref name="stream"/> (seekable); <paramref name="fileName"/> supplies the
    /// extension when the bytes do not tell the format, and names the tensor of a lone .npy.</summary>
    public static CheckpointFile Open(Stream stream, string fileName, bool ownsStream = false)
    {
        if (!stream.CanSeek) throw new KelvinException("a checkpoint must be read from a seekable file");
        string format = Detect(stream, fileName);
        stream.Position = 0;
        return format switch
        {
            "npy" => new NpyCheckpoint(stream, Path.GetFileNameWithoutExtension(fileName), ownsStream),
            "npz" => new NpzCheckpoint(stream, ownsStream),
            "pytorch" => new PyTorch.PyTorchCheckpoint(stream, ownsStream),
            "safetensors" => new SafetensorsCheckpoint(stream, ownsStream),
            _ => new OnnxCheckpoint(stream, ownsStream),
        };
    }

    /// <summary>The format of <paramref name="stream"/>: by magic bytes first, then by extension.</summary>
    public static string Detect(Stream stream, string fileName)
    {
        Span<byte> head = stackalloc byte[16];
        stream.Position = 0;
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith(NpyHeader.Magic)) return "npy";
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return PyTorch.PyTorchCheckpoint.IsTorchZip(stream) ? "pytorch" : "npz";
        if (n >= 9 && head[8] == (byte)'{') return "safetensors";
        if (PyTorch.PyTorchCheckpoint.IsLegacy(head)) throw new KelvinException(PyTorch.PyTorchCheckpoint.LegacyMessage(fileName));
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".onnx" => "onnx",
            ".safetensors" => "safetensors",
            ".npy" => "npy",
            ".npz" => "npz",
            ".pt" or ".pth" or ".bin" or ".ckpt" => throw new KelvinException($"{Path.GetFileName(fileName)} is not a torch.save zip file (PyTorch ≥ 1.6) nor a legacy one"),
            var ext => throw new KelvinException($"cannot tell the checkpoint format of '{Path.GetFileName(fileName)}' (extension '{ext}'): expected {string.Join(", ", Formats)}"),
        };
    }
}
