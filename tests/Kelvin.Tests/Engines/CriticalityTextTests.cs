using System.Globalization;
using Kelvin.Engines;
using Kelvin.Networks.Activations;

namespace Kelvin.Tests.Engines;

public class CriticalityTextTests
{
    private static string F(double? v) => v is double x ? x.ToString("G5", CultureInfo.InvariantCulture) : "—";

    [Fact]
    public void A_critical_gain_carries_its_fixed_points_stability()
    {
        var c = new Criticality(Math.Sqrt(2), new FixedPoint(1, Math.Sqrt(2), 1, 1), null, null);
        Assert.Equal("1.4142 (marginal)", CriticalityText.Critical(c, F));
    }

    [Fact]
    public void Without_a_critical_fixed_point_the_limit_at_zero_is_named_as_a_limit()
    {
        Assert.Equal("none (q*→0 limit 2)", CriticalityText.Critical(new Criticality(null, null, 2, "why"), F));
        Assert.Equal("none", CriticalityText.Critical(new Criticality(null, null, null, "why"), F));
    }

    [Fact]
    public void The_gain_at_a_fixed_point_names_its_stability_and_missing_is_a_dash()
    {
        Assert.Equal("1.8851 (stable)", CriticalityText.AtFixedPoint(new FixedPoint(1.77, 1.8851, 0.5, 1.3), F));
        Assert.Equal("1.4535 (unstable)", CriticalityText.AtFixedPoint(new FixedPoint(2.8, 1.4535, 1.2, 1.3), F));
        Assert.Equal("—", CriticalityText.AtFixedPoint(null, F));
    }

    [Fact]
    public void Reasons_group_the_activations_that_share_one()
    {
        var scan = new EfficiencyScan { QMin = 1e-3, QMax = 1e3, Points = 31 }.Validated();
        var profiles = new[] { "relu", "tanh", "gelu" }.Select(n => EngineClassifier.Profile(ActivationCatalog.Parse(n), scan)).ToList();
        var lines = CriticalityText.Reasons(profiles).ToList();
        Assert.Single(lines);
        Assert.StartsWith("tanh, gelu: no critical gain", lines[0]);
    }
}
