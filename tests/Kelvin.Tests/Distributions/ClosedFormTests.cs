using Kelvin.Distributions;
using MathNet.Numerics.Integration;

namespace Kelvin.Tests.Distributions;

/// <summary>Closed forms against independent quadrature, to 1e−9 relative (docs/theory.md §10).</summary>
public class ClosedFormTests
{
    /// <summary>∫ f over the pieces between consecutive <paramref name="breaks"/> (Gauss–Kronrod, adaptive, depth ≤ 12:
    /// an unattainable tolerance with a deep bound explores 2^depth panels).</summary>
    private static double Integrate(Func<double, double> f, params double[] breaks)
    {
        double s = 0;
        for (int i = 0; i + 1 < breaks.Length; i++)
            s += GaussKronrodRule.Integrate(f, breaks[i], breaks[i + 1], out _, out _, 1e-13, 12, 61);
        return s;
    }

    private static double NegPLogP(IUnivariateDistribution d, double x)
    {
        double p = d.Density(x);
        return p > 0 ? -p * Math.Log(p) : 0;
    }

    private static void AssertRelative(double expected, double actual, double tolerance = 1e-9) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    public static TheoryData<IUnivariateDistribution, double[]> Cases => new()
    {
        { new Normal(0.3, 0.7), [0.3 - 40 * 0.7, 0.3, 0.3 + 40 * 0.7] },
        { new Normal(0, 0.01), [-0.4, 0, 0.4] },
        { Uniform.Symmetric(0.25), [-0.25, 0.25 - 1e-15] },
        { new Uniform(1, 4), [1, 4 - 1e-14] },
        { new Laplace(-1, 2), [-1 - 100, -1, -1 + 100] },
        { new Mixed(0.5, 1, 1), [-41, -1, 0, 1, 41] },
        { new Mixed(0.3, 0.2, 2), [-10, -2, -0.8, 0, 0.8, 2, 10] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EntropyMeanAndVarianceMatchQuadrature(IUnivariateDistribution d, double[] breaks)
    {
        AssertRelative(1.0, Integrate(d.Density, breaks), 1e-11);
        AssertRelative(d.Entropy, Integrate(x => NegPLogP(d, x), breaks));
        Assert.Equal(d.Mean, Integrate(x => x * d.Density(x), breaks), 1e-9 * Math.Max(1, Math.Abs(d.Mean)));
        AssertRelative(d.Variance, Integrate(x => (x - d.Mean) * (x - d.Mean) * d.Density(x), breaks));
    }

    [Fact]
    public void MixedEntropyLiesBetweenItsBounds()
    {
        foreach (var m in new[] { new Mixed(0.5, 1, 1), new Mixed(0.1, 0.3, 2), new Mixed(0.9, 2, 0.5), new Mixed(0.5, 1, Math.Sqrt(3)) })
        {
            Assert.InRange(m.Entropy, m.EntropyLowerBound, m.EntropyUpperBound);
            Assert.True(m.EntropyUpperBound - m.EntropyLowerBound <= Math.Log(2) + 1e-15);
        }
        Assert.Equal(new Normal(0, 1).Entropy, new Mixed(1, 1, 1).Entropy, 15);
        Assert.Equal(Uniform.Symmetric(1).Entropy, new Mixed(0, 1, 1).Entropy, 15);
    }

    [Fact]
    public void UniformHasLessEntropyThanNormalAtEqualVariance()
    {
        const double sigma = 0.8;
        double gap = new Normal(0, sigma).Entropy - Uniform.Symmetric(Math.Sqrt(3) * sigma).Entropy;
        AssertRelative(0.5 * Math.Log(6 / (Math.PI * Math.E)), -gap); // uniform − normal = ½ ln(6/(πe)) < 0
        Assert.Equal(0.17649, gap, 5);
    }

    [Theory]
    [InlineData(100, 50, 1.0)]
    [InlineData(784, 128, 1.4142135623730951)]
    [InlineData(3, 1, 0.5)]
    public void PresetVariancesFollowTheirFormulas(int fanIn, int fanOut, double gain)
    {
        double g2 = gain * gain;
        AssertRelative(g2 * 2.0 / (fanIn + fanOut), Initializers.XavierNormal(fanIn, fanOut, gain).Variance, 1e-14);
        AssertRelative(g2 * 2.0 / (fanIn + fanOut), Initializers.XavierUniform(fanIn, fanOut, gain).Variance, 1e-14);
        AssertRelative(g2 * 2.0 / fanIn, Initializers.HeNormal(fanIn, gain).Variance, 1e-14);
        AssertRelative(g2 * 2.0 / fanIn, Initializers.HeUniform(fanIn, gain).Variance, 1e-14);
        AssertRelative(g2 / fanIn, Initializers.LeCunNormal(fanIn, gain).Variance, 1e-14);
        AssertRelative(g2 / fanIn, Initializers.LeCunUniform(fanIn, gain).Variance, 1e-14);
        // The uniform presets' variance by quadrature of x²·p(x).
        var u = Initializers.HeUniform(fanIn, gain);
        AssertRelative(g2 * 2.0 / fanIn, Integrate(x => x * x * u.Density(x), u.Lower, u.Upper - 1e-15 * u.Upper));
        // Text forms.
        AssertRelative(g2 * 2.0 / fanIn, InitializationScheme.Parse($"he-normal:{gain:R}").ForLayer(fanIn, fanOut).Variance, 1e-14);
        Assert.Throws<KelvinException>(() => InitializationScheme.Parse("glorot-something"));
    }
}
