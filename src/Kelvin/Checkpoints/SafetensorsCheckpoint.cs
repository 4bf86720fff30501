using System.Buffers.Binary;
using System.Text.Json;

namespace Kelvin.Checkpoints;

/// <summary>
/// A safetensors file: an 8-byte little-endian header length N, a UTF-8 JSON header of N bytes
/// mapping each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative to
/// the data buffer that follows the header) plus an optional "__metadata__" string map, then the raw
/// little-endian data. Reads F16, BF16, F32 and F64; integer, boolean and 8-bit float tensors are
/// listed in <see cref="CheckpointFile.Skipped"/>; any other dtype is an error.
/// </summary>
public sealed class SafetensorsCheckpoint : CheckpointFile
{
    /// <summary>The largest JSON header accepted (the reference implementation's limit, 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private static readonly HashSet<string> NonFloat = new(StringComparer.Ordinal)
        { "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2" };

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly long[] _offsets;

    public override string Format => "safetensors";

    /// <summary>Parses the header of <paramref name="stream"/> (seekable); values are read on demand.</summary>
    public SafetensorsCheckpoint(Stream stream, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        if (!stream.CanSeek) throw new KelvinException("safetensors: the input must be seekable");
        long length = stream.Length;
        if (length < 8) throw new KelvinException($"safetensors: the file has {length} bytes, fewer than the 8-byte header length");
        var lengthBytes = StreamBytes.Read(stream, 0, 8, "safetensors header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(length - 8))
            throw new KelvinException($"safetensors: the header claims {headerLength} bytes but only {length - 8} follow (truncated or not safetensors)");
        if (headerLength > MaxHeaderBytes)
            throw new KelvinException($"safetensors: the header claims {headerLength} bytes, more than the {MaxHeaderBytes} allowed");
        long dataStart = 8 + (long)headerLength;
        long dataLength = length - dataStart;
        var header = StreamBytes.Read(stream, 8, (long)headerLength, "safetensors header");

        var tensors = new List<CheckpointTensor>();
        var offsets = new List<long>();
        var skipped = new List<SkippedTensor>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(header);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new KelvinException("safetensors: the header is not a JSON object");
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    ReadMetadata(entry.Value, metadata);
                    continue;
                }
                var (dtypeName, shape, begin, end) = ReadEntry(entry);
                if (end < begin || end > dataLength)
                    throw new KelvinException($"safetensors: tensor '{entry.Name}' has data offsets [{begin}, {end}] outside the {dataLength}-byte data buffer");
                if (NonFloat.Contains(dtypeName))
                {
                    skipped.Add(new SkippedTensor(entry.Name, dtypeName, "not a floating-point tensor"));
                    continue;
                }
                var dtype = ParseDType(entry.Name, dtypeName);
                var tensor = new CheckpointTensor(entry.Name, shape, dtype);
                if (end - begin != tensor.ByteCount)
                    throw new KelvinException($"safetensors: tensor '{entry.Name}' {TensorShape.Format(shape)} {dtypeName} needs {tensor.ByteCount} bytes but its offsets span {end - begin}");
                tensors.Add(tensor);
                offsets.Add(dataStart + begin);
            }
        }
        catch (JsonException e)
        {
            throw new KelvinException($"safetensors: the header is not valid JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new KelvinException($"safetensors: the header is not valid UTF-8 JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
        _offsets = [.. offsets];
        Skipped = skipped;
        Metadata = metadata;
        SetTensors(tensors);
    }


    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new KelvinException("safetensors: __metadata__ is not an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new KelvinException($"safetensors: __metadata__ value '{item.Name}' is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static (string DType, long[] Shape, long Begin, long End) ReadEntry(JsonProperty entry)
    {
        var v = entry.Value;
        string where = $"safetensors: tensor '{entry.Name}'";
        if (v.ValueKind != JsonValueKind.Object) throw new KelvinException($"{where} is not an object");
        if (!v.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
            throw new KelvinException($"{where} has no dtype string");
        if (!v.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
            throw new KelvinException($"{where} has no shape array");
        if (!v.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw new KelvinException($"{where} has no data_offsets pair");
        var dims = new long[shape.GetArrayLength()];
        int i = 0;
        foreach (var d in shape.EnumerateArray()) dims[i++] = NonNegative(d, where, "shape");
        long begin = NonNegative(offsets[0], where, "data_offsets");
        long end = NonNegative(offsets[1], where, "data_offsets");
        return (dtype.GetString()!, dims, begin, end);
    }

    private static long NonNegative(JsonElement e, string where, string field) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long x) && x >= 0
            ? x : throw new KelvinException($"{where} has a {field} entry that is not a non-negative integer ({e.GetRawText()})");

    private static TensorDType ParseDType(string tensor, string name) => name switch
    {
        "F16" => TensorDType.Float16,
        "BF16" => TensorDType.BFloat16,
        "F32" => TensorDType.Float32,
        "F64" => TensorDType.Float64,
        _ => throw new KelvinException($"safetensors: tensor '{tensor}' has an unknown dtype '{name}'"),
    };

    protected override void ReadCore(int index, Span<double> destination)
    {
        var t = Tensors[index];
        StreamBytes.ReadValues(_stream, _offsets[index], t.DType, destination, $"safetensors: tensor '{t.Name}'");
    }

    /// <inheritdoc/>
    public override bool CanReadRanges => true;

    protected override void ReadRangeCore(int index, long start, Span<double> destination)
    {
        var t = Tensors[index];
        StreamBytes.ReadValues(_stream, _offsets[index] + start * t.DType.Size(), t.DType, destination, $"safetensors: tensor '{t.Name}'");
    }

    protected override void ReadLeadingCore(int index, Span<double> destination) => ReadRangeCore(index, 0, destination);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsStream) _stream.Dispose();
    }
}
