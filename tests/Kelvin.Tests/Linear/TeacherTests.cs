using Kelvin.Linear;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Tests.Linear;

public class TeacherTests
{
    private static Matrix<double> SampleCovariance(LinearData data)
    {
        // features have mean 0 by construction; (1/n) Σ xxᵀ
        return data.WeightedSecondMoment();
    }

    [Fact]
    public void SignalIsExactAndFeaturesAreStandardNormal()
    {
        var t = LinearTestData.Regression(5, 40_000, noise: 0.5, seed: 3);
        Assert.Equal(5 * 1.0, t.TrueWeights.Sum(v => v * v), 1e-12);
        var c = SampleCovariance(t.Data);
        Assert.True((c - Matrix<double>.Build.DenseIdentity(5)).FrobeniusNorm() < 0.05);
        // residuals y − w*ᵀx are the noise: variance s²
        double ss = 0;
        for (int i = 0; i < t.Data.Count; i++) { double r = t.Data.Targets[i] - t.Data.Predict(t.TrueWeights, i); ss += r * r; }
        Assert.Equal(0.25, ss / t.Data.Count, 0.01);
    }

    [Fact]
    public void ConditionNumberShapesTheFeatureCovariance()
    {
        var t = LinearTestData.Regression(4, 40_000, seed: 5, condition: 10);
        var eig = t.FeatureCovariance.Evd().EigenValues.Select(e => e.Real).OrderBy(v => v).ToArray();
        Assert.Equal(10, eig[^1] / eig[0], 1e-9);
        Assert.Equal(1, eig.Average(), 1e-12);
        var c = SampleCovariance(t.Data);
        Assert.True((c - t.FeatureCovariance).FrobeniusNorm() < 0.05 * t.FeatureCovariance.FrobeniusNorm());
    }

    [Fact]
    public void LaplaceNoiseHasTheGivenStandardDeviationAndHeavierTails()
    {
        var t = LinearTestData.Regression(2, 40_000, noise: 0.5, seed: 8, law: NoiseLaw.Laplace);
        var r = Enumerable.Range(0, t.Data.Count).Select(i => t.Data.Targets[i] - t.Data.Predict(t.TrueWeights, i)).ToArray();
        double var = r.Average(v => v * v);
        Assert.Equal(0.25, var, 0.01);
        double kurtosis = r.Average(v => v * v * v * v) / (var * var);
        Assert.InRange(kurtosis, 5, 7); // Laplace: 6 (Gaussian 3)
    }

    [Fact]
    public void ClassificationLabelsFollowTheLogisticModel()
    {
        var t = LinearTestData.Classification(3, 40_000, noise: 1.0, seed: 2);
        Assert.All(t.Data.Targets, y => Assert.True(y is 1.0 or -1.0));
        // P(y = +1 | z) = σ(z/s): check in a bin around z = 1.
        int count = 0, positive = 0;
        for (int i = 0; i < t.Data.Count; i++)
        {
            double z = t.Data.Predict(t.TrueWeights, i);
            if (Math.Abs(z - 1) < 0.1) { count++; if (t.Data.Targets[i] > 0) positive++; }
        }
        Assert.True(count > 500);
        Assert.Equal(1 / (1 + Math.Exp(-1)), (double)positive / count, 0.04);
    }

    [Fact]
    public void SameSeedSameDataOtherSeedOtherData()
    {
        var a = LinearTestData.Regression(3, 100, seed: 1).Data;
        var b = LinearTestData.Regression(3, 100, seed: 1).Data;
        var c = LinearTestData.Regression(3, 100, seed: 2).Data;
        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Targets, b.Targets);
        Assert.NotEqual(a.Targets, c.Targets);
    }

    [Fact]
    public void ShiftsChangeOneThing()
    {
        var t = LinearTestData.Regression(3, 500, seed: 4);
        var noise = Shift.Apply(t, ShiftKind.Noise, 2);
        Assert.Equal(t.Data.Features, noise.Data.Features);
        Assert.Equal(t.TrueWeights, noise.TrueWeights);
        for (int i = 0; i < 10; i++)
        {
            double z = t.Data.Predict(t.TrueWeights, i);
            Assert.Equal(2 * (t.Data.Targets[i] - z), noise.Data.Targets[i] - z, 1e-12);
        }
        var concept = Shift.Apply(t, ShiftKind.Concept, 0.5);
        Assert.Equal(t.Data.Features, concept.Data.Features);
        double dw = Math.Sqrt(t.TrueWeights.Zip(concept.TrueWeights, (p, q) => (p - q) * (p - q)).Sum());
        Assert.Equal(0.5 * Math.Sqrt(t.TrueWeights.Sum(v => v * v)), dw, 1e-12);
        var covariate = Shift.Apply(t, ShiftKind.Covariate, 2);
        Assert.Equal(2 * t.Data.Features[7], covariate.Data.Features[7], 1e-12);
    }

    [Theory]
    [InlineData(0, 10, 1.0, 0.5)]
    [InlineData(3, 1, 1.0, 0.5)]
    [InlineData(3, 10, -1.0, 0.5)]
    [InlineData(3, 10, 1.0, 0.0)]
    [InlineData(3, 10, 1.0, double.NaN)]
    public void BadSpecsAreClearErrors(int d, int n, double signal, double noise)
    {
        var e = Assert.Throws<KelvinException>(() => Teacher.Draw(new TeacherSpec(d, n, signal, noise, LinearTask.Regression)));
        Assert.NotNull(e.Parameter);
        Assert.StartsWith(e.Parameter, e.Message); // the parameter's name; the CLI says its flag
    }

    [Fact]
    public void LinearDataChecksItsInput()
    {
        Assert.Throws<KelvinException>(() => new LinearData("x", LinearTask.Regression, new double[] { 1, 2, 3 }, new double[] { 1, 2 }, 2));
        Assert.Throws<KelvinException>(() => new LinearData("x", LinearTask.Regression, new double[] { 1, double.NaN }, new double[] { 1, 2 }, 1));
        Assert.Contains("not -1 or +1", Assert.Throws<KelvinException>(() => new LinearData("x", LinearTask.Classification, new double[] { 1, 2 }, new double[] { 1, 0 }, 1)).Message);
    }
}
