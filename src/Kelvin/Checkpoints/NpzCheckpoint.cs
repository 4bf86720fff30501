using System.IO.Compression;

namespace Kelvin.Checkpoints;

/// <summary>
/// A NumPy .npz archive (a zip of .npy arrays, stored or deflated, as np.savez and
/// np.savez_compressed write them). Each "NAME.npy" entry is a tensor called NAME. A declared array
/// size is checked against the entry's uncompressed size and against what its compressed bytes can
/// possibly inflate to (deflate expands at most 1032:1) before anything of that size is allocated.
/// </summary>
public sealed class NpzCheckpoint : CheckpointFile
{
    /// <summary>The most a deflate stream can expand (RFC 1951's maximum ratio, rounded up).</summary>
    private const long MaxDeflateRatio = 1032;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ZipArchive _zip;
    private readonly List<(ZipArchiveEntry Entry, NpyHeader Header)> _arrays = [];

    public override string Format => "npz";

    /// <summary>Reads the archive's directory and every array header of <paramref name="stream"/>.</summary>
    public NpzCheckpoint(Stream stream, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        try
        {
            _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var tensors = new List<CheckpointTensor>();
            var skipped = new List<SkippedTensor>();
            foreach (var entry in _zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                string name = entry.FullName[..^4];
                long available = Available(entry, name);
                NpyHeader header;
                using (var s = entry.Open()) header = NpyHeader.Read(s, available, $"npz '{name}'");
                if (!header.IsFloat)
                {
                    skipped.Add(new SkippedTensor(name, header.Integer!.Code, "not a floating-point tensor"));
                    continue;
                }
                var tensor = new CheckpointTensor(name, header.Shape, header.DType);
                if (tensor.ByteCount > available - header.HeaderBytes)
                    throw new KelvinException($"npz '{name}': shape {TensorShape.Format(tensor.Shape)} needs {tensor.ByteCount} bytes but the entry holds at most {available - header.HeaderBytes} after the header");
                tensors.Add(tensor);
                _arrays.Add((entry, header));
            }
            Skipped = skipped;
            SetTensors(tensors);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new KelvinException($"npz: not a readable zip archive ({e.Message.ReplaceLineEndings(" ")})");
        }
    }


    /// <summary>The bytes an entry can really hold: its declared size, bounded by its compressed size
    /// (itself bounded by the file) times the largest deflate ratio.</summary>
    private long Available(ZipArchiveEntry entry, string name)
    {
        long compressed = entry.CompressedLength, declared = entry.Length;
        if (compressed < 0 || compressed > _stream.Length)
            throw new KelvinException($"npz '{name}': the entry claims {compressed} compressed bytes in a {_stream.Length}-byte file");
        long possible = compressed > long.MaxValue / MaxDeflateRatio ? long.MaxValue : compressed * MaxDeflateRatio + 64;
        if (declared < 0 || declared > possible)
            throw new KelvinException($"npz '{name}': the entry claims {declared} bytes, more than {compressed} compressed bytes can hold");
        return declared;
    }

    protected override void ReadCore(int index, Span<double> values)
    {
        var (entry, header) = _arrays[index];
        var t = Tensors[index];
        string what = $"npz '{t.Name}'";
        try
        {
            using var s = entry.Open();
            Span<byte> skip = stackalloc byte[4096];
            for (int left = header.HeaderBytes; left > 0;)
            {
                int n = s.Read(skip[..Math.Min(left, skip.Length)]);
                if (n == 0) throw new KelvinException($"{what}: the entry ends inside its header");
                left -= n;
            }
            StreamBytes.ReadValuesInto(s, -1, t.DType, values, what);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new KelvinException($"{what}: the compressed data is damaged ({e.Message.ReplaceLineEndings(" ")})");
        }
        if (header.FortranOrder) NpyHeader.FortranToC(values, t.Shape);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _zip?.Dispose();
        if (_ownsStream) _stream.Dispose();
    }
}
