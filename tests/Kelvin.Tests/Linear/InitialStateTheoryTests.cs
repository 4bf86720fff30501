using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Linear;
using Kelvin.Randomness;

namespace Kelvin.Tests.Linear;

public class InitialStateTheoryTests
{
    private static (double Mean, double Se) MonteCarlo(LinearData data, IEnergyForm loss, IUnivariateDistribution rho, int draws, ulong seed)
    {
        var rng = new Rng(seed);
        var u = new double[draws];
        for (int k = 0; k < draws; k++) u[k] = data.Energy(loss, rho.Samples(rng, data.Dimension));
        var e = Estimate.MeanOf(u);
        return (e.Value, e.StdErr);
    }

    public static TheoryData<string, string, int> Cells()
    {
        var t = new TheoryData<string, string, int>();
        foreach (var loss in new[] { "mse", "mae", "ce" })
            foreach (var init in new[] { "normal", "uniform", "mixed" })
                foreach (int d in new[] { 1, 8 })
                    t.Add(loss, init, d);
        return t;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void EnergyAgreesWithMonteCarlo(string lossName, string init, int d)
    {
        var loss = EnergyForms.Parse(lossName);
        var teacher = lossName == "ce" ? LinearTestData.Classification(d, 200) : LinearTestData.Regression(d, 200);
        var rho = LinearTestData.Init(init);
        var analytic = InitialStateTheory.Energy(teacher.Data, loss, rho);
        var (mean, se) = MonteCarlo(teacher.Data, loss, rho, 20000, 11);
        // Exact and quadrature cells: within 4 SE. CLT cells (d > 1, non-normal mae/ce) are a d → ∞ limit: 1% here.
        double tolerance = analytic.Method == AnalyticMethod.CentralLimit ? Math.Max(4 * se, 0.01 * mean) : 4 * se;
        Assert.True(Math.Abs(analytic.Value - mean) < tolerance, $"{lossName}/{init}/d={d} ({analytic.Method}): analytic {analytic.Value}, MC {mean} ± {se}");
    }

    [Fact]
    public void MethodsFollowTheTable()
    {
        var reg = LinearTestData.Regression(4, 50).Data;
        var one = LinearTestData.Regression(1, 50).Data;
        var cls = LinearTestData.Classification(4, 50).Data;
        Assert.Equal(AnalyticMethod.Exact, InitialStateTheory.Energy(reg, MeanSquaredError.Instance, LinearTestData.Init("uniform")).Method);
        Assert.Equal(AnalyticMethod.Exact, InitialStateTheory.Energy(reg, MeanAbsoluteError.Instance, LinearTestData.Init("normal")).Method);
        Assert.Equal(AnalyticMethod.CentralLimit, InitialStateTheory.Energy(reg, MeanAbsoluteError.Instance, LinearTestData.Init("mixed")).Method);
        Assert.Equal(AnalyticMethod.Exact, InitialStateTheory.Energy(one, MeanAbsoluteError.Instance, LinearTestData.Init("uniform")).Method);
        Assert.Equal(AnalyticMethod.Quadrature, InitialStateTheory.Energy(cls, CrossEntropy.Instance, LinearTestData.Init("normal")).Method);
        Assert.Equal(AnalyticMethod.CentralLimit, InitialStateTheory.Energy(cls, CrossEntropy.Instance, LinearTestData.Init("uniform")).Method);
    }

    [Fact]
    public void EntropyIsExtensive()
    {
        Assert.Equal(10 * 0.5 * Math.Log(2 * Math.PI * Math.E * 0.25), InitialStateTheory.Entropy(new Normal(0, 0.5), 10), 1e-12);
        Assert.Equal(7 * Math.Log(2.0), InitialStateTheory.Entropy(Uniform.Symmetric(1), 7), 1e-12);
    }

    [Fact]
    public void WrongLossForTheTaskIsAClearError()
    {
        var reg = LinearTestData.Regression(2, 20).Data;
        var e = Assert.Throws<KelvinException>(() => InitialStateTheory.Energy(reg, CrossEntropy.Instance, new Normal(0, 1)));
        Assert.Contains("classification", e.Message);
    }
}
