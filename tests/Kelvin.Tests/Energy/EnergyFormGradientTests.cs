using Kelvin.Energy;

namespace Kelvin.Tests.Energy;

public class EnergyFormGradientTests
{
    /// <summary>Central finite difference of ℓ along output k.</summary>
    private static double FiniteDifference(IEnergyForm form, double[] prediction, double[] target, int k, double h = 1e-5)
    {
        var plus = (double[])prediction.Clone();
        var minus = (double[])prediction.Clone();
        plus[k] += h;
        minus[k] -= h;
        return (form.Value(plus, target) - form.Value(minus, target)) / (2 * h);
    }

    private static void AssertGradientMatches(IEnergyForm form, double[] prediction, double[] target, double tolerance = 1e-6)
    {
        var gradient = new double[prediction.Length];
        double value = form.ValueAndGradient(prediction, target, gradient);
        Assert.Equal(form.Value(prediction, target), value, 12);
        Assert.True(double.IsFinite(value));
        for (int k = 0; k < prediction.Length; k++)
        {
            double fd = FiniteDifference(form, prediction, target, k);
            Assert.True(Math.Abs(gradient[k] - fd) <= tolerance * Math.Max(1, Math.Abs(fd)), $"{form.Name} output {k}: gradient {gradient[k]}, finite difference {fd}");
        }
    }

    public static TheoryData<double[], double[]> RegressionCases => new()
    {
        { [0.3], [1.2] },
        { [-2.5, 4.0, 0.1], [1.0, 3.0, -0.4] },
        { [1000.0, -1000.0], [0.0, 1.0] },
        { [40.0, -40.0, 7.0], [-1.0, 2.0, 7.5] },
    };

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void MseAndMaeGradientsMatchFiniteDifferences(double[] prediction, double[] target)
    {
        AssertGradientMatches(MeanSquaredError.Instance, prediction, target);
        AssertGradientMatches(MeanAbsoluteError.Instance, prediction, target);
        Assert.Equal(prediction.Zip(target, (p, y) => (p - y) * (p - y)).Sum(), MeanSquaredError.Instance.Value(prediction, target), 9);
        Assert.Equal(prediction.Zip(target, (p, y) => Math.Abs(p - y)).Sum(), MeanAbsoluteError.Instance.Value(prediction, target), 9);
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(-3.2, -1)]
    [InlineData(40, 1)]
    [InlineData(-40, 1)]
    [InlineData(40, -1)]
    [InlineData(1000, 1)]
    [InlineData(-1000, 1)]
    [InlineData(1000, -1)]
    public void BinaryCrossEntropyGradientMatchesFiniteDifferencesAtExtremeLogits(double logit, double label)
    {
        AssertGradientMatches(CrossEntropy.Instance, [logit], [label]);
        double m = label * logit;
        double expected = m > 30 ? Math.Exp(-m) : m < -30 ? -m : Math.Log(1 + Math.Exp(-m));
        Assert.Equal(expected, CrossEntropy.Instance.Value(logit, label), Math.Abs(expected) * 1e-12);
        if (m <= 700) Assert.True(CrossEntropy.Instance.Value(logit, label) > 0); // softplus(−40) ≈ 4.25e−18 is not 0 (e^−1000 underflows to 0 in double)
        Assert.True(double.IsFinite(CrossEntropy.Instance.Derivative(logit, label)));
    }

    public static TheoryData<double[], double[]> MulticlassCases => new()
    {
        { [0.1, -0.4, 2.0], [0, 0, 1] },
        { [1000, -1000, 0], [0, 1, 0] },
        { [1000, -1000, 0], [1, 0, 0] },
        { [40, -40, 40, 0], [0, 0, 0, 1] },
        { [-40, -40.5, -39], [0.2, 0.5, 0.3] }, // soft targets
    };

    [Theory]
    [MemberData(nameof(MulticlassCases))]
    public void MulticlassCrossEntropyGradientMatchesFiniteDifferences(double[] logits, double[] target)
    {
        AssertGradientMatches(CrossEntropy.Instance, logits, target);
        // Independent value: Σ_k y_k (logsumexp − ŷ_k) with a long-hand logsumexp.
        double max = logits.Max();
        double lse = max + Math.Log(logits.Sum(z => Math.Exp(z - max)));
        Assert.Equal(target.Select((y, k) => y * (lse - logits[k])).Sum(), CrossEntropy.Instance.Value(logits, target), 9);
    }

    [Fact]
    public void ParseKnowsTheThreeFormsAndRejectsOthers()
    {
        Assert.Equal(["mse", "mae", "ce"], EnergyForms.All.Select(f => f.Name));
        Assert.Same(CrossEntropy.Instance, EnergyForms.Parse(" CE "));
        Assert.Throws<KelvinException>(() => EnergyForms.Parse("huber2"));
    }
}
