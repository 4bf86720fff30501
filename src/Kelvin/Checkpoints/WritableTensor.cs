namespace Kelvin.Checkpoints;

/// <summary>A named tensor to write: its shape and a function that yields its values in C order when
/// the writer reaches it (so a writer holds one tensor at a time).</summary>
public sealed record WritableTensor(string Name, IReadOnlyList<long> Shape, Func<double[]> Values)
{
    /// <summary>A tensor whose values are already in memory.</summary>
    public static WritableTensor Of(string name, IReadOnlyList<long> shape, double[] values) => new(name, shape, () => values);

    /// <summary>A tensor of float32 values already in memory (e.g. a network's weights).</summary>
    public static WritableTensor Of(string name, IReadOnlyList<long> shape, float[] values) =>
        new(name, shape, () => Array.ConvertAll(values, v => (double)v));
}
