using Kelvin.Engines;
using Kelvin.Networks.Activations;

namespace Kelvin.Tests.Engines;

public class MeanFieldTests
{
    private static Criticality Criticality(Activation a, EngineType type) => new MeanField(a).Criticality(type, 1e-3, 1e3, 61);
    private static double? Critical(Activation a, EngineType type) => Criticality(a, type).Gain;

    [Fact]
    public void ReluCriticalGainIsRootTwo() => Assert.Equal(Math.Sqrt(2), Critical(new Relu(), EngineType.A)!.Value, 1e-6);

    [Fact]
    public void IdentityCriticalGainIsOne() => Assert.Equal(1, Critical(new Identity(), EngineType.A)!.Value, 1e-9);

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.2)]
    public void LeakyReluCriticalGainMatchesPyTorch(double alpha) =>
        Assert.Equal(Math.Sqrt(2 / (1 + alpha * alpha)), Critical(new LeakyRelu(alpha), EngineType.A)!.Value, 1e-6);

    [Theory]
    [InlineData("tanh", 1.0)]
    [InlineData("erf", 0.88622692545275801)] // √π/2 = 1/φ′(0)
    [InlineData("gelu", 2.0)]                // φ′(0) = ½
    [InlineData("silu", 2.0)]
    [InlineData("elu", 1.0)]
    public void WithoutACriticalFixedPointTheGainIsNullWithTheReasonAndTheLimitApart(string name, double limit)
    {
        var c = Criticality(ActivationCatalog.Parse(name), EngineType.B);
        Assert.Null(c.Gain);
        Assert.Null(c.FixedPoint);
        Assert.Contains("χ(q*) > 1 at every fixed point", c.Reason);
        Assert.Equal(limit, c.LimitAtZero!.Value, 1e-12);
    }

    [Fact]
    public void SoftplusHasChiBelowOneEverywhereAndNoLimit()
    {
        var c = Criticality(new Softplus(), EngineType.B);
        Assert.Null(c.Gain);
        Assert.Contains("χ(q*) < 1", c.Reason);
        Assert.Null(c.LimitAtZero); // softplus(0) = ln 2 ≠ 0: q* → 0 is no fixed point
    }

    [Fact]
    public void GeluAtItsFormerCriticalGainTwoExplodesTheSignal()
    {
        // The q* → 0 limit is not an operating point: at g = 2 the length map runs away from q = 1.
        var mf = new MeanField(new Gelu());
        double q = 1;
        for (int l = 0; l < 20; l++) q = mf.LengthMap(q, 2);
        Assert.True(q > 1e5, $"q after 20 layers = {q}");
    }

    [Fact]
    public void SeluHasNoCriticalFixedPointAndItsLimitIsNotOneOverLambdaAlpha()
    {
        var mf = new MeanField(new Selu());
        var c = mf.Criticality(EngineType.B, 1e-3, 1e3, 61);
        Assert.Null(c.Gain);
        // q* → 0: g² = 1/(½(λ² + (λα)²)); 0.6905, not 1/(λα) = 0.5688 (the left slope alone).
        double exact = Math.Sqrt(2 / (Selu.Lambda * Selu.Lambda * (1 + Selu.Alpha * Selu.Alpha)));
        Assert.Equal(exact, c.LimitAtZero!.Value, 1e-12);
        Assert.Equal(0.6905, exact, 4);
        Assert.Equal(exact, mf.GainForFixedPoint(1e-8)!.Value, 1e-4);   // numerically, along the fixed points
        foreach (double q in new[] { 1e-6, 1e-3, 0.1, 1, 10, 1e3 })    // χ(q*) > 1 on both sides of the scan too
            Assert.True(mf.FixedPointAt(q)!.Chi > 1, $"χ at q* = {q}");
        // Self-normalizing: at g = 1 the fixed point is q* = 1 (Klambauer et al.), and it is stable.
        var one = mf.FixedPointAt(1)!;
        Assert.Equal(1, one.Gain, 1e-9);
        Assert.Equal(FixedPointStability.Stable, one.Stability);
    }

    [Fact]
    public void LengthMapSlopeIsTheDerivativeOfTheMap()
    {
        foreach (Activation a in new Activation[] { new Tanh(), new Gelu(), new Selu(), new Sigmoid() })
        {
            var mf = new MeanField(a);
            const double q = 1.7, g = 1.3, h = 1e-5;
            double numeric = (mf.LengthMap(q + h, g) - mf.LengthMap(q - h, g)) / (2 * h);
            Assert.Equal(numeric, mf.LengthMapSlope(q, g), 1e-7);
        }
    }

    [Fact]
    public void RecommendedFixedPointsCarryTheirStability()
    {
        Assert.Equal(FixedPointStability.Marginal, Criticality(new Relu(), EngineType.A).FixedPoint!.Stability);
        Assert.Equal(FixedPointStability.Stable, EngineClassifier.Profile(new Tanh()).QOptFixedPoint!.Stability);
        // gelu's and silu's gain at q_opt holds q_opt, but the map is steeper than 1 there: flagged, not safe.
        foreach (Activation a in new Activation[] { new Gelu(), new Silu() })
        {
            var p = EngineClassifier.Profile(a).QOptFixedPoint!;
            Assert.Equal(FixedPointStability.Unstable, p.Stability);
            Assert.True(p.Slope > 1);
        }
        var sigmoid = Criticality(new Sigmoid(), EngineType.B).FixedPoint!;
        Assert.Equal(1, sigmoid.Chi, 1e-6);
        Assert.Equal(sigmoid.Stability, sigmoid.Slope < 1 ? FixedPointStability.Stable : FixedPointStability.Unstable);
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
