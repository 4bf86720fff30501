using System.Text;
using Google.Protobuf;

namespace Kelvin.Checkpoints;

/// <summary>
/// The initializers (the trained parameters) of an ONNX model, read straight from the protobuf wire
/// format: ModelProto.graph (field 7) → GraphProto.initializer (field 5) → TensorProto with
/// dims (1), data_type (2), name (8), raw_data (9), and the typed float_data (4), int32_data (5, the
/// bit patterns of float16/bfloat16) and double_data (10). Every other field is skipped. Tensors of
/// non-float element types are listed in <see cref="CheckpointFile.Skipped"/>; external data is refused.
/// </summary>
public sealed class OnnxCheckpoint : CheckpointFile
{
    private enum Source { Raw, PackedFloat, PackedDouble, PackedInt32, Inline }

    private sealed record Location(Source Source, long Offset, long Length, List<double>? Inline);

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly List<Location> _locations = [];

    public override string Format => "onnx";

    /// <summary>Indexes the initializers of the ONNX model in <paramref name="stream"/> (seekable).</summary>
    public OnnxCheckpoint(Stream stream, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        if (!stream.CanSeek) throw new KelvinException("onnx: the input must be seekable");
        var tensors = new List<CheckpointTensor>();
        var skipped = new List<SkippedTensor>();
        bool sawGraph = false;
        foreach (var model in ProtobufFields.Walk(stream, 0, stream.Length, "onnx model"))
        {
            if (model.Number != 7 || model.Type != WireFormat.WireType.LengthDelimited) continue;
            sawGraph = true;
            foreach (var graph in ProtobufFields.Walk(stream, model.Offset, model.Offset + model.Length, "onnx graph"))
            {
                if (graph.Number != 5 || graph.Type != WireFormat.WireType.LengthDelimited) continue;
                ReadInitializer(graph.Offset, graph.Offset + graph.Length, tensors, skipped);
            }
        }
        if (!sawGraph) throw new KelvinException("onnx: no graph found (not an ONNX model)");
        Skipped = skipped;
        SetTensors(tensors);
    }


    private void ReadInitializer(long start, long end, List<CheckpointTensor> tensors, List<SkippedTensor> skipped)
    {
        string what = $"onnx initializer at byte {start}";
        var dims = new List<long>();
        long dataType = 0, location = 0;
        string? name = null;
        Location? data = null;
        List<double>? inline = null;
        foreach (var f in ProtobufFields.Walk(_stream, start, end, what))
        {
            bool delimited = f.Type == WireFormat.WireType.LengthDelimited;
            switch (f.Number)
            {
                case 1 when delimited:
                    if (f.Length > 1024) throw new KelvinException($"{what}: {f.Length} bytes of dims");
                    dims.AddRange(ProtobufFields.PackedVarints(StreamBytes.Read(_stream, f.Offset, f.Length, what), what));
                    break;
                case 1 when f.Type == WireFormat.WireType.Varint:
                    dims.Add((long)f.Value);
                    break;
                case 2 when f.Type == WireFormat.WireType.Varint:
                    dataType = (long)f.Value;
                    break;
                case 8 when delimited:
                    if (f.Length > 65_536) throw new KelvinException($"{what}: a {f.Length}-byte name");
                    try { name = new UTF8Encoding(false, true).GetString(StreamBytes.Read(_stream, f.Offset, f.Length, what)); }
                    catch (DecoderFallbackException) { throw new KelvinException($"{what}: the name is not valid UTF-8"); }
                    break;
                case 9 when delimited: data = new(Source.Raw, f.Offset, f.Length, null); break;
                case 4 when delimited: data = new(Source.PackedFloat, f.Offset, f.Length, null); break;
                case 10 when delimited: data = new(Source.PackedDouble, f.Offset, f.Length, null); break;
                case 5 when delimited: data = new(Source.PackedInt32, f.Offset, f.Length, null); break;
                case 4 when f.Type == WireFormat.WireType.Fixed32:
                    (inline ??= []).Add(BitConverter.UInt32BitsToSingle((uint)f.Value));
                    break;
                case 10 when f.Type == WireFormat.WireType.Fixed64:
                    (inline ??= []).Add(BitConverter.UInt64BitsToDouble(f.Value));
                    break;
                case 5 when f.Type == WireFormat.WireType.Varint:
                    (inline ??= []).Add(HalfBits(dataType, (ushort)f.Value));
                    break;
                case 14 when f.Type == WireFormat.WireType.Varint:
                    location = (long)f.Value;
                    break;
            }
        }
        name ??= $"initializer@{start}";
        what = $"onnx initializer '{name}'";
        if (location == 1) throw new KelvinException($"{what}: stored as external data, which Kelvin does not read; re-export with the weights inside the model");
        TensorDType? dtype = dataType switch
        {
            1 => TensorDType.Float32,
            10 => TensorDType.Float16,
            11 => TensorDType.Float64,
            16 => TensorDType.BFloat16,
            >= 2 and <= 9 or >= 12 and <= 15 or >= 17 and <= 25 => null,
            _ => throw new KelvinException($"{what}: unknown ONNX data_type {dataType}"),
        };
        if (dtype is null)
        {
            skipped.Add(new SkippedTensor(name, $"onnx:{dataType}", "not a floating-point tensor"));
            return;
        }
        var tensor = new CheckpointTensor(name, [.. dims], dtype.Value);
        data = inline is not null ? new(Source.Inline, 0, 0, inline) : data ?? new(Source.Raw, 0, 0, null);
        long expected = data.Source switch
        {
            Source.Raw => tensor.ByteCount,
            Source.PackedFloat => tensor.Count * 4,
            Source.PackedDouble => tensor.Count * 8,
            _ => -1,
        };
        if (expected >= 0 && data.Length != expected)
            throw new KelvinException($"{what}: shape {TensorShape.Format(tensor.Shape)} needs {expected} bytes of data but the file holds {data.Length}");
        if (data.Source == Source.PackedInt32 && (data.Length < tensor.Count || data.Length > 3 * tensor.Count))
            throw new KelvinException($"{what}: shape {TensorShape.Format(tensor.Shape)} does not fit its {data.Length} bytes of int32_data");
        if (data.Source == Source.Inline && data.Inline!.Count != tensor.Count)
            throw new KelvinException($"{what}: shape {TensorShape.Format(tensor.Shape)} needs {tensor.Count} values but the file holds {data.Inline.Count}");
        tensors.Add(tensor);
        _locations.Add(data);
    }

    private static double HalfBits(long dataType, ushort bits) =>
        dataType == 16 ? BitConverter.UInt32BitsToSingle((uint)bits << 16) : (double)BitConverter.UInt16BitsToHalf(bits);

    protected override void ReadCore(int index, Span<double> destination)
    {
        var t = Tensors[index];
        var loc = _locations[index];
        string what = $"onnx initializer '{t.Name}'";
        switch (loc.Source)
        {
            case Source.Raw: StreamBytes.ReadValues(_stream, loc.Offset, t.DType, destination, what); break;
            case Source.PackedFloat: StreamBytes.ReadValues(_stream, loc.Offset, TensorDType.Float32, destination, what); break;
            case Source.PackedDouble: StreamBytes.ReadValues(_stream, loc.Offset, TensorDType.Float64, destination, what); break;
            case Source.Inline: loc.Inline!.ToArray().CopyTo(destination); break;
            default:
                var bits = ProtobufFields.PackedVarints(StreamBytes.Read(_stream, loc.Offset, loc.Length, what), what);
                if (bits.Count != t.Count) throw new KelvinException($"{what}: {bits.Count} values for a shape of {t.Count}");
                long dataType = t.DType == TensorDType.BFloat16 ? 16 : 10;
                for (int i = 0; i < bits.Count; i++) destination[i] = HalfBits(dataType, (ushort)bits[i]);
                break;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsStream) _stream.Dispose();
    }
}
