namespace Kelvin.Checkpoints;

/// <summary>A single NumPy .npy array as a one-tensor checkpoint (the tensor is named after the file).</summary>
public sealed class NpyCheckpoint : CheckpointFile
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly NpyHeader _header;

    public override string Format => "npy";

    /// <summary>Parses the header of <paramref name="stream"/> (seekable); the tensor is called <paramref name="name"/>.</summary>
    public NpyCheckpoint(Stream stream, string name, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        if (!stream.CanSeek) throw new KelvinException("npy: the input must be seekable");
        stream.Position = 0;
        _header = NpyHeader.Read(stream, stream.Length, $"npy '{name}'");
        if (!_header.IsFloat)
            throw new KelvinException($"npy '{name}': unsupported .npy dtype '{_header.Integer!.Code}' for weights, an array of integers (expected float16, float32 or float64)");
        var tensor = new CheckpointTensor(name, _header.Shape, _header.DType);
        if (tensor.ByteCount > stream.Length - _header.HeaderBytes)
            throw new KelvinException($"npy '{name}': shape {TensorShape.Format(tensor.Shape)} needs {tensor.ByteCount} bytes but the file holds {stream.Length - _header.HeaderBytes} after the header (truncated)");
        SetTensors([tensor]);
    }


    protected override void ReadCore(int index, Span<double> destination)
    {
        var t = Tensors[index];
        StreamBytes.ReadValues(_stream, _header.HeaderBytes, t.DType, destination, $"npy '{t.Name}'");
        if (_header.FortranOrder) NpyHeader.FortranToC(destination, t.Shape);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsStream) _stream.Dispose();
    }
}
