using Kelvin.Engines;
using Kelvin.Networks.Activations;

namespace Kelvin.Tests.Engines;

public class EngineClassifierTests
{
    private static readonly EfficiencyScan Scan = new();

    [Theory]
    [InlineData("identity", EngineType.A)]
    [InlineData("relu", EngineType.A)]
    [InlineData("leaky_relu(0.1)", EngineType.A)]
    [InlineData("leaky_relu", EngineType.A)]
    [InlineData("tanh", EngineType.B)]
    [InlineData("sigmoid", EngineType.B)]
    [InlineData("gelu", EngineType.B)]
    [InlineData("silu", EngineType.B)]
    [InlineData("elu", EngineType.B)]
    [InlineData("selu", EngineType.B)]
    [InlineData("softplus", EngineType.B)]
    [InlineData("erf", EngineType.B)]
    public void BuiltInActivationsAreClassifiedByMeasurement(string name, EngineType expected)
    {
        var curve = EngineClassifier.Curve(ActivationCatalog.Parse(name), Scan);
        Assert.Equal(61, curve.Length);
        Assert.Equal(1e-3, curve[0].Q);
        Assert.Equal(1e3, curve[^1].Q);
        Assert.Equal(expected, EngineClassifier.Classify(curve, Scan).Type);
    }

    [Fact]
    public void TanhHasAnInteriorOptimumNearTwo()
    {
        var p = EngineClassifier.Profile(new Tanh());
        Assert.Equal(EngineType.B, p.Type);
        Assert.NotNull(p.QOpt);
        Assert.InRange(p.QOpt!.Value, 1.5, 2.5);
        Assert.InRange(p.EfficiencyAtQOpt!.Value, 0.0295, 0.0298); // docs/theory.md: "peak near 0.0296"; measured 0.029665
        Assert.Equal(0.0274, p.EfficiencyAtUnitQ, 4);
        // both limits go to 0
        Assert.True(p.Low.Eta < 1e-5 && p.High.Eta < 1e-3);
        // a maximum: η at q_opt is above its neighbours
        Assert.True(p.EfficiencyAtQOpt > HermiteWork.EfficiencyOf(new Tanh(), p.QOpt.Value * 1.05));
        Assert.True(p.EfficiencyAtQOpt > HermiteWork.EfficiencyOf(new Tanh(), p.QOpt.Value / 1.05));
    }

    [Fact]
    public void MonotoneTypeBHasNoOptimum()
    {
        // softplus rises from 0 towards the relu value: a limit, not an optimum.
        var p = EngineClassifier.Profile(new Softplus());
        Assert.Equal(EngineType.B, p.Type);
        Assert.Null(p.QOpt);
        Assert.True(p.High.Eta > p.Low.Eta);
    }

    [Fact]
    public void UserMishIsTypeB()
    {
        var mish = new UserActivation("mish", z => z * Math.Tanh(Kelvin.Numerics.Stable.Softplus(z)));
        var p = EngineClassifier.Profile(mish);
        Assert.Equal("mish", p.Activation);
        Assert.Equal(EngineType.B, p.Type);
        Assert.False(p.IsPureConductor);
    }

    [Fact]
    public void UserReluIsTypeAWithTheReluEfficiency()
    {
        // Measured, not looked up: an anonymous delegate that happens to be a (scaled) relu.
        var p = EngineClassifier.Profile(new UserActivation("my_relu", z => 3 * Math.Max(z, 0)));
        Assert.Equal(EngineType.A, p.Type);
        Assert.Equal(9 * (0.25 - 1 / (2 * Math.PI)), p.EfficiencyAtUnitQ, 1e-9);
        Assert.Null(p.QOpt);
    }

    [Fact]
    public void ShiftedReluHasAScaleAndIsTypeB()
    {
        // max(z − 1, 0) has its kink away from 0: the adaptive fallback must still converge, and the scale makes it Type B.
        var p = EngineClassifier.Profile(new UserActivation("shifted_relu", z => Math.Max(z - 1, 0)));
        Assert.Equal(EngineType.B, p.Type);
        Assert.Equal(0.25 - 1 / (2 * Math.PI), p.High.Eta, 2);
    }

    [Fact]
    public void IdentityIsAPureConductor()
    {
        var p = EngineClassifier.Profile(new Identity());
        Assert.Equal(EngineType.A, p.Type);
        Assert.True(p.IsPureConductor);
        // η ≡ 0 exactly: no quadrature residue (~1e-32) in η(1), the curve or its end values.
        Assert.Equal(0.0, p.EfficiencyAtUnitQ);
        Assert.All(p.Curve, point => Assert.Equal(0.0, point.Eta));
        Assert.Equal(0.0, p.Low.Eta);
        Assert.Equal(0.0, p.High.Eta);
    }

    [Fact]
    public void ClassifyHandlesConstantZeroAndVaryingCurves()
    {
        EfficiencyPoint[] Of(params double[] eta) => eta.Select((e, i) => new EfficiencyPoint(i + 1, e)).ToArray();
        Assert.Equal((EngineType.A, false), EngineClassifier.Classify(Of(0.2, 0.2 * (1 + 1e-8), 0.2), Scan));
        Assert.Equal((EngineType.A, true), EngineClassifier.Classify(Of(0, 1e-30, 0), Scan));
        Assert.Equal((EngineType.B, false), EngineClassifier.Classify(Of(0.2, 0.21, 0.2), Scan));
    }

    [Fact]
    public void BadScansAreKelvinErrors()
    {
        Assert.Throws<KelvinException>(() => new EfficiencyScan { QMin = 10, QMax = 1 }.Validated());
        Assert.Throws<KelvinException>(() => new EfficiencyScan { QMin = 1, QMax = 1 }.Validated());
        Assert.Throws<KelvinException>(() => new EfficiencyScan { Points = 2 }.Validated());
        Assert.Throws<KelvinException>(() => new EfficiencyScan { QMin = 0 }.Validated());
    }

    [Fact]
    public void CurveIsIndependentOfThreadCount()
    {
        var a = EngineClassifier.Curve(new Gelu(), new EfficiencyScan { Points = 21 });
        var b = EngineClassifier.Curve(new Gelu(), new EfficiencyScan { Points = 21 });
        Assert.Equal(a, b);
    }
}
