using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Kelvin.Checkpoints.Models;

/// <summary>
/// An ONNX model run by ONNX Runtime with its parameters supplied at every run, so that the weights of
/// any checkpoint can be substituted by initializer name. ONNX Runtime lets a run override only the
/// initializers that are also graph inputs; Kelvin makes every float32 initializer one by appending a
/// second <c>graph</c> field that lists them as inputs (protobuf merges repeated occurrences of a
/// message field, so the model bytes are otherwise untouched). Runs are single-threaded, so results
/// are identical on any machine load.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Dictionary<string, CheckpointTensor> _parameters;
    private readonly Dictionary<string, float[]> _defaults = new(StringComparer.Ordinal);
    private readonly long[] _inputDims;
    private readonly TensorElementType _inputType;

    /// <summary>The model file's name (for messages).</summary>
    public string Name { get; }

    /// <summary>The float32 initializers, in file order (the parameters a checkpoint can replace).</summary>
    public IReadOnlyList<CheckpointTensor> Parameters { get; }

    /// <summary>The data input's name (the one graph input that is not an initializer): float32, or
    /// int64/int32 token ids (a transformer's), converted from the data.</summary>
    public string InputName { get; }

    /// <summary>The first output's name (logits or predictions, [batch, K] or [batch]).</summary>
    public string OutputName { get; }

    /// <summary>The input's dimensions after the batch dimension (−1 where symbolic).</summary>
    public IReadOnlyList<long> SampleDims => _inputDims[1..];

    /// <summary>Opens <paramref name="path"/>: reads its initializers and builds the session.</summary>
    public OnnxModel(string path)
    {
        if (!File.Exists(path)) throw new KelvinException($"model not found: {path}");
        Name = Path.GetFileName(path);
        byte[] bytes = File.ReadAllBytes(path);
        var floats = new List<CheckpointTensor>();
        using (var initializers = new OnnxCheckpoint(new MemoryStream(bytes, writable: false)))
            foreach (var t in initializers.Tensors.Where(t => t.DType == TensorDType.Float32))
            {
                floats.Add(t);
                _defaults[t.Name] = Array.ConvertAll(initializers.ReadValues(t), v => (float)v);
            }
        Parameters = floats;
        _parameters = floats.ToDictionary(t => t.Name, StringComparer.Ordinal);
        try
        {
            using var probe = new InferenceSession(bytes, Options());
            var declared = probe.InputMetadata.Keys.Concat(probe.OverridableInitializerMetadata.Keys).ToHashSet(StringComparer.Ordinal);
            var extra = floats.Where(t => !declared.Contains(t.Name)).ToList();
            _session = extra.Count == 0 ? new InferenceSession(bytes, Options()) : new InferenceSession([.. bytes, .. GraphInputs(extra)], Options());
        }
        catch (OnnxRuntimeException e)
        {
            throw new KelvinException($"{Name}: ONNX Runtime cannot load the model ({e.Message.ReplaceLineEndings(" ")})");
        }
        var data = _session.InputMetadata.Where(kv => !_parameters.ContainsKey(kv.Key)).ToList();
        if (data.Count != 1)
            throw new KelvinException($"{Name}: expected one data input besides the parameters, found {data.Count} ({string.Join(", ", data.Select(d => d.Key))})");
        InputName = data[0].Key;
        _inputType = data[0].Value.ElementDataType;
        if (_inputType is not (TensorElementType.Float or TensorElementType.Int64 or TensorElementType.Int32))
            throw new KelvinException($"{Name}: the input '{InputName}' is {_inputType}; Kelvin feeds float32 data or int64/int32 tokens");
        _inputDims = [.. data[0].Value.Dimensions.Select(d => (long)d)];
        if (_inputDims.Length == 0) throw new KelvinException($"{Name}: the input '{InputName}' is a scalar; expected [batch, …]");
        OutputName = _session.OutputNames[0];
    }

    private static SessionOptions Options() => new() { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };

    /// <summary>The model's own value of the float32 initializer <paramref name="name"/>.</summary>
    public float[] Default(string name) => _defaults[name];

    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public CheckpointTensor? Find(string name) => _parameters.GetValueOrDefault(name);

    /// <summary>True when the input's batch dimension is a fixed number (every run then takes exactly
    /// <see cref="BatchSize"/> samples; the last batch is padded with zeros, whose outputs are ignored).</summary>
    public bool HasFixedBatch => _inputDims[0] > 0;

    /// <summary>The batch one run takes: the input's batch dimension when fixed, else 256.</summary>
    public int BatchSize => HasFixedBatch ? (int)_inputDims[0] : 256;

    /// <summary>Runs the model on <paramref name="batch"/> samples (<paramref name="inputs"/> holds exactly their values) of <paramref name="sampleShape"/> with
    /// the given parameter values (every float32 initializer by name) and returns the first output
    /// as float32 in C order, with its shape.</summary>
    public (float[] Values, long[] Shape) Run(float[] inputs, int batch, IReadOnlyList<long> sampleShape, IReadOnlyDictionary<string, float[]> parameters)
    {
        var names = new List<string> { InputName };
        var values = new List<OrtValue>();
        try
        {
            long[] inputShape = [batch, .. sampleShape];
            values.Add(_inputType switch
            {
                TensorElementType.Int64 => OrtValue.CreateTensorValueFromMemory(Tokens(inputs, v => (long)v), inputShape),
                TensorElementType.Int32 => OrtValue.CreateTensorValueFromMemory(Tokens(inputs, v => (int)v), inputShape),
                _ => OrtValue.CreateTensorValueFromMemory(inputs, inputShape),
            });
            foreach (var p in Parameters)
            {
                names.Add(p.Name);
                values.Add(OrtValue.CreateTensorValueFromMemory(parameters[p.Name], [.. p.Shape]));
            }
            using var run = new RunOptions();
            using var outputs = _session.Run(run, names, values, [OutputName]);
            var output = outputs[0];
            var shape = output.GetTensorTypeAndShape().Shape;
            return (output.GetTensorDataAsSpan<float>().ToArray(), shape);
        }
        catch (OnnxRuntimeException e)
        {
            throw new KelvinException($"{Name}: ONNX Runtime failed ({e.Message.ReplaceLineEndings(" ")})");
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    /// <summary>Integer inputs (token ids, class indices) from the float32 data, which holds integers
    /// up to 2²⁴ exactly; a value that is not an integer is refused.</summary>
    private T[] Tokens<T>(float[] inputs, Func<float, T> convert)
    {
        var result = new T[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            float v = inputs[i];
            if (v != MathF.Floor(v) || Math.Abs(v) > 16_777_216)
                throw new KelvinException($"{Name}: the input '{InputName}' takes integers ({_inputType}) but the data holds {v}");
            result[i] = convert(v);
        }
        return result;
    }

    /// <summary>A second ModelProto.graph (field 7) holding only GraphProto.input (field 11) entries:
    /// ValueInfoProto { name = 1, type = 2: TypeProto { tensor_type = 1: { elem_type = 1 (FLOAT),
    /// shape = 2: { dim = 1: { dim_value = 1 } … } } } }.</summary>
    private static byte[] GraphInputs(IEnumerable<CheckpointTensor> tensors)
    {
        var graph = new MemoryStream();
        foreach (var t in tensors)
        {
            var shape = new MemoryStream();
            foreach (long d in t.Shape) Field(shape, 1, Message(s => { Tag(s, 1, WireFormat.WireType.Varint); Varint(s, (ulong)d); }));
            var tensorType = Message(s => { Tag(s, 1, WireFormat.WireType.Varint); Varint(s, 1); Field(s, 2, shape.ToArray()); });
            var type = Message(s => Field(s, 1, tensorType));
            var info = Message(s => { Field(s, 1, System.Text.Encoding.UTF8.GetBytes(t.Name)); Field(s, 2, type); });
            Field(graph, 11, info);
        }
        return Message(s => Field(s, 7, graph.ToArray()));
    }

    private static byte[] Message(Action<Stream> write)
    {
        var s = new MemoryStream();
        write(s);
        return s.ToArray();
    }

    private static void Field(Stream s, int number, byte[] payload)
    {
        Tag(s, number, WireFormat.WireType.LengthDelimited);
        Varint(s, (ulong)payload.Length);
        s.Write(payload);
    }

    private static void Tag(Stream s, int number, WireFormat.WireType type) => Varint(s, WireFormat.MakeTag(number, type));

    private static void Varint(Stream s, ulong v)
    {
        while (v >= 0x80) { s.WriteByte((byte)(v | 0x80)); v >>= 7; }
        s.WriteByte((byte)v);
    }

    public void Dispose() => _session.Dispose();
}
