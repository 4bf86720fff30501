using System.Runtime.Intrinsics;

namespace Kelvin.Networks.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
/// </summary>
public sealed unsafe class Adam : IOptimizer
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

    /// <summary>Threads a large update may use (null: all cores). Does not change results.</summary>
    public ParallelOptions? Parallelism { get; set; }

    public string Name => FormattableString.Invariant($"adam(η={LearningRate:G4})");

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        if (gradient.Length != parameters.Length) throw new ArgumentException("gradient and parameters differ in length");
        if (_m.Length != parameters.Length) { _m = new float[parameters.Length]; _v = new float[parameters.Length]; _t = 0; }
        _t++;
        var k = new Coefficients(Beta1, Beta2, Epsilon, LearningRate, _t);
        fixed (float* θ = parameters) fixed (float* g = gradient) fixed (float* m = _m) fixed (float* v = _v)
        {
            int n = parameters.Length, parts = ParallelSlices.Parts(n, Parallelism);
            if (parts == 1) Update(θ, g, m, v, 0, n, k);
            else StepParallel(θ, g, m, v, n, parts, k);
        }
    }

    /// <summary>The slices of a large update on several cores (a separate method: the short path allocates no closure).</summary>
    private void StepParallel(float* θ, float* g, float* m, float* v, int n, int parts, Coefficients k)
    {
        nint theta = (nint)θ, grad = (nint)g, pm = (nint)m, pv = (nint)v;
        ParallelSlices.For(n, parts, Parallelism, (start, count) => Update((float*)theta, (float*)grad, (float*)pm, (float*)pv, start, start + count, k));
    }

    /// <summary>Step t's constants in float32: β₁, β₂, 1 − β₁, 1 − β₂, ε, η/(1 − β₁ᵗ) and 1/√(1 − β₂ᵗ).</summary>
    private readonly record struct Coefficients(float B1, float B2, float C1, float C2, float Eps, float StepSize, float VScale)
    {
        public Coefficients(double beta1, double beta2, double epsilon, double learningRate, int t)
            : this((float)beta1, (float)beta2, 1 - (float)beta1, 1 - (float)beta2, (float)epsilon,
                   (float)(learningRate / (1 - Math.Pow(beta1, t))), (float)(1 / Math.Sqrt(1 - Math.Pow(beta2, t)))) { }
    }

    /// <summary>θ[from..to) (and m, v): eight values a vector where the CPU has them, the rest one by
    /// one, with the same float operations in the same order (no fused multiply-adds), so both give the
    /// same bits.</summary>
    private static void Update(float* θ, float* gr, float* m, float* v, int from, int to, Coefficients k)
    {
        float b1 = k.B1, b2 = k.B2, c1 = k.C1, c2 = k.C2, eps = k.Eps, stepSize = k.StepSize, vScale = k.VScale;
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> vb1 = Vector256.Create(b1), vb2 = Vector256.Create(b2), vc1 = Vector256.Create(c1), vc2 = Vector256.Create(c2),
                             veps = Vector256.Create(eps), vStep = Vector256.Create(stepSize), vvScale = Vector256.Create(vScale);
            for (; i <= to - 8; i += 8)
            {
                var g = Vector256.Load(gr + i);
                var mi = vb1 * Vector256.Load(m + i) + vc1 * g;
                var vi = vb2 * Vector256.Load(v + i) + vc2 * g * g;
                mi.Store(m + i); vi.Store(v + i);
                (Vector256.Load(θ + i) - vStep * mi / (Vector256.Sqrt(vi) * vvScale + veps)).Store(θ + i);
            }
        }
        for (; i < to; i++)
        {
            float g = gr[i];
            float mi = b1 * m[i] + c1 * g;
            float vi = b2 * v[i] + c2 * g * g;
            m[i] = mi; v[i] = vi;
            θ[i] -= stepSize * mi / (MathF.Sqrt(vi) * vScale + eps);
        }
    }

    public void Reset() { Array.Clear(_m); Array.Clear(_v); _t = 0; }
}
