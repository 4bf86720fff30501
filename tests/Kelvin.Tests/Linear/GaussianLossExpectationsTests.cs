using Kelvin.Linear;
using Kelvin.Numerics;
using MathNet.Numerics.Integration;

namespace Kelvin.Tests.Linear;

public class GaussianLossExpectationsTests
{
    // Independent numerics: Gauss–Kronrod of ℓ(m + s t)·φ(t) over |t| ≤ 40, split at the kink.
    private static double Quad(Func<double, double> loss, double kink, double m, double s)
    {
        double t0 = Math.Clamp((kink - m) / s, -40, 40);
        double f(double t) => loss(m + s * t) * Stable.NormalPdf(t);
        return GaussKronrodRule.Integrate(f, -40, t0, out _, out _, 1e-14, 14, 61) + GaussKronrodRule.Integrate(f, t0, 40, out _, out _, 1e-14, 14, 61);
    }

    [Theory]
    [InlineData(0.3, 1.0)]
    [InlineData(-2.0, 0.5)]
    [InlineData(5.0, 0.1)]
    [InlineData(0.0, 3.0)]
    public void FoldedNormalMatchesQuadrature(double delta, double s)
    {
        double exact = GaussianLossExpectations.AbsoluteError(delta, s);
        double quad = Quad(z => Math.Abs(delta - z), delta, 0, s);
        Assert.Equal(quad, exact, 1e-9 * Math.Max(1, quad));
    }

    [Theory]
    [InlineData(0.3, 1.0)]
    [InlineData(-2.0, 0.5)]
    [InlineData(1.0, 1.0)]
    public void UniformAbsoluteErrorMatchesQuadrature(double delta, double c)
    {
        double quad = (GaussKronrodRule.Integrate(z => Math.Abs(delta - z), -c, Math.Clamp(delta, -c, c), out _, out _, 1e-14, 14, 61)
                     + GaussKronrodRule.Integrate(z => Math.Abs(delta - z), Math.Clamp(delta, -c, c), c, out _, out _, 1e-14, 14, 61)) / (2 * c);
        Assert.Equal(quad, GaussianLossExpectations.AbsoluteErrorUniform(delta, c), 1e-9);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-3.0, 0.2)]
    [InlineData(2.0, 5.0)]
    [InlineData(-10.0, 30.0)]
    public void SoftplusExpectationMatchesQuadrature(double mu, double s)
    {
        double quad = Quad(Stable.Softplus, 0, mu, s);
        Assert.Equal(quad, GaussianLossExpectations.Softplus(mu, s), 1e-9 * quad);
    }

    [Fact]
    public void SmallSpreadAsymptoteIsSecondOrder()
    {
        foreach (double mu in new[] { -2.0, 0.0, 1.5 })
        {
            double s = 0.01;
            double err = Math.Abs(GaussianLossExpectations.SoftplusSmallSpread(mu, s) - GaussianLossExpectations.Softplus(mu, s));
            Assert.True(err < 1e-8, $"μ = {mu}: error {err}"); // O(s⁴)
            double err10 = Math.Abs(GaussianLossExpectations.SoftplusSmallSpread(mu, 10 * s) - GaussianLossExpectations.Softplus(mu, 10 * s));
            Assert.True(err10 > 100 * err, "the error grows like s⁴");
        }
    }

    [Fact]
    public void LargeSpreadAsymptoteConverges()
    {
        foreach (double mu in new[] { -2.0, 0.0, 3.0 })
        {
            double rel20 = Math.Abs(GaussianLossExpectations.SoftplusLargeSpread(mu, 20) / GaussianLossExpectations.Softplus(mu, 20) - 1);
            double rel80 = Math.Abs(GaussianLossExpectations.SoftplusLargeSpread(mu, 80) / GaussianLossExpectations.Softplus(mu, 80) - 1);
            Assert.True(rel20 < 1e-4, $"μ = {mu}: relative error {rel20} at s = 20");
            Assert.True(rel80 < rel20, "the error falls as s grows");
        }
    }
}
