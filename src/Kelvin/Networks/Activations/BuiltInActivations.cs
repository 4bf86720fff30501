using System.Numerics.Tensors;
using Kelvin.Numerics;
using MathNet.Numerics;

namespace Kelvin.Networks.Activations;

/// <summary>identity: φ(z) = z, φ′ = 1. A pure conductor: no work (docs/theory.md §7).</summary>
public sealed class Identity : Activation
{
    public override string Name => "identity";
    public override double Value(double z) => z;
    public override double Derivative(double z) => 1;
    public override void Forward(ReadOnlySpan<float> z, Span<float> a) => z.CopyTo(a);
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput) => gradOutput.CopyTo(gradInput);
}

/// <summary>relu: φ(z) = max(z, 0), φ′ = 1{z &gt; 0}.</summary>
public sealed class Relu : Activation
{
    public override string Name => "relu";
    public override double Value(double z) => z > 0 ? z : 0;
    public override double Derivative(double z) => z > 0 ? 1 : 0;
    public override void Forward(ReadOnlySpan<float> z, Span<float> a) => TensorPrimitives.Max(z, 0f, a);
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput) =>
        ActivationKernels.Piecewise(z, gradOutput, gradInput, 0f);
}

/// <summary>leaky_relu(α): φ(z) = z for z &gt; 0, αz otherwise; φ′ = 1 or α.</summary>
public sealed class LeakyRelu(double alpha = 0.01) : Activation
{
    /// <summary>Slope α on the negative side.</summary>
    public double Alpha { get; } = alpha;
    public override string Name => FormattableString.Invariant($"leaky_relu({Alpha:G6})");
    public override double Value(double z) => z > 0 ? z : Alpha * z;
    public override double Derivative(double z) => z > 0 ? 1 : Alpha;
    public override void Forward(ReadOnlySpan<float> z, Span<float> a) => ActivationKernels.Piecewise(z, z, a, (float)Alpha);
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput) =>
        ActivationKernels.Piecewise(z, gradOutput, gradInput, (float)Alpha);
}

/// <summary>tanh: φ(z) = tanh z, φ′ = 1 − tanh² z.</summary>
public sealed class Tanh : Activation
{
    public override string Name => "tanh";
    public override double Value(double z) => Math.Tanh(z);
    public override double Derivative(double z) { double t = Math.Tanh(z); return 1 - t * t; }
    public override void Forward(ReadOnlySpan<float> z, Span<float> a) => TensorPrimitives.Tanh(z, a);
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput) =>
        ActivationKernels.Chunked(z, gradOutput, gradInput, static (zc, g, d, t) =>
        {
            TensorPrimitives.Tanh(zc, t);
            TensorPrimitives.Multiply(t, t, t);
            TensorPrimitives.Subtract(1f, t, t);
            TensorPrimitives.Multiply(g, t, d);
        });
}

/// <summary>sigmoid: φ(z) = σ(z) = 1/(1 + e^(−z)), φ′ = σ(1 − σ).</summary>
public sealed class Sigmoid : Activation
{
    public override string Name => "sigmoid";
    public override double Value(double z) => Stable.Sigmoid(z);
    public override double Derivative(double z) { double s = Stable.Sigmoid(z); return s * (1 - s); }
    public override void Forward(ReadOnlySpan<float> z, Span<float> a) => TensorPrimitives.Sigmoid(z, a);
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput) =>
        ActivationKernels.Chunked(z, gradOutput, gradInput, static (zc, g, d, s) =>
        {
            // σ′ = σ(1 − σ); d may alias g, so each d[i] is written after g[i] is read.
            TensorPrimitives.Sigmoid(zc, s);
            for (int i = 0; i < zc.Length; i++) d[i] = g[i] * (s[i] * (1 - s[i]));
        });
}

/// <summary>gelu (exact): φ(z) = z·Φ(z), φ′ = Φ(z) + z·φ(z).</summary>
public sealed class Gelu : Activation
{
    public override string Name => "gelu";
    public override double Value(double z) => z * Stable.NormalCdf(z);
    public override double Derivative(double z) => Stable.NormalCdf(z) + z * Stable.NormalPdf(z);
}

/// <summary>silu (swish): φ(z) = z·σ(z), φ′ = σ(z)·(1 + z·(1 − σ(z))).</summary>
public sealed class Silu : Activation
{
    public override string Name => "silu";
    public override double Value(double z) => z * Stable.Sigmoid(z);
    public override double Derivative(double z) { double s = Stable.Sigmoid(z); return s * (1 + z * (1 - s)); }
    public override void Forward(ReadOnlySpan<float> z, Span<float> a) =>
        ActivationKernels.Chunked(z, z, a, static (zc, _, d, s) =>
        {
            TensorPrimitives.Sigmoid(zc, s);
            TensorPrimitives.Multiply(zc, s, d);
        });
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> gradOutput, Span<float> gradInput) =>
        ActivationKernels.Chunked(z, gradOutput, gradInput, static (zc, g, d, s) =>
        {
            // φ′ = σ + z·σ(1 − σ) = σ + z·σ − z·σ²
            TensorPrimitives.Sigmoid(zc, s);
            for (int i = 0; i < zc.Length; i++) { float si = s[i]; d[i] = g[i] * (si + zc[i] * si * (1 - si)); }
        });
}

/// <summary>elu(α = 1): φ(z) = z for z &gt; 0, α(eᶻ − 1) otherwise; φ′ = 1 or α·eᶻ.</summary>
public sealed class Elu(double alpha = 1.0) : Activation
{
    /// <summary>Saturation level −α on the negative side.</summary>
    public double Alpha { get; } = alpha;
    public override string Name => Alpha == 1.0 ? "elu" : FormattableString.Invariant($"elu({Alpha:G6})");
    public override double Value(double z) => z > 0 ? z : Alpha * Stable.Expm1(z);
    public override double Derivative(double z) => z > 0 ? 1 : Alpha * Math.Exp(z);
}

/// <summary>selu (Klambauer et al. 2017): φ(z) = λz for z &gt; 0, λα(eᶻ − 1) otherwise, with
/// λ = 1.0507009873554805 and α = 1.6732632423543772 (PyTorch's constants); φ′ = λ or λα·eᶻ.
/// φ′ jumps at 0 (λ on the right, λα on the left).</summary>
public sealed class Selu : Activation
{
    /// <summary>λ, the scale.</summary>
    public const double Lambda = 1.0507009873554804934193349852946;
    /// <summary>α, the saturation level −λα of the negative side is reached as z → −∞.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;
    public override string Name => "selu";
    public override double Value(double z) => z > 0 ? Lambda * z : Lambda * Alpha * Stable.Expm1(z);
    public override double Derivative(double z) => z > 0 ? Lambda : Lambda * Alpha * Math.Exp(z);
}

/// <summary>softplus: φ(z) = ln(1 + eᶻ) (stable), φ′ = σ(z).</summary>
public sealed class Softplus : Activation
{
    public override string Name => "softplus";
    public override double Value(double z) => Stable.Softplus(z);
    public override double Derivative(double z) => Stable.Sigmoid(z);
}

/// <summary>erf: φ(z) = erf(z), φ′ = (2/√π)·e^(−z²).</summary>
public sealed class Erf : Activation
{
    public override string Name => "erf";
    public override double Value(double z) => SpecialFunctions.Erf(z);
    public override double Derivative(double z) => 2 / Math.Sqrt(Math.PI) * Math.Exp(-z * z);
}
