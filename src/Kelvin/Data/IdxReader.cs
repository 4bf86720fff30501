using System.Buffers.Binary;
using System.IO.Compression;

namespace Kelvin.Data;

/// <summary>
/// Reads the IDX format of MNIST-like datasets (big-endian magic 0x0000 0x08 rank, then one int32
/// per dimension, then unsigned bytes), plain or gzip-compressed (by the .gz suffix).
/// </summary>
public static class IdxReader
{
    /// <summary>The dimensions and the raw bytes of an unsigned-byte IDX file.</summary>
    public static (int[] Shape, byte[] Data) Read(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> head = stackalloc byte[4];
        stream.ReadExactly(head);
        if (head[0] != 0 || head[1] != 0 || head[2] != 0x08)
            throw new KelvinException($"{path}: not an unsigned-byte IDX file (magic {Convert.ToHexString(head)})");
        int rank = head[3];
        if (rank is < 1 or > 4) throw new KelvinException($"{path}: IDX rank {rank} is not supported");
        var shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            stream.ReadExactly(head);
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(head);
            if (shape[i] <= 0) throw new KelvinException($"{path}: IDX dimension {i} is {shape[i]}");
            count *= shape[i];
        }
        if (count > int.MaxValue) throw new KelvinException($"{path}: IDX file too large ({count} values)");
        var data = new byte[count];
        try { stream.ReadExactly(data); }
        catch (EndOfStreamException) { throw new KelvinException($"{path}: IDX file truncated (expected {count} values)"); }
        return (shape, data);
    }
}
