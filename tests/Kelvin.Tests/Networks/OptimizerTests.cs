using Kelvin.Networks.Optimizers;
using Kelvin.Randomness;

namespace Kelvin.Tests.Networks;

/// <summary>The optimizers' large updates run in slices on several cores (and Adam eight values a
/// vector): the numbers must be those of the one-value-at-a-time definition, on any thread count.</summary>
public class OptimizerTests
{
    // Long enough to be cut into slices, and not a multiple of 8 or 16 (a scalar tail, uneven slices).
    private const int Length = (1 << 19) + 37;
    private static readonly ParallelOptions Serial = new() { MaxDegreeOfParallelism = 1 };

    private static float[] Gaussian(int n, ulong seed, double scale)
    {
        var rng = new Rng(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(scale * rng.NextGaussian());
        return x;
    }

    [Fact]
    public void AdamIsTheTextbookUpdateBitForBit()
    {
        var theta = Gaussian(Length, 1, 0.1);
        var expected = (float[])theta.Clone();
        var m = new float[Length];
        var v = new float[Length];
        var adam = new Adam(1e-3);
        for (int t = 1; t <= 3; t++)
        {
            var g = Gaussian(Length, 10 + (ulong)t, t == 2 ? 1e-4 : 1.0);
            adam.Step(theta, g);
            // Kingma & Ba, in float32, one value at a time: the definition the optimizer must reproduce.
            float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f, c1 = 1 - b1, c2 = 1 - b2;
            float stepSize = (float)(1e-3 / (1 - Math.Pow(0.9, t)));
            float vScale = (float)(1 / Math.Sqrt(1 - Math.Pow(0.999, t)));
            for (int i = 0; i < Length; i++)
            {
                m[i] = b1 * m[i] + c1 * g[i];
                v[i] = b2 * v[i] + c2 * g[i] * g[i];
                expected[i] -= stepSize * m[i] / (MathF.Sqrt(v[i]) * vScale + eps);
            }
            Assert.Equal(expected, theta);
        }
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("sgd:0.9")]
    [InlineData("adam")]
    public void ALargeUpdateIsTheSameOnOneCoreAndOnAll(string optimizer)
    {
        var settings = OptimizerSettings.Parse(optimizer, 0.01);
        var parallel = settings.Create();
        var serial = settings.Create(Serial);
        var a = Gaussian(Length, 2, 0.1);
        var b = (float[])a.Clone();
        for (int t = 0; t < 3; t++)
        {
            var g = Gaussian(Length, 20 + (ulong)t, 1.0);
            parallel.Step(a, g);
            serial.Step(b, g);
        }
        Assert.Equal(b, a);
        Assert.NotEqual(Gaussian(Length, 2, 0.1), a); // the steps did move θ
    }

    [Theory]
    [InlineData(1000, 2)]
    [InlineData(ParallelSlices.MinLength - 1, 2)]
    [InlineData(ParallelSlices.MinLength, 2)]
    [InlineData(Length, 2)]
    [InlineData(Length, 3)]
    [InlineData(Length, 64)]
    public void SlicesCoverEveryValueOnceAndStartOnVectorBoundaries(int length, int threads)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        int parts = ParallelSlices.Parts(length, options);
        Assert.Equal(length < ParallelSlices.MinLength ? 1 : Math.Min(threads, length / (ParallelSlices.MinLength / 2)), parts);
        var visits = new int[length];
        var starts = new System.Collections.Concurrent.ConcurrentBag<int>();
        if (parts == 1) return;
        ParallelSlices.For(length, parts, options, (start, count) =>
        {
            starts.Add(start);
            for (int i = start; i < start + count; i++) visits[i]++;
        });
        Assert.All(visits, c => Assert.Equal(1, c));
        Assert.Equal(parts, starts.Count);
        Assert.All(starts, s => Assert.Equal(0, s % 16));
    }
}
