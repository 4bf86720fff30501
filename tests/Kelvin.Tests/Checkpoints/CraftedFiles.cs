using System.Buffers.Binary;
using System.Text;
using Google.Protobuf;

namespace Kelvin.Tests.Checkpoints;

/// <summary>Hand-made (and deliberately broken) checkpoint bytes for the robustness tests.</summary>
internal static class CraftedFiles
{
    /// <summary>A safetensors file with the given JSON header and data bytes.</summary>
    public static byte[] Safetensors(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + json.Length);
        return bytes;
    }

    /// <summary>A version-1 .npy file with the given header dict and data bytes.</summary>
    public static byte[] Npy(string dict, byte[] data)
    {
        var text = Encoding.ASCII.GetBytes(dict + "\n");
        var bytes = new byte[10 + text.Length + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        text.CopyTo(bytes, 10);
        data.CopyTo(bytes, 10 + text.Length);
        return bytes;
    }

    /// <summary>An ONNX ModelProto whose graph holds one initializer written by <paramref name="tensor"/>.</summary>
    public static byte[] Onnx(Action<CodedOutputStream> tensor)
    {
        var t = Message(tensor);
        var graph = Message(o => { o.WriteTag(5, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(t)); });
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(8); // ir_version
            o.WriteTag(7, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(graph));
        });
    }

    /// <summary>TensorProto fields: packed dims, data_type, name.</summary>
    public static void Header(CodedOutputStream o, string name, int dataType, params long[] dims)
    {
        var packed = Message(p => { foreach (var d in dims) p.WriteInt64(d); });
        o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(packed));
        o.WriteTag(2, WireFormat.WireType.Varint); o.WriteInt32(dataType);
        o.WriteTag(8, WireFormat.WireType.LengthDelimited); o.WriteString(name);
    }

    public static byte[] Message(Action<CodedOutputStream> write)
    {
        using var ms = new MemoryStream();
        var o = new CodedOutputStream(ms);
        write(o);
        o.Flush();
        return ms.ToArray();
    }

    public static byte[] Floats(params float[] values)
    {
        var b = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), values[i]);
        return b;
    }
}
