using System.Buffers.Binary;

namespace Kelvin.Checkpoints;

/// <summary>The floating-point element types Kelvin reads from checkpoints (little-endian on disk).</summary>
public enum TensorDType
{
    /// <summary>IEEE 754 binary16 (2 bytes).</summary>
    Float16,
    /// <summary>bfloat16: the top 16 bits of a float32 (2 bytes).</summary>
    BFloat16,
    /// <summary>IEEE 754 binary32 (4 bytes).</summary>
    Float32,
    /// <summary>IEEE 754 binary64 (8 bytes).</summary>
    Float64,
}

/// <summary>Sizes, names and decoding of <see cref="TensorDType"/>.</summary>
public static class TensorDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float16 or TensorDType.BFloat16 => 2,
        TensorDType.Float32 => 4,
        TensorDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>The safetensors spelling: F16, BF16, F32, F64.</summary>
    public static string SafetensorsName(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float16 => "F16",
        TensorDType.BFloat16 => "BF16",
        TensorDType.Float32 => "F32",
        TensorDType.Float64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Decodes little-endian elements of <paramref name="dtype"/> from <paramref name="bytes"/>
    /// into <paramref name="values"/> (bytes.Length = values.Length · size).</summary>
    public static void Decode(this TensorDType dtype, ReadOnlySpan<byte> bytes, Span<double> values)
    {
        int size = dtype.Size();
        if (bytes.Length != (long)values.Length * size)
            throw new KelvinException($"tensor data has {bytes.Length} bytes, expected {(long)values.Length * size}");
        switch (dtype)
        {
            case TensorDType.Float16:
                for (int i = 0; i < values.Length; i++)
                    values[i] = (double)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]));
                break;
            case TensorDType.BFloat16:
                for (int i = 0; i < values.Length; i++)
                    values[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16);
                break;
            case TensorDType.Float32:
                for (int i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                break;
            case TensorDType.Float64:
                for (int i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype));
        }
    }
}
