using Kelvin.Randomness;

namespace Kelvin.Distributions;

/// <summary>Uniform(lower, upper): p = 1/(upper − lower) on the interval; mean (lower+upper)/2,
/// variance (upper − lower)²/12, entropy h = ln(upper − lower). docs/theory.md's Uniform(−a, a) is
/// <see cref="Symmetric(double)"/>: variance a²/3, entropy ln(2a).</summary>
public sealed class Uniform : IUnivariateDistribution
{
    /// <summary>Uniform on [<paramref name="lower"/>, <paramref name="upper"/>), lower &lt; upper.</summary>
    public Uniform(double lower, double upper)
    {
        if (!(upper > lower) || !double.IsFinite(lower) || !double.IsFinite(upper))
            throw new KelvinException($"Uniform needs finite bounds with lower < upper (got {lower}, {upper})");
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Uniform(−a, a), a &gt; 0.</summary>
    public static Uniform Symmetric(double a) =>
        a > 0 ? new Uniform(-a, a) : throw new KelvinException($"Uniform(-a, a) needs a > 0 (got {a})");

    public double Lower { get; }
    public double Upper { get; }
    /// <summary>Half-width (upper − lower)/2; a for Uniform(−a, a).</summary>
    public double HalfWidth => 0.5 * (Upper - Lower);

    public string Description => Lower == -Upper ? $"Uniform(-{Upper:G4}, {Upper:G4})" : $"Uniform({Lower:G4}, {Upper:G4})";
    public double Mean => 0.5 * (Lower + Upper);
    public double Variance => (Upper - Lower) * (Upper - Lower) / 12.0;
    /// <summary>h = ln(upper − lower).</summary>
    public double Entropy => Math.Log(Upper - Lower);
    public double Density(double x) => x >= Lower && x < Upper ? 1.0 / (Upper - Lower) : 0.0;
    public double Sample(Rng rng) => rng.NextUniform(Lower, Upper);
}
