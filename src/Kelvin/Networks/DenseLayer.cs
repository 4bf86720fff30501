using Kelvin.Networks.Activations;

namespace Kelvin.Networks;

/// <summary>
/// Dense layer l of an <see cref="Mlp"/>: z_l = W_l a_{l−1} + b_l, a_l = φ_l(z_l), with W_l of shape
/// FanOut × FanIn (row-major, PyTorch's layout: W[o, i] at o·FanIn + i) and b_l of length FanOut.
/// Its parameters live in the network's flat parameter vector θ (and its gradient in the same places
/// of a gradient vector): weights at <see cref="WeightOffset"/>, biases right after them.
/// </summary>
public sealed class DenseLayer
{
    private readonly Mlp _owner;

    internal DenseLayer(Mlp owner, int index, int fanIn, int fanOut, Activation activation, int weightOffset)
    {
        _owner = owner; Index = index; FanIn = fanIn; FanOut = fanOut; Activation = activation; WeightOffset = weightOffset;
    }

    /// <summary>Zero-based position l − 1 of the layer (0 is the first hidden layer).</summary>
    public int Index { get; }
    /// <summary>Inputs d_{l−1}.</summary>
    public int FanIn { get; }
    /// <summary>Outputs d_l.</summary>
    public int FanOut { get; }
    /// <summary>φ_l (identity for the output layer).</summary>
    public Activation Activation { get; }
    /// <summary>n_l = FanOut·FanIn, the weights that carry entropy (docs/theory.md §1).</summary>
    public int WeightCount => FanIn * FanOut;
    /// <summary>Start of W_l in θ.</summary>
    public int WeightOffset { get; }
    /// <summary>Start of b_l in θ (= WeightOffset + WeightCount).</summary>
    public int BiasOffset => WeightOffset + WeightCount;
    /// <summary>Weights and biases of this layer.</summary>
    public int ParameterCount => WeightCount + FanOut;
    /// <summary>Whether this is the linear output layer.</summary>
    public bool IsOutput => Index == _owner.Layers.Count - 1;

    /// <summary>W_l (live view of the network's parameters, FanOut × FanIn row-major).</summary>
    public Span<float> Weights => _owner.Parameters.AsSpan(WeightOffset, WeightCount);
    /// <summary>b_l (live view).</summary>
    public Span<float> Biases => _owner.Parameters.AsSpan(BiasOffset, FanOut);

    /// <summary>This layer's weights within any vector laid out like θ (e.g. a gradient).</summary>
    public Span<float> WeightsOf(Span<float> vector) => vector.Slice(WeightOffset, WeightCount);
    /// <summary>This layer's biases within any vector laid out like θ.</summary>
    public Span<float> BiasesOf(Span<float> vector) => vector.Slice(BiasOffset, FanOut);
    /// <summary>This layer's weights and biases within any vector laid out like θ.</summary>
    public Span<float> ParametersOf(Span<float> vector) => vector.Slice(WeightOffset, ParameterCount);

    public override string ToString() => $"layer {Index + 1}: {FanIn}→{FanOut} {Activation.Name}";
}
