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
    public void UnadjustedLangevinMatchesTheExactStateOfTheDiscreteChain()
    {
        var result = BoltzmannCalibration.Run(new CalibrationOptions(SamplesPerChain: 3000, Seeds: 2));
        Assert.Equal(Regime.Normal, result.Measured.Regime);
        Assert.Equal("langevin", result.Sampler);
        Assert.Null(result.AcceptanceRate);
        Assert.InRange(result.RelativeError!.Value, -0.03, 0.03);
        Assert.True(result.Passed);
        // The discrete chain is hotter than Boltzmann along every mode: its exact ΔE/ΔS sits above the logarithmic mean.
        Assert.Equal(BoltzmannCalibration.LogarithmicMean(0.5, 2), result.BoltzmannReference, 12);
        Assert.True(result.Expected > result.BoltzmannReference);
        Assert.Equal(2, result.SeedTemperatures.Count);
        Assert.NotNull(result.Spread);
        foreach (var s in new[] { result.Cold, result.Hot })
        {
            Assert.InRange(s.EnergyRelativeError, -0.03, 0.03);
            Assert.True(s.ExpectedEnergy > 20 * s.Temperature / 2); // above equipartition d·T/2 by the discretization
            Assert.InRange(s.Entropy - s.ExpectedEntropy, -0.3, 0.3);
        }
    }

    [Fact]
    public void LangevinEnergyIsHalfTheTraceOfHTimesTheStationaryCovariance()
    {
        var u = QuadraticPotential.LogSpaced(6, seed: 5);
        const double eta = 0.05, t = 1.7;
        var covariance = t * u.Shadow(eta).Hessian.Inverse();
        Assert.Equal(0.5 * (u.Hessian * covariance).Trace(), u.LangevinEnergy(t, eta), 1e-10);
        Assert.Equal(6 * t / 2, u.LangevinEnergy(t, 1e-12), 1e-9);
    }

    [Theory]
    [InlineData("vasicek")]
    [InlineData("ebrahimi")]
    [InlineData("knn")]
    public void DoubleWellPassesWithinOnePercent(string estimator)
    {
        var result = BoltzmannCalibration.Run(new CalibrationOptions(Potential: CalibrationPotential.DoubleWell, Estimator: estimator, SamplesPerChain: 3000));
        Assert.Equal("mala", result.Sampler);
        Assert.Equal(result.Expected, result.BoltzmannReference);
        Assert.InRange(result.AcceptanceRate!.Value, 0.5, 1);
        Assert.True(result.Passed, $"ΔE/ΔS {result.Measured.Value} vs {result.Expected}; E {result.Cold.EnergyRelativeError:P2}, {result.Hot.EnergyRelativeError:P2}");
        Assert.InRange(result.RelativeError!.Value, -0.01, 0.01);
    }

    [Fact]
    public void QuarticPassesWithinOnePercent()
    {
        var result = BoltzmannCalibration.Run(new CalibrationOptions(Potential: CalibrationPotential.Quartic, Estimator: "knn", SamplesPerChain: 3000));
        Assert.True(result.Passed, $"ΔE/ΔS {result.Measured.Value} vs {result.Expected}");
    }

    [Fact]
    public void AGaussianEntropyMissesTheDoubleWell()
    {
        // The check an anharmonic potential adds: an estimator that is right only up to scale (the Gaussian
        // ½ ln 2πe·var is exact for rescaled Gaussians) fails once the state changes shape with T.
        var result = BoltzmannCalibration.Run(new CalibrationOptions(Potential: CalibrationPotential.DoubleWell, Estimator: "gaussian", Seeds: 1, SamplesPerChain: 2000));
        Assert.False(result.Passed);
        Assert.True(Math.Abs(result.RelativeError!.Value) > 0.05);
    }

    [Theory]
    [InlineData(CalibrationPotential.Quadratic)]
    [InlineData(CalibrationPotential.DoubleWell)]
    public void SameSeedSameNumbersOnOneThreadAndOnMany(CalibrationPotential potential)
    {
        var options = new CalibrationOptions(Dimension: 4, SamplesPerChain: 200, Chains: 4, Potential: potential, Seeds: 2);
        var one = BoltzmannCalibration.Run(options, maxDegreeOfParallelism: 1);
        var many = BoltzmannCalibration.Run(options, maxDegreeOfParallelism: 8);
        Assert.Equal(one.Measured, many.Measured);
        Assert.Equal(one.Cold, many.Cold);
        Assert.Equal(one.Hot, many.Hot);
        Assert.Equal(one.SeedTemperatures, many.SeedTemperatures);
        Assert.Equal(one.AcceptanceRate, many.AcceptanceRate);
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
        Assert.Throws<KelvinException>(() => BoltzmannCalibration.Run(new CalibrationOptions(T1: 1, T2: 1)));
        Assert.Throws<KelvinException>(() => BoltzmannCalibration.Run(new CalibrationOptions(Seeds: 0)));
        Assert.Throws<KelvinException>(() => BoltzmannCalibration.Run(new CalibrationOptions(Estimator: "nope")));
        Assert.Throws<KelvinException>(() => CalibrationPotentials.Parse("cubic"));
        Assert.Equal(CalibrationPotential.DoubleWell, CalibrationPotentials.Parse("double_well"));
    }

    [Fact]
    public void PassesOnlyWhenTemperatureAndBothEnergiesAreWithinTheTolerance()
    {
        static CalibrationState State(double t, double energy) => new(t, energy, null, 10 * t, 0, null, 0);
        double expected = BoltzmannCalibration.LogarithmicMean(0.5, 2);
        CalibrationResult Result(double measured, double cold, double hot, CalibrationPotential p = CalibrationPotential.Quadratic) =>
            new(new CalibrationOptions(Potential: p), 0.02, expected, expected, Temperature.Finite(measured), [measured], State(0.5, cold), State(2, hot), "langevin", "gaussian", null);
        Assert.True(Result(expected * 1.02, 5.1, 19.5).Passed);
        Assert.False(Result(expected * 1.04, 5.0, 20.0).Passed);   // temperature 4% off
        Assert.False(Result(expected, 5.2, 20.0).Passed);          // cold energy 4% off
        Assert.False(Result(expected, 5.0, 19.0).Passed);          // hot energy 5% off
        Assert.False(Result(expected * 1.02, 5.0, 20.0, CalibrationPotential.DoubleWell).Passed); // 2% fails the anharmonic 1%
        Assert.True(Result(expected * 1.008, 5.0, 20.0, CalibrationPotential.Quartic).Passed);
        Assert.Null(Result(expected, 5, 20).Spread);                // one seed: no spread
        Assert.False(new CalibrationResult(new CalibrationOptions(), 0.02, expected, expected, Temperature.Degenerate(Regime.Isentropic), [null], State(0.5, 5), State(2, 20), "langevin", "gaussian", null).Passed);
    }
}
