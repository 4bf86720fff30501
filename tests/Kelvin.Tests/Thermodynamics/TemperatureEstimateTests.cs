using Kelvin.Reports;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Thermodynamics;

public class TemperatureEstimateTests
{
    [Fact]
    public void MembersGiveTheRatioOfMeansAndTheJackknifeError()
    {
        double[] dE = [-1.0, -1.2, -0.9, -1.1];
        double[] dS = [2.0, 2.2, 1.9, 2.1];
        var t = TemperatureEstimate.FromMembers(dE, dS, EntropyView.Particle);
        Assert.Equal(-4.2 / 8.2, t.Temperature.Value!.Value, 12);
        Assert.Equal(Regime.Negative, t.Temperature.Regime);
        // The delete-one jackknife by hand.
        var loo = Enumerable.Range(0, 4).Select(i => (dE.Sum() - dE[i]) / (dS.Sum() - dS[i])).ToArray();
        double mean = loo.Average();
        double se = Math.Sqrt(3.0 / 4 * loo.Sum(x => (x - mean) * (x - mean)));
        Assert.Equal(se, t.StandardError!.Value, 12);
        Assert.True(t.SignResolved);
        Assert.Equal(UncertaintyMethod.Members, t.Method);
        Assert.Equal(4, t.Replicates);
    }

    [Fact]
    public void JackknifeMatchesTheDeltaMethodForManyMembers()
    {
        var rng = new Kelvin.Randomness.Rng(7);
        int k = 4000;
        var dE = new double[k];
        var dS = new double[k];
        for (int i = 0; i < k; i++) { dE[i] = 1 + 0.1 * rng.NextGaussian(); dS[i] = 2 + 0.3 * rng.NextGaussian(); }
        var t = TemperatureEstimate.FromMembers(dE, dS, EntropyView.Ensemble);
        // Delta method for independent ΔE, ΔS: SE(T)² ≈ T²(σE²/(K ΔĒ²) + σS²/(K ΔS̄²)).
        double expected = 0.5 * Math.Sqrt((0.01 / 1 + 0.09 / 4) / k);
        Assert.InRange(t.StandardError!.Value / expected, 0.93, 1.07);
    }

    [Fact]
    public void AnEntropyChangeThatStraddlesZeroLeavesTheSignUnresolved()
    {
        var t = TemperatureEstimate.FromMembers([-1.0, -1.1, -0.9, -1.0], [0.5, -0.4, 0.3, -0.2], EntropyView.Particle);
        Assert.False(t.SignResolved);
        Assert.EndsWith("(sign not resolved)", ReportFormat.Temperature(t));
        var e = TemperatureEstimate.FromMembers([0.1, -0.1, 0.2, -0.15], [1.0, 1.1, 0.9, 1.0], EntropyView.Particle);
        Assert.False(e.SignResolved);
    }

    [Fact]
    public void ALeaveOneOutEntropyChangeOfZeroHasNoStandardError()
    {
        var t = TemperatureEstimate.FromMembers([-1.0, -1.0, -1.0], [1.0, -1.0, 3.0], EntropyView.Particle);
        Assert.True(t.Temperature.IsFinite);
        Assert.Null(t.StandardError); // leaving out the third member gives ΔS̄ = 0: T unbounded
        Assert.False(t.SignResolved);
    }

    [Fact]
    public void DegenerateTemperaturesCarryNoError()
    {
        var t = TemperatureEstimate.FromMembers([-1.0, -1.0], [0.0, 0.0], EntropyView.Particle);
        Assert.Equal(Regime.Isentropic, t.Temperature.Regime);
        Assert.Null(t.StandardError);
        Assert.Equal("isentropic", ReportFormat.Temperature(t));
    }

    [Fact]
    public void BootstrapUsesTheReplicatesSpreadAndPercentiles()
    {
        var rng = new Kelvin.Randomness.Rng(3);
        int b = 2000;
        var dE = new double[b];
        var dS = new double[b];
        for (int i = 0; i < b; i++) { dE[i] = -1 + 0.05 * rng.NextGaussian(); dS[i] = 4 + 0.2 * rng.NextGaussian(); }
        var t = TemperatureEstimate.FromBootstrap(-1, 4, dE, dS, EntropyView.Particle);
        Assert.Equal(-0.25, t.Temperature.Value!.Value, 12);
        Assert.InRange(t.StandardError!.Value, 0.0165, 0.019); // ≈ 0.25·√(0.05² + 0.05²) = 0.0177
        Assert.True(t.SignResolved);
        Assert.Equal(UncertaintyMethod.Bootstrap, t.Method);
        Assert.Equal("bootstrap", t.Method.Name());
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<KelvinException>(() => TemperatureEstimate.FromMembers([1.0], [1.0], EntropyView.Particle));
        Assert.Throws<KelvinException>(() => TemperatureEstimate.FromMembers([1.0, 2.0], [1.0], EntropyView.Particle));
        Assert.Throws<KelvinException>(() => TemperatureEstimate.FromMembers([1.0, double.NaN], [1.0, 2.0], EntropyView.Particle));
        Assert.Throws<KelvinException>(() => TemperatureEstimate.FromBootstrap(1, 1, [1.0, 2.0], [1.0, double.PositiveInfinity], EntropyView.Particle));
    }

    [Theory]
    [InlineData(-0.00736815, 0.000412, "-0.00737 ± 0.00041")]
    [InlineData(377.76, 12.3, "378 ± 12")]
    [InlineData(0.374137, 0.032759, "0.374 ± 0.033")]
    [InlineData(1.0, 0.0999, "1.00 ± 0.10")]
    [InlineData(1.2e-8, 3e-10, "(1.200 ± 0.030)E-08")]
    [InlineData(-0.0004, 0.3, "0.00 ± 0.30")]
    [InlineData(2.5, null, "2.5")]
    [InlineData(2.5, 0.0, "2.5")]
    public void ErrorsSetTheDigits(double value, double? se, string expected) =>
        Assert.Equal(expected, ReportFormat.WithError(value, se));

    [Fact]
    public void ThermalViewIsTheDiagonalGaussianOfTheIterates()
    {
        var layer = LayerSamples.Of("w", new[] { new[] { 0.0, 1.0 }, new[] { 1.0, 1.0 }, new[] { 2.0, 3.0 }, new[] { 3.0, 3.0 } });
        var s = StateEntropies.Thermal(layer);
        double v0 = 5.0 / 3, v1 = 4.0 / 3; // sample variances (M − 1 = 3)
        double bias = 0.5 * (-0.5772156649015329 - 2 * Math.Log(2) + 2 + Math.Log(2.0 / 3)); // ½[ψ(3/2) + ln(2/3)], ψ(3/2) = 2 − γ − 2 ln 2
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * v0) + 0.5 * Math.Log(2 * Math.PI * Math.E * v1) - 2 * bias, s.Entropy!.Value, 12);
        Assert.Equal("thermal", EntropyView.Thermal.Name());
        Assert.Equal(EntropyView.Thermal, EntropyViews.Parse("Thermal"));
        var still = LayerSamples.Of("w", new[] { new[] { 0.0, 1.0 }, new[] { 1.0, 1.0 }, new[] { 2.0, 1.0 }, new[] { 3.0, 1.0 } });
        Assert.True(StateEntropies.Thermal(still).IsPoint);
        Assert.Throws<KelvinException>(() => StateEntropies.Thermal(LayerSamples.Of("w", new[] { new[] { 0.0 }, new[] { 1.0 } })));
    }
}
