namespace Kelvin.Checkpoints;

/// <summary>
/// One tensor of a checkpoint as the file declares it: its name (kept exactly as in the file), shape,
/// element type and element count n = Π shape. The values are not held here; a
/// <see cref="CheckpointFile"/> reads them on demand, one tensor at a time.
/// </summary>
public sealed record CheckpointTensor(string Name, IReadOnlyList<long> Shape, TensorDType DType)
{
    /// <summary>n, the number of elements (checked: see <see cref="TensorShape.ElementCount"/>).</summary>
    public long Count { get; } = TensorShape.ElementCount(Name, Shape);

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int Rank => Shape.Count;

    /// <summary>The bytes the values take on disk, n · element size.</summary>
    public long ByteCount => Count * DType.Size();
}
