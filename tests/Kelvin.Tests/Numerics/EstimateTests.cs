using Kelvin;

namespace Kelvin.Tests.Numerics;

public class EstimateTests
{
    [Fact]
    public void ZScoreCountsStandardErrorsAndIsNullWithoutSpread()
    {
        Assert.Equal(-2.0, new Estimate(3, 0.5).ZScore(2));
        Assert.Equal(0.0, new Estimate(3, 0).ZScore(3));
        Assert.Null(new Estimate(3, 0).ZScore(2)); // a difference with SE = 0 is not a finite number of SEs
    }

    [Fact]
    public void MeanOfGivesTheMeanAndItsStandardError()
    {
        var e = Estimate.MeanOf([1.0, 2.0, 3.0, 6.0]);
        Assert.Equal(3.0, e.Value, 15);
        Assert.Equal(Math.Sqrt(14.0 / 3 / 4), e.StdErr, 15);
        Assert.Equal(0.0, Estimate.MeanOf([5.0, 5.0]).StdErr);
    }
}
