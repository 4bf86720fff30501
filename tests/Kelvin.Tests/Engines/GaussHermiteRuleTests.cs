using Kelvin.Engines;

namespace Kelvin.Tests.Engines;

public class GaussHermiteRuleTests
{
    private static double DoubleFactorial(int m) { double r = 1; for (int k = m; k > 1; k -= 2) r *= k; return r; }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(200)]
    public void EvenMomentsAreDoubleFactorials(int n)
    {
        var rule = GaussHermiteRule.Of(n);
        Assert.Equal(n, rule.Size);
        Assert.Equal(1.0, rule.Weights.Sum(), 1e-14);
        for (int k = 0; 2 * k <= Math.Min(2 * n - 1, 60); k++)
        {
            double exact = DoubleFactorial(2 * k - 1);
            double got = rule.Expectation(x => Math.Pow(x, 2 * k));
            Assert.True(Math.Abs(got - exact) <= 1e-12 * exact, $"n={n} E[ξ^{2 * k}] = {got}, expected {exact}");
            Assert.True(Math.Abs(rule.Expectation(x => Math.Pow(x, 2 * k + 1))) <= 1e-12 * DoubleFactorial(2 * k + 1));
        }
    }

    [Fact]
    public void NodesAreSymmetricAndSortedAndCached()
    {
        var rule = GaussHermiteRule.Of(64);
        Assert.Same(rule, GaussHermiteRule.Of(64));
        for (int i = 0; i < 64; i++) Assert.Equal(-rule.Nodes[i], rule.Nodes[63 - i]);
        for (int i = 1; i < 64; i++) Assert.True(rule.Nodes[i] > rule.Nodes[i - 1]);
        Assert.All(rule.Weights, w => Assert.True(w > 0));
    }

    [Fact]
    public void BadSizeIsAKelvinError()
    {
        Assert.Throws<KelvinException>(() => GaussHermiteRule.Of(0));
        Assert.Throws<KelvinException>(() => GaussHermiteRule.Of(GaussHermiteRule.MaxSize + 1));
    }

    [Fact]
    public void AdaptiveExpectationHandlesKinksAndSmoothFunctions()
    {
        // E[max(ξ,0)] = 1/√(2π): a kink that Gauss–Hermite converges on slowly, caught by the fallback.
        Assert.Equal(1 / Math.Sqrt(2 * Math.PI), GaussianExpectation.Of(x => Math.Max(x, 0)), 1e-13);
        Assert.Equal(0.5, GaussianExpectation.Of(x => x > 0 ? 1 : 0), 1e-13);
        // E[cos ξ] = e^(−1/2), smooth: Gauss–Hermite.
        Assert.Equal(Math.Exp(-0.5), GaussianExpectation.Of(Math.Cos), 1e-14);
        // E[|ξ|³] = 2√(2/π).
        Assert.Equal(2 * Math.Sqrt(2 / Math.PI), GaussianExpectation.Of(x => Math.Abs(x * x * x)), 1e-12);
        Assert.Throws<KelvinException>(() => GaussianExpectation.Of(x => double.NaN));
    }
}
