using Kelvin.Distributions;
using Kelvin.Randomness;

namespace Kelvin.Tests.Distributions;

public class SamplingMomentTests
{
    public static TheoryData<IUnivariateDistribution> Cases => new()
    {
        new Normal(0.5, 2), Uniform.Symmetric(0.3), new Laplace(1, 0.5), new Mixed(0.5, 1, 1), new Mixed(0.2, 0.1, 3),
        Initializers.HeNormal(64), Initializers.XavierUniform(30, 10),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SeededSampleMeanAndVarianceAreWithinFourStandardErrors(IUnivariateDistribution d)
    {
        const int n = 200_000;
        var x = d.Samples(new Rng(77), n);
        double mean = x.Average();
        double m2 = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double m4 = x.Sum(v => Math.Pow(v - mean, 4)) / n;
        Assert.InRange(mean - d.Mean, -4 * Math.Sqrt(d.Variance / n), 4 * Math.Sqrt(d.Variance / n));
        double seVar = Math.Sqrt((m4 - m2 * m2) / n);
        Assert.InRange(m2 - d.Variance, -4 * seVar, 4 * seVar);
    }

    [Fact]
    public void SameSeedSameDrawsAndStreamsDiffer()
    {
        var d = new Mixed(0.5, 1, 1);
        Assert.Equal(d.Samples(new Rng(5, 2), 1000), d.Samples(new Rng(5, 2), 1000));
        Assert.NotEqual(d.Samples(new Rng(5, 2), 1000), d.Samples(new Rng(5, 3), 1000));
        Assert.Equal(new Rng(9).Split(4).NextUInt64(), new Rng(9).Split(4).NextUInt64());
    }
}
