namespace Kelvin.Checkpoints;

/// <summary>Bounded reads from a seekable stream: every read checks that the bytes exist before it
/// allocates a buffer of the requested size.</summary>
internal static class StreamBytes
{
    /// <summary>Reads <paramref name="length"/> bytes at <paramref name="offset"/>, or throws a
    /// <see cref="KelvinException"/> naming <paramref name="what"/> when the stream is shorter.</summary>
    public static byte[] Read(Stream stream, long offset, long length, string what)
    {
        if (offset < 0 || length < 0 || offset > stream.Length || length > stream.Length - offset)
            throw new KelvinException($"{what}: needs bytes {offset}..{offset + length} but the file has only {stream.Length} (truncated or a wrong offset)");
        if (length > Array.MaxLength) throw new KelvinException($"{what}: {length} bytes is more than Kelvin reads at once");
        var buffer = new byte[length];
        stream.Position = offset;
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new KelvinException($"{what}: the file ends early (truncated)"); }
        return buffer;
    }

    /// <summary>Reads bytes at <paramref name="offset"/> (checked against the stream's length first) and
    /// decodes them as <paramref name="dtype"/> into <paramref name="values"/>, in 1 MB chunks.</summary>
    public static void ReadValues(Stream stream, long offset, TensorDType dtype, Span<double> values, string what)
    {
        long bytes = (long)values.Length * dtype.Size();
        if (offset < 0 || offset > stream.Length || bytes > stream.Length - offset)
            throw new KelvinException($"{what}: needs bytes {offset}..{offset + bytes} but the file has only {stream.Length} (truncated or a wrong offset)");
        ReadValuesInto(stream, offset, dtype, values, what);
    }

    /// <summary>Fills <paramref name="values"/> from little-endian <paramref name="dtype"/> elements at
    /// <paramref name="offset"/> (a seekable stream) or at the current position (offset &lt; 0).</summary>
    public static void ReadValuesInto(Stream stream, long offset, TensorDType dtype, Span<double> values, string what)
    {
        if (offset >= 0) stream.Position = offset;
        int size = dtype.Size();
        int chunk = Math.Max(1, (1 << 20) / size);
        var buffer = new byte[Math.Min(values.Length, chunk) * size];
        for (int start = 0; start < values.Length; start += chunk)
        {
            int n = Math.Min(chunk, values.Length - start);
            var span = buffer.AsSpan(0, n * size);
            try { stream.ReadExactly(span); }
            catch (EndOfStreamException) { throw new KelvinException($"{what}: the data ends early (truncated)"); }
            dtype.Decode(span, values.Slice(start, n));
        }
    }
}
