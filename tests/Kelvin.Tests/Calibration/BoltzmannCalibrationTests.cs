using Kelvin.Calibration;
using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Calibration;

public class BoltzmannCalibrationTests
{
    [Fact]
    public void LogarithmicMeanOfHalfAndTwoIs1082()
    {
        Assert.Equal(1.5 / Math.Log(4), BoltzmannCalibration.LogarithmicMean(0.5, 2), 15);
        Assert.Equal(1.0820, BoltzmannCalibration.LogarithmicMean(0.5, 2), 4);
        Assert.Equal(3.0, BoltzmannCalibration.LogarithmicMean(3, 3));
    }

    [Fact]
    public void LangevinRecoversTheLogarithmicMeanAndEquipartition()
    {
        var result = BoltzmannCalibration.Run(new CalibrationOptions(SamplesPerChain: 3000));
        Assert.Equal(Regime.Normal, result.Measured.Regime);
        Assert.InRange(result.RelativeError!.Value, -0.03, 0.03);
        foreach (var s in new[] { result.Cold, result.Hot })
        {
            Assert.InRange(s.EnergyRelativeError, -0.03, 0.03);
            // The raw energy carries the discretization bias the shadow potential removes.
            Assert.True(s.RawEnergy > s.Energy);
            Assert.InRange(s.Entropy - s.ExpectedEntropy, -0.3, 0.3);
        }
    }

    [Fact]
    public void SameSeedSameNumbersOnOneThreadAndOnMany()
    {
        var options = new CalibrationOptions(Dimension: 4, SamplesPerChain: 200, Chains: 4);
        var one = BoltzmannCalibration.Run(options, maxDegreeOfParallelism: 1);
        var many = BoltzmannCalibration.Run(options, maxDegreeOfParallelism: 8);
        Assert.Equal(one.Measured, many.Measured);
        Assert.Equal(one.Cold, many.Cold);
        Assert.Equal(one.Hot, many.Hot);
    }

    [Fact]
    public void ShadowPotentialHasTheExactDiscreteVariance()
    {
        var u = QuadraticPotential.LogSpaced(5, seed: 3);
        const double eta = 0.05;
        var shadow = u.Shadow(eta);
        for (int i = 0; i < 5; i++)
        {
            double l = u.Eigenvalues[i];
            Assert.Equal(1 / (l * (1 - eta * l / 2)), 1 / shadow.Eigenvalues[i], 12);
        }
        var q = u.Rotation;
        Assert.True((q.TransposeThisAndMultiply(q) - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(5)).FrobeniusNorm() < 1e-12);
        Assert.Throws<KelvinException>(() => u.Shadow(2 / u.Eigenvalues.Max()));
    }

    [Fact]
    public void BadSettingsAreClearErrors()
    {
        Assert.Throws<KelvinException>(() => BoltzmannCalibration.Run(new CalibrationOptions(T1: 0)));
        Assert.Throws<KelvinException>(() => BoltzmannCalibration.Run(new CalibrationOptions(T2: -1)));
        Assert.Throws<KelvinException>(() => BoltzmannCalibration.Run(new CalibrationOptions(Dimension: 0)));
    }

    [Fact]
    public void PassesOnlyWhenTemperatureAndBothEnergiesAreWithinThreePercent()
    {
        static CalibrationState State(double t, double energy) => new(t, energy, energy, 10 * t, 0, 0);
        double expected = BoltzmannCalibration.LogarithmicMean(0.5, 2);
        CalibrationResult Result(double measured, double cold, double hot) =>
            new(new CalibrationOptions(), 0.02, expected, Temperature.Finite(measured), State(0.5, cold), State(2, hot));
        Assert.True(Result(expected * 1.02, 5.1, 19.5).Passed);
        Assert.False(Result(expected * 1.04, 5.0, 20.0).Passed);   // temperature 4% off
        Assert.False(Result(expected, 5.2, 20.0).Passed);          // cold energy 4% off
        Assert.False(Result(expected, 5.0, 19.0).Passed);          // hot energy 5% off
        Assert.False(new CalibrationResult(new CalibrationOptions(), 0.02, expected, Temperature.Degenerate(Regime.Isentropic), State(0.5, 5), State(2, 20)).Passed);
    }
}
