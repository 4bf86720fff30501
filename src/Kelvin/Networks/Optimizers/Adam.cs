namespace Kelvin.Networks.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
/// </summary>
public sealed class Adam : IOptimizer
{
    private float[] _m = [], _v = [];
    private int _t;

    /// <summary>Adam with learning rate η and the usual defaults β₁ = 0.9, β₂ = 0.999, ε = 1e−8.</summary>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new KelvinException($"learning rate must be positive, got {learningRate}");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new KelvinException($"Adam's β₁, β₂ must be in [0, 1), got {beta1}, {beta2}");
        if (!(epsilon > 0)) throw new KelvinException($"Adam's ε must be positive, got {epsilon}");
        LearningRate = learningRate; Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon;
    }

    public double LearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    public string Name => FormattableString.Invariant($"adam(η={LearningRate:G4})");

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (gradient.Length != parameters.Length) throw new ArgumentException("gradient and parameters differ in length");
        if (_m.Length != parameters.Length) { _m = new float[parameters.Length]; _v = new float[parameters.Length]; _t = 0; }
        _t++;
        float b1 = (float)Beta1, b2 = (float)Beta2, eps = (float)Epsilon;
        float c1 = 1 - b1, c2 = 1 - b2;
        float stepSize = (float)(LearningRate / (1 - Math.Pow(Beta1, _t)));
        float vScale = (float)(1 / Math.Sqrt(1 - Math.Pow(Beta2, _t)));
        Span<float> m = _m, v = _v;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            float mi = b1 * m[i] + c1 * g;
            float vi = b2 * v[i] + c2 * g * g;
            m[i] = mi; v[i] = vi;
            parameters[i] -= stepSize * mi / (MathF.Sqrt(vi) * vScale + eps);
        }
    }

    public void Reset() { Array.Clear(_m); Array.Clear(_v); _t = 0; }
}
