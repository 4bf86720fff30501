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
        if (!_index.TryGetValue(tensor.Name, out int i) || !ReferenceEquals(Tensors[i], tensor))
            throw new KelvinException($"{Format}: tensor '{tensor.Name}' is not part of this checkpoint");
        var values = ReadCore(i);
        if (values.LongLength != tensor.Count)
            throw new KelvinException($"{Format}: tensor '{tensor.Name}' holds {values.LongLength} values, its shape {TensorShape.Format(tensor.Shape)} needs {tensor.Count}");
        return values;
    }

    /// <summary>Reads the values of the tensor called <paramref name="name"/>.</summary>
    public double[] ReadValues(string name) =>
        ReadValues(Find(name) ?? throw new KelvinException($"{Format}: no tensor named '{name}'"));

    /// <summary>Reads tensor <paramref name="index"/> in C order; the caller checks the count.</summary>
    protected abstract double[] ReadCore(int index);

    /// <summary>Releases the file.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the underlying stream when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing) { }
}
