using Kelvin.Networks;
using Kelvin.Networks.Activations;

namespace Kelvin.Checkpoints;

/// <summary>
/// A Kelvin <see cref="Mlp"/> saved as safetensors, so a run can be reopened (by `kelvin compare`,
/// `kelvin inspect`, or PyTorch's safetensors loader). Tensors, float32 and bit-exact:
/// "dense{l}.weight" of shape [d_l, d_{l−1}] (PyTorch's nn.Linear layout) and "dense{l}.bias" of
/// shape [d_l], l = 1 … L. The <c>__metadata__</c> map holds "format" = "kelvin-mlp/1",
/// "kelvin.widths" (d₀-…-d_L), "kelvin.activations" (the hidden φ_l joined by "/") and the
/// <see cref="NetworkProvenance"/> entries (loss, dataset, split seed, evaluation set, energy).
/// </summary>
public sealed record NetworkCheckpoint(Mlp Network, NetworkProvenance Provenance)
{
    private const string WidthsKey = "kelvin.widths", ActivationsKey = "kelvin.activations";

    /// <summary>The tensor name of layer l's weights (l from 1), "dense{l}.weight".</summary>
    public static string WeightName(int layer) => $"dense{layer}.weight";

    /// <summary>The tensor name of layer l's biases, "dense{l}.bias".</summary>
    public static string BiasName(int layer) => $"dense{layer}.bias";

    /// <summary>Writes <paramref name="network"/> and <paramref name="provenance"/> to <paramref name="path"/>.</summary>
    /// <exception cref="KelvinException">for an activation that cannot be named (a user delegate).</exception>
    public static void Save(string path, Mlp network, NetworkProvenance provenance)
    {
        using var file = File.Create(path);
        Save(file, network, provenance);
    }

    /// <summary>Writes <paramref name="network"/> and <paramref name="provenance"/> to <paramref name="output"/>.</summary>
    public static void Save(Stream output, Mlp network, NetworkProvenance provenance)
    {
        var tensors = new List<WritableTensor>();
        foreach (var layer in network.Layers)
        {
            tensors.Add(WritableTensor.Of(WeightName(layer.Index + 1), [layer.FanOut, layer.FanIn], layer.Weights.ToArray()));
            tensors.Add(WritableTensor.Of(BiasName(layer.Index + 1), [layer.FanOut], layer.Biases.ToArray()));
        }
        var metadata = new Dictionary<string, string>
        {
            [NetworkProvenance.FormatKey] = NetworkProvenance.FormatValue,
            [WidthsKey] = string.Join("-", network.Architecture.Widths),
            [ActivationsKey] = string.Join("/", network.Layers.Where(l => !l.IsOutput).Select(l => Named(l.Activation))),
        };
        foreach (var (key, value) in provenance.ToMetadata()) metadata[key] = value;
        SafetensorsWriter.Write(output, tensors, TensorDType.Float32, metadata);
    }

    /// <summary>Opens the Kelvin network saved at <paramref name="path"/>.</summary>
    public static NetworkCheckpoint Load(string path)
    {
        using var file = CheckpointFile.Open(path);
        return Read(file) ?? throw new KelvinException($"{Path.GetFileName(path)} is not a Kelvin network (no \"{NetworkProvenance.FormatKey}\": \"{NetworkProvenance.FormatValue}\" metadata)");
    }

    /// <summary>The Kelvin network in <paramref name="file"/>, or null when its metadata does not mark
    /// one (any other checkpoint). A file that claims to be one but is inconsistent is a
    /// <see cref="KelvinException"/>.</summary>
    public static NetworkCheckpoint? Read(CheckpointFile file)
    {
        if (!NetworkProvenance.IsKelvinNetwork(file.Metadata)) return null;
        string Meta(string key) => file.Metadata.TryGetValue(key, out var v) ? v : throw new KelvinException($"Kelvin network metadata: '{key}' is missing");
        var architecture = MlpArchitecture.Parse(Meta(WidthsKey), Meta(ActivationsKey));
        var provenance = NetworkProvenance.FromMetadata(file.Metadata);
        // The file's tensors (whose sizes the reader has checked against its bytes) must match the
        // declared widths before a network of that size is allocated.
        var w = architecture.Widths;
        var tensors = Enumerable.Range(1, architecture.LayerCount).Select(l =>
            (Weight: Tensor(file, WeightName(l), [w[l], w[l - 1]]), Bias: Tensor(file, BiasName(l), [w[l]]))).ToList();
        var network = new Mlp(architecture);
        foreach (var layer in network.Layers)
        {
            Fill(file, tensors[layer.Index].Weight, layer.Weights);
            Fill(file, tensors[layer.Index].Bias, layer.Biases);
        }
        return new NetworkCheckpoint(network, provenance);
    }

    private static CheckpointTensor Tensor(CheckpointFile file, string name, long[] shape)
    {
        var tensor = file.Find(name) ?? throw new KelvinException($"Kelvin network: tensor '{name}' is missing");
        if (!tensor.Shape.SequenceEqual(shape))
            throw new KelvinException($"Kelvin network: tensor '{name}' has shape {TensorShape.Format(tensor.Shape)}, the architecture needs {TensorShape.Format(shape)}");
        return tensor;
    }

    private static void Fill(CheckpointFile file, CheckpointTensor tensor, Span<float> into)
    {
        string name = tensor.Name;
        var values = file.ReadValues(tensor);
        for (int i = 0; i < values.Length; i++)
        {
            float v = (float)values[i];
            if (!float.IsFinite(v)) throw new KelvinException($"Kelvin network: tensor '{name}' value {i} is {values[i]} (a diverged or corrupt checkpoint)");
            into[i] = v;
        }
    }

    private static string Named(Activation activation)
    {
        try
        {
            if (ActivationCatalog.Parse(activation.Name).Name == activation.Name) return activation.Name;
        }
        catch (KelvinException) { }
        throw new KelvinException($"activation '{activation.Name}' is not a built-in one, so the network cannot be saved for reopening");
    }
}
