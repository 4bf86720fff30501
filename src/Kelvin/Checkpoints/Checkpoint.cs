namespace Kelvin.Checkpoints;

/// <summary>
/// An opened checkpoint file: the list of its tensors (read from the header or index only) and its
/// free-form metadata. Values are read lazily, one tensor at a time, as float64, so that the memory
/// needed is that of the largest tensor, not of the model. Every malformed input ends in a
/// <see cref="KelvinException"/>; a declared size is checked against the bytes actually present
/// before anything of that size is allocated.
/// </summary>
public abstract class Checkpoint : IDisposable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>The format's name: "safetensors", "npy", "npz" or "onnx".</summary>
    public abstract string Format { get; }

    /// <summary>The tensors in file order.</summary>
    public IReadOnlyList<CheckpointTensor> Tensors { get; private set; } = [];

    /// <summary>Free-form string metadata (safetensors <c>__metadata__</c>); empty for other formats.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; protected set; } = new Dictionary<string, string>();

    /// <summary>Sets the tensor list once the reader has parsed the header (names must be unique).</summary>
    protected void SetTensors(IReadOnlyList<CheckpointTensor> tensors)
    {
        for (int i = 0; i < tensors.Count; i++)
            if (!_index.TryAdd(tensors[i].Name, i))
                throw new KelvinException($"{Format}: the tensor name '{tensors[i].Name}' occurs twice");
        Tensors = tensors;
    }

    /// <summary>The tensor called <paramref name="name"/>, or null.</summary>
    public CheckpointTensor? Find(string name) => _index.TryGetValue(name, out int i) ? Tensors[i] : null;

    /// <summary>Reads the values of <paramref name="tensor"/> as float64, in C (row-major) order.</summary>
    public double[] ReadValues(CheckpointTensor tensor)
    {
        int i = IndexOf(tensor);
        var values = new double[tensor.Count];
        ReadCore(i, values);
        return values;
    }

    /// <summary>Reads the values of <paramref name="tensor"/> into the first n elements of
    /// <paramref name="destination"/> (a reusable buffer: no allocation of the tensor's size).</summary>
    public void ReadValues(CheckpointTensor tensor, Span<double> destination)
    {
        int i = IndexOf(tensor);
        if (destination.Length < tensor.Count)
            throw new ArgumentException($"the buffer holds {destination.Length} values, tensor '{tensor.Name}' has {tensor.Count}", nameof(destination));
        ReadCore(i, destination[..(int)tensor.Count]);
    }

    private int IndexOf(CheckpointTensor tensor) =>
        _index.TryGetValue(tensor.Name, out int i) && ReferenceEquals(Tensors[i], tensor)
            ? i : throw new KelvinException($"{Format}: tensor '{tensor.Name}' is not part of this checkpoint");

    /// <summary>Reads the values of the tensor called <paramref name="name"/>.</summary>
    public double[] ReadValues(string name) =>
        ReadValues(Find(name) ?? throw new KelvinException($"{Format}: no tensor named '{name}'"));

    /// <summary>Fills <paramref name="destination"/> (exactly n long) with tensor <paramref name="index"/>
    /// in C order; throws a <see cref="KelvinException"/> when the file cannot supply them.</summary>
    protected abstract void ReadCore(int index, Span<double> destination);

    /// <summary>Releases the file.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the underlying stream when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing) { }
}
