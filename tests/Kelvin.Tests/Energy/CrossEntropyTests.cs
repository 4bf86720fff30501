using Kelvin.Energy;

namespace Kelvin.Tests.Energy;

public class CrossEntropyTests
{
    [Fact]
    public void BinaryIsExactForExtremeLogits()
    {
        // softplus(−40) = ln(1 + e^−40) ≈ e^−40 ≈ 4.248e−18, not 0.
        double v = CrossEntropy.Instance.Value(40, 1);
        Assert.Equal(Math.Exp(-40), v, 1e-30);
        Assert.True(v > 0);
        Assert.Equal(1000.0, CrossEntropy.Instance.Value(-1000, 1), 12);
        Assert.Equal(-1.0, CrossEntropy.Instance.Derivative(-1000, 1), 12);
    }
}
