using Kelvin.Engines;
using Kelvin.Networks.Activations;

namespace Kelvin.Tests.Engines;

public class MeanFieldTests
{
    private static double? Critical(Activation a, EngineType type) => new MeanField(a).CriticalGain(type, 1e-3, 1e3, 61);

    [Fact]
    public void ReluCriticalGainIsRootTwo() => Assert.Equal(Math.Sqrt(2), Critical(new Relu(), EngineType.A)!.Value, 1e-6);

    [Fact]
    public void IdentityCriticalGainIsOne() => Assert.Equal(1, Critical(new Identity(), EngineType.A)!.Value, 1e-9);

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.2)]
    public void LeakyReluCriticalGainMatchesPyTorch(double alpha) =>
        Assert.Equal(Math.Sqrt(2 / (1 + alpha * alpha)), Critical(new LeakyRelu(alpha), EngineType.A)!.Value, 1e-6);

    [Fact]
    public void TanhCriticalGainIsTheEdgeOfChaosLimit()
    {
        Assert.Equal(1, Critical(new Tanh(), EngineType.B)!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(Math.PI) / 2, Critical(new Erf(), EngineType.B)!.Value, 1e-12);
    }

    [Fact]
    public void AtTheCriticalGainReluPropagatesEveryLevelUnchanged()
    {
        var mf = new MeanField(new Relu());
        foreach (double q in new[] { 0.01, 1.0, 50.0 })
        {
            Assert.Equal(q, mf.LengthMap(q, Math.Sqrt(2)), 1e-9 * q);
            Assert.Equal(1, mf.Chi(q, Math.Sqrt(2)), 1e-9);
        }
    }

    [Fact]
    public void SigmoidCriticalGainHasAFixedPointWithUnitChi()
    {
        var mf = new MeanField(new Sigmoid());
        double g = Critical(new Sigmoid(), EngineType.B)!.Value;
        // find the fixed point by iterating the length map (it is attracting below the edge) … or directly:
        // the gain was built as g(q*) for the q* with χ(q*) = 1, so some q has both properties.
        double lo = Math.Log(1e-3), hi = Math.Log(1e3);
        double q = Math.Exp(MathNet.Numerics.RootFinding.Brent.FindRoot(x => mf.LengthMap(Math.Exp(x), g) - Math.Exp(x), Math.Log(1), hi, 1e-12, 200));
        Assert.Equal(1, mf.Chi(q, g), 1e-6);
        Assert.True(lo < Math.Log(q));
    }

    [Fact]
    public void TanhGainAtQOptPlacesTheFixedPointThere()
    {
        var p = EngineClassifier.Profile(new Tanh());
        var mf = new MeanField(new Tanh());
        double q = p.QOpt!.Value, g = p.GainAtQOpt!.Value;
        Assert.Equal(q, mf.LengthMap(q, g), 1e-9 * q);
        Assert.True(g > 1);
    }

    [Fact]
    public void BiasVarianceEntersTheLengthMap()
    {
        var mf = new MeanField(new Relu(), 0.5);
        Assert.Equal(2 * 0.5 * 3 + 0.5, mf.LengthMap(3, Math.Sqrt(2)), 1e-9);
        Assert.Null(mf.GainForFixedPoint(0.4));
        Assert.Throws<KelvinException>(() => new MeanField(new Relu(), -1));
    }
}
