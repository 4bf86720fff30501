using Kelvin.Calibration;

namespace Kelvin.Tests.Calibration;

public class BoltzmannQuadratureTests
{
    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(0.3, 7.5)]
    public void HarmonicMomentsMatchTheClosedForm(double t, double kappa)
    {
        // u = κx²/2: E = T/2, S = ½ ln(2πeT/κ), ln Z = ½ ln(2πT/κ) (docs/theory.md §10: closed forms vs quadrature to 1e-9).
        var m = BoltzmannQuadrature.Of(x => 0.5 * kappa * x * x, t);
        Assert.Equal(t / 2, m.Energy, 1e-9 * t);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * t / kappa), m.Entropy, 1e-9);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * t / kappa), m.LogPartition, 1e-9);
    }

    [Fact]
    public void QuadraticCalibrationsExactTransitionIsTheLogarithmicMean()
    {
        var u = SeparablePotential.Harmonic(7, 3);
        var (a, b) = (u.Boltzmann(0.5), u.Boltzmann(2));
        Assert.Equal(BoltzmannCalibration.LogarithmicMean(0.5, 2), (b.Energy - a.Energy) / (b.Entropy - a.Entropy), 1e-9);
    }

    [Theory]
    [InlineData("double-well")]
    [InlineData("quartic")]
    public void AlongBoltzmannStatesDEOverDSIsT(string name)
    {
        var u = name == "quartic" ? SeparablePotential.Quartic(1) : SeparablePotential.DoubleWell(1);
        foreach (double t in new[] { 0.5, 1.0, 2.0 })
        {
            const double h = 1e-4;
            var (lo, hi) = (u.Boltzmann(t - h), u.Boltzmann(t + h));
            Assert.Equal(t, (hi.Energy - lo.Energy) / (hi.Entropy - lo.Entropy), 1e-6);
        }
    }

    [Fact]
    public void AnharmonicMomentsMatchAnIndependentQuadrature()
    {
        // scipy.integrate.quad (epsrel 1e-13) of exp(−u/T) on [−6, 6]: E₁ and S₁ = ln Z + E₁/T.
        var dw = SeparablePotential.DoubleWell(1);
        Assert.Equal(0.2728638478216658, dw.Boltzmann(0.5).Energy, 1e-10);
        Assert.Equal(0.8899659153729406, dw.Boltzmann(0.5).Entropy, 1e-10);
        Assert.Equal(0.6065350304257632, dw.Boltzmann(2).Energy, 1e-10);
        Assert.Equal(1.2301633830946128, dw.Boltzmann(2).Entropy, 1e-10);
        var quartic = SeparablePotential.Quartic(3);
        Assert.Equal(3 * 0.19740059657981002, quartic.Boltzmann(0.5).Energy, 1e-9);
        Assert.Equal(3 * 1.2470755011209291, quartic.Boltzmann(2).Entropy, 1e-9);
    }

    [Fact]
    public void ANonConfiningPotentialIsAClearError()
    {
        Assert.Throws<KelvinException>(() => BoltzmannQuadrature.Of(x => Math.Tanh(x), 1));
        Assert.Throws<KelvinException>(() => BoltzmannQuadrature.Of(x => x * x, 0));
    }
}
