using System.Numerics.Tensors;

namespace Kelvin.Networks.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional heavy-ball momentum μ (PyTorch's convention):
/// v ← μ·v + g, θ ← θ − η·v. With μ = 0: θ ← θ − η·g.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private float[] _velocity = [];

    /// <summary>SGD with learning rate η &gt; 0 and momentum μ ∈ [0, 1).</summary>
    public Sgd(double learningRate, double momentum = 0)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new KelvinException($"learning rate must be positive, got {learningRate}");
        if (!(momentum >= 0 && momentum < 1)) throw new KelvinException($"momentum must be in [0, 1), got {momentum}");
        LearningRate = learningRate; Momentum = momentum;
    }

    /// <summary>η.</summary>
    public double LearningRate { get; }
    /// <summary>μ.</summary>
    public double Momentum { get; }

    public string Name => Momentum == 0 ? FormattableString.Invariant($"sgd(η={LearningRate:G4})") : FormattableString.Invariant($"sgd(η={LearningRate:G4}, μ={Momentum:G4})");

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (gradient.Length != parameters.Length) throw new ArgumentException("gradient and parameters differ in length");
        float eta = (float)LearningRate;
        if (Momentum == 0)
        {
            TensorPrimitives.MultiplyAdd(gradient, -eta, parameters, parameters);
            return;
        }
        if (_velocity.Length != parameters.Length) _velocity = new float[parameters.Length];
        TensorPrimitives.MultiplyAdd(_velocity, (float)Momentum, gradient, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, -eta, parameters, parameters);
    }

    public void Reset() => Array.Clear(_velocity);
}
