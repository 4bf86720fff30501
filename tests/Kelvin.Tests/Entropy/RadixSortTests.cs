using Kelvin.Entropy;
using Kelvin.Randomness;
using Xunit;

namespace Kelvin.Tests.Entropy;

public class RadixSortTests
{
    [Fact]
    public void SortsLikeArraySortAcrossSignsScalesTiesAndSubnormals()
    {
        var rng = new Rng(7);
        int n = RadixSort.Threshold * 2 + 13;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (i % 7) switch
            {
                0 => rng.NextGaussian(),
                1 => -rng.NextGaussian() * 1e300,
                2 => rng.NextInt(5) - 2.0,                 // ties, including zeros
                3 => (rng.NextDouble() - 0.5) * double.Epsilon * 1e3, // subnormals
                4 => i % 2 == 0 ? 0.0 : -0.0,
                5 => double.MaxValue * (rng.NextDouble() - 0.5),
                _ => rng.NextGaussian() * 1e-300,
            };
        }
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        RadixSort.Sort(values);
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < n; i++) Assert.True(expected[i] == values[i], $"position {i}: {values[i]} ≠ {expected[i]}");
        for (int i = 1; i < n; i++) Assert.True(values[i - 1] <= values[i]);
    }

    [Fact]
    public void SignedZerosGiveTheSameEstimateWhateverTheirOrder()
    {
        var rng = new Rng(3);
        var a = new double[RadixSort.Threshold + 100];
        for (int i = 0; i < a.Length; i++) a[i] = i % 10 == 0 ? (i % 20 == 0 ? -0.0 : 0.0) : rng.NextGaussian();
        var b = a.Reverse().ToArray();
        var ea = new VasicekEntropy().Estimate(SortedSample.From(a));
        var eb = new VasicekEntropy().Estimate(SortedSample.From(b));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ea), BitConverter.DoubleToInt64Bits(eb));
    }
}
