using System.Numerics.Tensors;

namespace Kelvin.Networks.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional heavy-ball momentum μ (PyTorch's convention):
/// v ← μ·v + g, θ ← θ − η·v. With μ = 0: θ ← θ − η·g.
/// </summary>
public sealed unsafe class Sgd : IOptimizer
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

    /// <summary>Threads a large update may use (null: all cores). Does not change results.</summary>
    public ParallelOptions? Parallelism { get; set; }

    public string Name => Momentum == 0 ? FormattableString.Invariant($"sgd(η={LearningRate:G4})") : FormattableString.Invariant($"sgd(η={LearningRate:G4}, μ={Momentum:G4})");

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (gradient.Length != parameters.Length) throw new ArgumentException("gradient and parameters differ in length");
        float eta = (float)LearningRate, mu = (float)Momentum;
        if (mu != 0 && _velocity.Length != parameters.Length) _velocity = new float[parameters.Length];
        fixed (float* θ = parameters) fixed (float* g = gradient) fixed (float* v = _velocity)
        {
            int n = parameters.Length, parts = ParallelSlices.Parts(n, Parallelism);
            if (parts == 1) Update(θ, g, v, 0, n, eta, mu);
            else StepParallel(θ, g, v, n, parts, eta, mu);
        }
    }

    /// <summary>The slices of a large update on several cores (a separate method: the short path allocates no closure).</summary>
    private void StepParallel(float* θ, float* g, float* v, int n, int parts, float eta, float mu)
    {
        nint theta = (nint)θ, grad = (nint)g, velocity = (nint)v;
        ParallelSlices.For(n, parts, Parallelism, (start, count) => Update((float*)theta, (float*)grad, (float*)velocity, start, start + count, eta, mu));
    }

    /// <summary>θ[from..to) ← θ − η·g (μ = 0), or v ← μ·v + g, θ ← θ − η·v.</summary>
    private static void Update(float* θ, float* g, float* v, int from, int to, float eta, float mu)
    {
        var theta = new Span<float>(θ + from, to - from);
        var grad = new ReadOnlySpan<float>(g + from, to - from);
        if (mu == 0)
        {
            TensorPrimitives.MultiplyAdd(grad, -eta, theta, theta);
            return;
        }
        var velocity = new Span<float>(v + from, to - from);
        TensorPrimitives.MultiplyAdd(velocity, mu, grad, velocity);
        TensorPrimitives.MultiplyAdd(velocity, -eta, theta, theta);
    }

    public void Reset() => Array.Clear(_velocity);
}
