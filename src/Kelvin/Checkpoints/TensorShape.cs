namespace Kelvin.Checkpoints;

/// <summary>Checked arithmetic on declared tensor shapes: a file can declare anything, so every
/// product is computed with overflow checks and bounded before a byte is allocated.</summary>
public static class TensorShape
{
    /// <summary>The most elements Kelvin reads into one tensor (the largest .NET array).</summary>
    public static long MaxElements => Array.MaxLength;

    /// <summary>The element count Π dims, or a <see cref="KelvinException"/> for a negative dimension,
    /// an overflowing product or more than <see cref="MaxElements"/> elements.</summary>
    public static long ElementCount(string name, IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0) throw new KelvinException($"tensor '{name}' has a negative dimension ({Format(shape)})");
            try { count = checked(count * d); }
            catch (OverflowException) { throw new KelvinException($"tensor '{name}' declares a shape whose size overflows ({Format(shape)})"); }
        }
        if (count > MaxElements) throw new KelvinException($"tensor '{name}' declares {count} elements, more than Kelvin reads into one layer ({MaxElements})");
        return count;
    }

    /// <summary>The byte count Π dims · element size, checked like <see cref="ElementCount"/>.</summary>
    public static long ByteCount(string name, IReadOnlyList<long> shape, TensorDType dtype) =>
        ElementCount(name, shape) * dtype.Size();

    /// <summary>"[16, 8]".</summary>
    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";
}
