using Google.Protobuf;

namespace Kelvin.Checkpoints;

/// <summary>One field of a protobuf message on disk: its number, wire type, and either its varint /
/// fixed value or, for a length-delimited field, the absolute offset and length of its payload.</summary>
internal readonly record struct ProtobufField(int Number, WireFormat.WireType Type, ulong Value, long Offset, long Length);

/// <summary>
/// Walks the fields of a protobuf message that lies in [start, end) of a seekable stream without
/// loading its payloads: each tag and length is decoded by Google.Protobuf's
/// <see cref="CodedInputStream"/> from a small window, and payloads are left on disk as (offset,
/// length) so that a large tensor is read only when asked for. Every length is checked against the
/// enclosing message before it is trusted.
/// </summary>
internal static class ProtobufFields
{
    private const int Window = 20; // a tag (≤ 5 bytes) plus a varint or length (≤ 10 bytes)

    public static IEnumerable<ProtobufField> Walk(Stream stream, long start, long end, string what)
    {
        var window = new byte[Window];
        long pos = start;
        while (pos < end)
        {
            int n = (int)Math.Min(Window, end - pos);
            stream.Position = pos;
            try { stream.ReadExactly(window, 0, n); }
            catch (EndOfStreamException) { throw new KelvinException($"{what}: the file ends early (truncated)"); }
            var field = Decode(window, n, pos, end, what);
            pos = field.Type == WireFormat.WireType.LengthDelimited ? field.Offset + field.Length : field.Offset;
            yield return field;
        }
    }

    private static ProtobufField Decode(byte[] window, int n, long pos, long end, string what)
    {
        try
        {
            var input = new CodedInputStream(window, 0, n);
            uint tag = input.ReadTag();
            if (tag == 0) throw new KelvinException($"{what}: invalid protobuf tag at byte {pos}");
            int number = WireFormat.GetTagFieldNumber(tag);
            var type = WireFormat.GetTagWireType(tag);
            ulong value = type switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.Fixed64 => input.ReadFixed64(),
                WireFormat.WireType.Fixed32 => input.ReadFixed32(),
                WireFormat.WireType.LengthDelimited => (ulong)(uint)input.ReadLength(),
                _ => throw new KelvinException($"{what}: unsupported protobuf wire type {type} at byte {pos}"),
            };
            long next = pos + input.Position;
            if (type == WireFormat.WireType.LengthDelimited)
            {
                long length = (long)value;
                if (length > int.MaxValue || length > end - next)
                    throw new KelvinException($"{what}: a field at byte {pos} claims {length} bytes but its message has {end - next} left (truncated or corrupt)");
                return new ProtobufField(number, type, 0, next, length);
            }
            if (next > end) throw new KelvinException($"{what}: a field at byte {pos} runs past the end of its message");
            return new ProtobufField(number, type, value, next, 0);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new KelvinException($"{what}: corrupt protobuf at byte {pos} ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    /// <summary>Decodes the packed varints of a payload (e.g. repeated int64 dims).</summary>
    public static List<long> PackedVarints(byte[] payload, string what)
    {
        var values = new List<long>();
        try
        {
            var input = new CodedInputStream(payload);
            while (!input.IsAtEnd) values.Add(input.ReadInt64());
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new KelvinException($"{what}: corrupt packed varints ({e.Message.ReplaceLineEndings(" ")})");
        }
        return values;
    }
}
