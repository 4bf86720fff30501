using Kelvin.Engines;
using Kelvin.Networks.Activations;

namespace Kelvin.Tests.Engines;

/// <summary>Issue 5's acceptance values for activations, on every level of the default scan
/// (61 levels, 1e−3 … 1e3) and through the public profile the CLI prints.</summary>
public class EngineAcceptanceTests
{
    private static readonly double ReluEta = 0.25 - 1 / (2 * Math.PI);
    private static readonly EfficiencyScan Scan = new();

    [Fact]
    public void ReluEtaIsExactOnEveryScannedLevel() =>
        Assert.All(EngineClassifier.Curve(new Relu(), Scan), p => Assert.Equal(ReluEta, p.Eta, 1e-9));

    [Fact]
    public void LeakyReluPointOneIsPointEightyOneTimesRelu() =>
        Assert.All(EngineClassifier.Curve(ActivationCatalog.Parse("leaky_relu(0.1)"), Scan), p => Assert.Equal(0.81 * ReluEta, p.Eta, 1e-9));

    [Fact]
    public void IdentityDoesNoWorkOnEveryScannedLevel()
    {
        var p = EngineClassifier.Profile(new Identity());
        Assert.True(p.IsPureConductor);
        Assert.Equal(EngineType.A, p.Type);
        Assert.All(p.Curve, c => Assert.Equal(0, c.Eta, 1e-12));
        Assert.Equal(1, p.CriticalGain!.Value, 1e-9);
    }

    [Fact]
    public void ReluProfileHasTheCriticalGainRootTwoAndNoOptimum()
    {
        var p = EngineClassifier.Profile(new Relu());
        Assert.Equal(EngineType.A, p.Type);
        Assert.Null(p.QOpt);
        Assert.Equal(ReluEta, p.EfficiencyAtUnitQ, 1e-9);
        Assert.Equal(Math.Sqrt(2), p.CriticalGain!.Value, 1e-6);
    }

    [Fact]
    public void TanhProfileMeetsTheAcceptanceValues()
    {
        var p = EngineClassifier.Profile(new Tanh());
        Assert.Equal(EngineType.B, p.Type);
        Assert.InRange(p.QOpt!.Value, 1.5, 2.5);
        Assert.InRange(p.EfficiencyAtUnitQ, 0.02735, 0.02745);
    }

    [Fact]
    public void EveryBuiltInActivationHasTheExpectedType()
    {
        var typeA = new[] { "relu", "leaky_relu", "identity" };
        var typeB = new[] { "tanh", "sigmoid", "gelu", "silu", "elu", "selu", "softplus", "erf" };
        static string Family(Activation a) => a.Name.Split('(')[0];
        foreach (var a in ActivationCatalog.BuiltIn)
        {
            var expected = typeA.Contains(Family(a)) ? EngineType.A : typeB.Contains(Family(a)) ? EngineType.B : (EngineType?)null;
            if (expected is EngineType t) Assert.Equal(t, EngineTypeCache.Of(a));
        }
        Assert.All(typeA.Concat(typeB), name => Assert.Contains(ActivationCatalog.BuiltIn, a => Family(a) == name));
    }
}
