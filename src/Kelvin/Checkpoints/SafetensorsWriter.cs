using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Kelvin.Checkpoints;

/// <summary>
/// Writes named tensors and string metadata as a safetensors file (F32 or F64), readable by
/// <see cref="SafetensorsCheckpoint"/> and by the Python safetensors package: an 8-byte
/// little-endian header length, the JSON header padded with spaces to a multiple of 8, then each
/// tensor's little-endian bytes in the given order.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> with <paramref name="metadata"/> to <paramref name="output"/>.</summary>
    public static void Write(Stream output, IReadOnlyList<WritableTensor> tensors, TensorDType dtype = TensorDType.Float32,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (dtype is not (TensorDType.Float32 or TensorDType.Float64))
            throw new KelvinException($"the safetensors writer writes F32 or F64, not {dtype.SafetensorsName()}");
        var header = Header(tensors, dtype, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        output.Write(length);
        output.Write(header);
        foreach (var t in tensors)
        {
            var values = t.Values();
            long count = TensorShape.ElementCount(t.Name, t.Shape);
            if (values.LongLength != count)
                throw new KelvinException($"tensor '{t.Name}': {values.Length} values for shape {TensorShape.Format(t.Shape)}");
            WriteValues(output, values, dtype);
        }
    }

    /// <summary>Writes the file at <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<WritableTensor> tensors, TensorDType dtype = TensorDType.Float32,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var file = File.Create(path);
        Write(file, tensors, dtype, metadata);
    }

    private static byte[] Header(IReadOnlyList<WritableTensor> tensors, TensorDType dtype, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            var names = new HashSet<string>(StringComparer.Ordinal) { "__metadata__" };
            long offset = 0;
            foreach (var t in tensors)
            {
                if (!names.Add(t.Name)) throw new KelvinException($"tensor name '{t.Name}' is used twice or reserved");
                long bytes = TensorShape.ByteCount(t.Name, t.Shape, dtype);
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", dtype.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (long d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        int padding = (int)((8 - buffer.Length % 8) % 8);
        buffer.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        return buffer.ToArray();
    }

    private static void WriteValues(Stream output, double[] values, TensorDType dtype)
    {
        int size = dtype.Size(), chunk = 1 << 16;
        var bytes = new byte[Math.Min(values.Length, chunk) * size];
        for (int start = 0; start < values.Length; start += chunk)
        {
            int n = Math.Min(chunk, values.Length - start);
            for (int i = 0; i < n; i++)
            {
                if (dtype == TensorDType.Float32) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[start + i]);
                else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[start + i]);
            }
            output.Write(bytes, 0, n * size);
        }
    }
}
