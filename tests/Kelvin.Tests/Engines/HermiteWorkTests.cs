using Kelvin.Engines;
using Kelvin.Networks.Activations;

namespace Kelvin.Tests.Engines;

public class HermiteWorkTests
{
    private const double ReluEta = 0.25 - 1 / (2 * Math.PI);

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.37)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1e3)]
    public void ReluEfficiencyIsAQuarterMinusOneOverTwoPiAtEveryLevel(double q)
    {
        var w = HermiteWork.At(new Relu(), q);
        Assert.Equal(ReluEta, w.Efficiency, 1e-9);
        Assert.Equal(Math.Sqrt(q / (2 * Math.PI)), w.A0, 1e-9 * Math.Sqrt(q));
        Assert.Equal(Math.Sqrt(q) / 2, w.A1, 1e-9 * Math.Sqrt(q));
        Assert.Equal(q / 2, w.MeanSquare, 1e-9 * q);
        Assert.Equal(w.MeanSquare - w.A0 * w.A0 - w.A1 * w.A1, w.Work, 1e-9 * q);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void LeakyReluEfficiency(double alpha)
    {
        foreach (double q in new[] { 0.01, 1.0, 100.0 })
            Assert.Equal((1 - alpha) * (1 - alpha) * ReluEta, HermiteWork.EfficiencyOf(new LeakyRelu(alpha), q), 1e-9);
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1)]
    [InlineData(1e3)]
    public void IdentityDoesNoWork(double q)
    {
        var w = HermiteWork.At(new Identity(), q);
        Assert.Equal(0, w.Efficiency, 1e-12);
        Assert.Equal(Math.Sqrt(q), w.A1, 1e-12 * Math.Sqrt(q));
    }

    [Fact]
    public void TanhMatchesTheTheoryValues()
    {
        var tanh = new Tanh();
        Assert.Equal(0.0274, HermiteWork.EfficiencyOf(tanh, 1), 4);
        Assert.Equal(0.0043, HermiteWork.EfficiencyOf(tanh, 64), 4);
        Assert.Equal(0.0296, HermiteWork.EfficiencyOf(tanh, 2), 3);
        // An odd activation has a₀ = 0.
        Assert.Equal(0, HermiteWork.At(tanh, 3).A0, 1e-14);
    }

    [Fact]
    public void TanhAgreesWithBruteForceIntegration()
    {
        // Independent check: trapezoid on a fine grid of the Gaussian-weighted integrand.
        var tanh = new Tanh();
        foreach (double q in new[] { 0.1, 1.0, 10.0, 500.0 })
        {
            double s = Math.Sqrt(q), h = 1e-4, a1 = 0, m2 = 0;
            for (double x = -12; x <= 12; x += h)
            {
                double p = Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI) * h, v = Math.Tanh(s * x);
                a1 += x * v * p; m2 += v * v * p;
            }
            double eta = (m2 - a1 * a1) / q;
            Assert.Equal(eta, HermiteWork.EfficiencyOf(tanh, q), 1e-9);
        }
    }

    [Fact]
    public void BadLevelIsAKelvinError()
    {
        Assert.Throws<KelvinException>(() => HermiteWork.At(new Relu(), 0));
        Assert.Throws<KelvinException>(() => HermiteWork.At(new Relu(), double.NaN));
    }
}
