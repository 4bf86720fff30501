using Kelvin.Energy;
using Kelvin.Linear;

namespace Kelvin.Tests.Linear;

public class MinimizerTests
{
    private static double[] Gradient(LinearData data, IEnergyForm loss, double[] w)
    {
        var g = new double[w.Length];
        data.Gradient(loss, w, g);
        return g;
    }

    [Fact]
    public void LeastSquaresHasZeroGradientAndRecoversTheTeacher()
    {
        var teacher = LinearTestData.Regression(4, 20_000, noise: 0.1);
        var min = Minimizer.Minimize(teacher.Data, MeanSquaredError.Instance);
        Assert.All(Gradient(teacher.Data, MeanSquaredError.Instance, min.Weights), g => Assert.True(Math.Abs(g) < 1e-10));
        for (int j = 0; j < 4; j++) Assert.Equal(teacher.TrueWeights[j], min.Weights[j], 0.01);
        Assert.Equal(0.01, min.Energy, 0.001); // U(w*) ≈ s²
    }

    [Fact]
    public void LeastAbsoluteDeviationsIsAMinimumOfTheMae()
    {
        var data = LinearTestData.Regression(3, 3000, noise: 0.5, law: NoiseLaw.Laplace).Data;
        var loss = MeanAbsoluteError.Instance;
        var min = Minimizer.Minimize(data, loss);
        Assert.Equal(data.Energy(loss, min.Weights), min.Energy, 1e-14);
        // No coordinate perturbation lowers it (convex: a local minimum is the global one)…
        foreach (double h in new[] { 1e-3, -1e-3, 1e-5, -1e-5 })
            for (int j = 0; j < 3; j++)
            {
                var w = (double[])min.Weights.Clone();
                w[j] += h;
                Assert.True(data.Energy(loss, w) >= min.Energy - 1e-12, $"perturbing w[{j}] by {h} lowered U");
            }
        // …and it beats least squares on the mae.
        Assert.True(min.Energy <= data.Energy(loss, Minimizer.LeastSquares(data).Weights));
        Assert.True(min.Iterations <= Minimizer.MaxIterations);
    }

    [Fact]
    public void LogisticRegressionHasZeroGradient()
    {
        var data = LinearTestData.Classification(3, 5000, noise: 1.0).Data;
        var min = Minimizer.Minimize(data, CrossEntropy.Instance);
        Assert.All(Gradient(data, CrossEntropy.Instance, min.Weights), g => Assert.True(Math.Abs(g) < 1e-8));
        Assert.InRange(min.Energy, 0.05, Math.Log(2));
    }

    [Fact]
    public void LogisticRegressionStopsAtTheRoundOffFloor()
    {
        // Regression test: once the Newton decrement reached U's round-off, the Armijo test compared equal
        // energies, accepted null steps and ran all 500 iterations before failing.
        var data = Teacher.Draw(new TeacherSpec(3, 4000, 1.0, 0.5, LinearTask.Classification, Seed: 9)).Data;
        var min = Minimizer.Minimize(data, CrossEntropy.Instance);
        Assert.True(min.Iterations < 30, $"{min.Iterations} Newton steps");
        Assert.All(Gradient(data, CrossEntropy.Instance, min.Weights), g => Assert.True(Math.Abs(g) < 1e-8));
    }

    [Fact]
    public void SeparableDataAreDetectedNotLoopedOn()
    {
        // n = 40 points in d = 10 with almost no label noise: linearly separable.
        var data = Teacher.Draw(new TeacherSpec(10, 40, 1.0, 1e-4, LinearTask.Classification, Seed: 1)).Data;
        var e = Assert.Throws<KelvinException>(() => Minimizer.Minimize(data, CrossEntropy.Instance));
        Assert.Contains("separable", e.Message);
    }

    [Fact]
    public void CollinearFeaturesAreAClearError()
    {
        var x = new double[] { 1, 2, 2, 4, 3, 6, -1, -2 };
        var data = new LinearData("collinear", LinearTask.Regression, x, new double[] { 1, 2, 3, 4 }, 2);
        Assert.Contains("collinear", Assert.Throws<KelvinException>(() => Minimizer.Minimize(data, MeanSquaredError.Instance)).Message);
    }

    [Fact]
    public void WrongTaskIsAClearError()
    {
        var reg = LinearTestData.Regression(2, 50).Data;
        Assert.Throws<KelvinException>(() => Minimizer.Minimize(reg, CrossEntropy.Instance));
        var cls = LinearTestData.Classification(2, 50).Data;
        Assert.Throws<KelvinException>(() => Minimizer.Minimize(cls, MeanSquaredError.Instance));
    }
}
