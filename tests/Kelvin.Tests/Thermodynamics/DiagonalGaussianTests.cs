using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Thermodynamics;

public class DiagonalGaussianTests
{
    [Fact]
    public void TheEntropyIsTheSumOfHalfLogTwoPiEVariance()
    {
        var layer = LayerSamples.Of("w", new[] { new[] { 0.0, 1.0 }, new[] { 2.0, 1.5 }, new[] { 1.0, 2.0 } });
        double v0 = 1.0, v1 = 0.25; // sample variances (divisor N − 1) of {0, 2, 1} and {1, 1.5, 2}
        double expected = 0.5 * Math.Log(2 * Math.PI * Math.E * v0) + 0.5 * Math.Log(2 * Math.PI * Math.E * v1);
        Assert.Equal(expected, StateEntropies.DiagonalGaussian(layer).Entropy!.Value, 1e-12);
    }

    [Theory]
    [InlineData(8, -0.0748)]
    [InlineData(2, -0.6352)]
    public void TheThermalBiasIsTheChiSquareMeanOfHalfLogVariance(int iterates, double expected) =>
        // E[ln(χ²_ν/ν)] = ψ(ν/2) + ln(2/ν), ν = M − 1; ψ(1/2) = −γ − 2 ln 2 gives −0.6352 at M = 2.
        Assert.Equal(expected, ThermalEntropyBias.PerParameter(iterates), 4);

    [Fact]
    public void AFrozenFloat32WeightHasItsQuantizationVarianceInsteadOfMakingAPoint()
    {
        var layer = LayerSamples.Of("w", new[] { new[] { 0.5f, 1.0f }, new[] { 0.5f, 1.5f }, new[] { 0.5f, 2.0f }, new[] { 0.5f, 1.0f } });
        Assert.Null(StateEntropies.Thermal(layer).Entropy);
        double u = Math.Pow(2, -24); // the float32 spacing at 0.5
        double frozen = 0.5 * Math.Log(2 * Math.PI * Math.E * u * u / 12);
        var moving = StateEntropies.DiagonalGaussian(LayerSamples.Of("m", new[] { new[] { 1.0 }, new[] { 1.5 }, new[] { 2.0 }, new[] { 1.0 } })).Entropy!.Value;
        double bias = ThermalEntropyBias.PerParameter(4); // the thermal view's χ² correction, per parameter
        Assert.Equal(frozen + moving - 2 * bias, StateEntropies.Thermal(layer, float32Weights: true).Entropy!.Value, 1e-9);
    }
}
