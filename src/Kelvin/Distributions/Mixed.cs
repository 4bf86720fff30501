using Kelvin.Numerics;
using Kelvin.Randomness;
using MathNet.Numerics.Integration;

namespace Kelvin.Distributions;

/// <summary>
/// The Mixed initialization of docs/theory.md §4: per weight, π·Normal(0, σ²) + (1 − π)·Uniform(−a, a).
/// Mean 0; variance π·σ² + (1 − π)·a²/3. Its entropy has no closed form: −∫ p ln p by quadrature
/// on [0, a] (Gauss–Kronrod) plus the exact Gaussian tail beyond a, and it lies between
/// <see cref="EntropyLowerBound"/> = π·h_N + (1−π)·h_U and <see cref="EntropyUpperBound"/> = that + H(π).
/// </summary>
public sealed class Mixed : IUnivariateDistribution
{
    private readonly Normal _normal;
    private readonly Uniform _uniform;
    private double? _entropy;

    /// <summary>Mixture weight <paramref name="pi"/> ∈ [0, 1] on Normal(0, <paramref name="sigma"/>²),
    /// the rest on Uniform(−<paramref name="a"/>, <paramref name="a"/>).</summary>
    public Mixed(double pi, double sigma, double a)
    {
        if (!(pi >= 0 && pi <= 1)) throw new KelvinException($"Mixed needs 0 <= pi <= 1 (got {pi})");
        _normal = new Normal(0, sigma);
        _uniform = Uniform.Symmetric(a);
        Pi = pi;
    }

    /// <summary>Weight π of the normal component.</summary>
    public double Pi { get; }
    /// <summary>σ of the normal component.</summary>
    public double Sigma => _normal.Sigma;
    /// <summary>Half-width a of the uniform component.</summary>
    public double A => _uniform.Upper;

    public string Description => $"Mixed({Pi:G4}·Normal(0, {Sigma:G4}²) + {1 - Pi:G4}·Uniform(-{A:G4}, {A:G4}))";
    public double Mean => 0;
    /// <summary>π·σ² + (1 − π)·a²/3.</summary>
    public double Variance => Pi * _normal.Variance + (1 - Pi) * _uniform.Variance;
    public double Density(double x) => Pi * _normal.Density(x) + (1 - Pi) * _uniform.Density(x);
    public double Sample(Rng rng) => rng.NextDouble() < Pi ? _normal.Sample(rng) : _uniform.Sample(rng);

    /// <summary>π·h_N + (1−π)·h_U: the entropy's lower bound (concavity of entropy).</summary>
    public double EntropyLowerBound => Pi * _normal.Entropy + (1 - Pi) * _uniform.Entropy;

    /// <summary>The lower bound plus the binary entropy H(π) = −π ln π − (1−π) ln(1−π).</summary>
    public double EntropyUpperBound => EntropyLowerBound + BinaryEntropy(Pi);

    /// <summary>h = −∫ p ln p, by quadrature (relative accuracy ~1e−12).</summary>
    public double Entropy => _entropy ??= ComputeEntropy();

    private double ComputeEntropy()
    {
        if (Pi == 0) return _uniform.Entropy;
        if (Pi == 1) return _normal.Entropy;
        double a = A, s = Sigma, c = (1 - Pi) / (2 * a);
        // Inside [−a, a] the density is π·φ_σ(x) + c: smooth, integrate −p ln p numerically (×2, symmetric).
        double inner = GaussKronrodRule.Integrate(x =>
        {
            double p = Pi * Stable.NormalPdf(x / s) / s + c;
            return -p * Math.Log(p);
        }, 0, a, out _, out _, 1e-14, 20, 61);
        // Beyond a the density is π·φ_σ: −∫_a^∞ p ln p in closed form, t = a/σ, Q = 1 − Φ(t):
        // π·[(ln(σ√(2π)) − ln π)·Q + ½(t·φ(t) + Q)].
        double t = a / s;
        double q = Stable.NormalCdf(-t);
        double tail = Pi * ((Math.Log(s * Math.Sqrt(2 * Math.PI)) - Math.Log(Pi)) * q + 0.5 * (t * Stable.NormalPdf(t) + q));
        return 2 * (inner + tail);
    }

    private static double BinaryEntropy(double p) =>
        (p <= 0 || p >= 1) ? 0 : -p * Math.Log(p) - (1 - p) * Math.Log(1 - p);
}
