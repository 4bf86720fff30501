using System.Buffers.Binary;

namespace Kelvin.Checkpoints;

/// <summary>A little-endian integer or boolean .npy element type ('&lt;i8', '|u1', '|b1', …): never a
/// weight (skipped in checkpoints), but read for data targets such as class labels.</summary>
public sealed record NpyInteger(string Code, int Size, bool Signed)
{
    /// <summary>The integer type of a .npy descr, or null when it is not one.</summary>
    public static NpyInteger? Parse(string descr)
    {
        string code = descr.Length > 0 && descr[0] is '<' or '|' or '=' ? descr[1..] : descr;
        return code switch
        {
            "b1" or "u1" => new(code, 1, false),
            "i1" => new(code, 1, true),
            "i2" => new(code, 2, true),
            "u2" => new(code, 2, false),
            "i4" => new(code, 4, true),
            "u4" => new(code, 4, false),
            "i8" => new(code, 8, true),
            "u8" => new(code, 8, false),
            _ => null,
        };
    }

    /// <summary>Decodes one element at the start of <paramref name="bytes"/>.</summary>
    public double Decode(ReadOnlySpan<byte> bytes) => (Size, Signed) switch
    {
        (1, false) => bytes[0],
        (1, true) => (sbyte)bytes[0],
        (2, true) => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        (4, true) => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        (8, true) => BinaryPrimitives.ReadInt64LittleEndian(bytes),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
    };
}
