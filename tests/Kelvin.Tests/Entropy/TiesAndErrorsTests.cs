using CsCheck;
using Kelvin.Distributions;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Tests.Entropy;

public class TiesAndErrorsTests
{
    [Fact]
    public void QuantizedSamplesReportAtomsAndGiveFiniteEstimatesNearTheDequantizedEntropy()
    {
        // Normal(0,1) rounded to a grid of q = 0.05: heavy ties. The dequantized sample has entropy ≈ h.
        const double q = 0.05;
        var x = new Normal(0, 1).Samples(new Rng(11), 100_000).Select(v => Math.Round(v / q) * q).ToArray();
        var sample = SortedSample.From(x);
        Assert.True(sample.HasTies);
        Assert.True(sample.TieFraction > 0.99);
        Assert.True(sample.AtomCount > 50);
        Assert.Equal(q, sample.Quantum, 1e-9);
        Assert.InRange(sample.LargestAtom.Value, -q, q);
        var resolved = sample.Resolved;
        for (int i = 1; i < resolved.Length; i++) Assert.True(resolved[i] > resolved[i - 1]);
        foreach (var e in EntropyEstimators.All)
        {
            double h = e.Estimate(sample);
            Assert.True(double.IsFinite(h));
            Assert.True(Math.Abs(h - new Normal(0, 1).Entropy) < 0.03, $"{e.Name}: {h}");
        }
    }

    [Fact]
    public void AHeavyAtomGivesAFiniteVeryLowEntropyNotMinusInfinity()
    {
        var x = new Normal(0, 1).Samples(new Rng(2), 1000).Concat(Enumerable.Repeat(0.0, 3000)).ToArray();
        var sample = SortedSample.From(x);
        Assert.Equal(3000, sample.LargestAtom.Count);
        Assert.Equal(0.75, sample.TieFraction, 2);
        foreach (var e in EntropyEstimators.All) Assert.True(double.IsFinite(e.Estimate(sample)), e.Name);
        Assert.True(new KnnEntropy().Estimate(sample) < new Normal(0, 1).Entropy - 1);
    }

    [Fact]
    public void BadInputIsAClearError()
    {
        Assert.Contains("2 distinct", Assert.Throws<KelvinException>(() => SortedSample.From([1.0, 1.0, 1.0])).Message);
        Assert.Contains("at least 2 values", Assert.Throws<KelvinException>(() => SortedSample.From([1.0])).Message);
        Assert.Contains("non-finite", Assert.Throws<KelvinException>(() => SortedSample.From([1.0, double.NaN, 2.0])).Message);
        Assert.Contains("non-finite", Assert.Throws<KelvinException>(() => SortedSample.From([1.0, double.PositiveInfinity])).Message);
        Assert.Contains("non-finite", Assert.Throws<KelvinException>(() => SortedSample.From([1f, float.NegativeInfinity])).Message);
    }

    [Fact]
    public void KnnCapsItsRankAtNMinusOne()
    {
        // n = 3 ≤ k = 3: k = 2 is used, the same as an estimator built with k = 2.
        var small = SortedSample.From([1.0, 2.0, 4.0]);
        Assert.Equal(new KnnEntropy(2).Estimate(small), new KnnEntropy().Estimate(small));
        Assert.True(double.IsFinite(new KnnEntropy().Estimate(SortedSample.From([1.0, 2.0]))));
    }

    [Fact]
    public void GaussianIsFiniteWhereTheVarianceUnderflowsOrOverflows()
    {
        foreach (double scale in new[] { 1e-170, 1e160, 1e300 })
        {
            double h = new GaussianEntropy().Estimate(SortedSample.From([1 * scale, 2 * scale, 3 * scale, 5 * scale]));
            double expected = 0.5 * Math.Log(2 * Math.PI * Math.E * (35.0 / 12)) + Math.Log(scale); // var of 1,2,3,5 is 35/12
            Assert.Equal(expected, h, 1e-9 * Math.Abs(expected));
        }
    }

    [Fact]
    public void TwoDistinctValuesGiveFiniteEstimates()
    {
        var sample = SortedSample.From([0.0, 0.0, 1.0, 1.0, 1.0]);
        foreach (var e in EntropyEstimators.All) Assert.True(double.IsFinite(e.Estimate(sample)), e.Name);
    }

    [Fact]
    public void EstimatorsAreShiftInvariantAndScaleByLnC()
    {
        var gen = Gen.Select(Gen.Double[-100, 100], Gen.Double[0.01, 100], Gen.ULong, Gen.Int[10, 400]);
        gen.Sample((shift, scale, seed, n) =>
        {
            var x = new Normal(0, 1).Samples(new Rng(seed), n);
            var h0 = EntropyEstimators.All.Select(e => e.Estimate(SortedSample.From(x))).ToArray();
            var y = x.Select(v => scale * v + shift).ToArray();
            var h1 = EntropyEstimators.All.Select(e => e.Estimate(SortedSample.From(y))).ToArray();
            for (int i = 0; i < h0.Length; i++)
                if (Math.Abs(h1[i] - h0[i] - Math.Log(scale)) > 1e-6) return false;
            return true;
        }, iter: 60);
    }

    [Fact]
    public void DrawsThatRoundOntoEachOtherAreMovedApartButAnUnresolvableGridIsAClearError()
    {
        // An atom of 1000 copies in a cell only 2^12 doubles wide: dequantization draws collide in
        // double precision (as in layers of millions of float32 weights). They are moved apart by
        // one ulp, staying inside the gaps to the neighbours.
        double gap = Math.ScaleB(1, -40);
        var values = new[] { 1 - gap }.Concat(Enumerable.Repeat(1.0, 1000)).Append(1 + gap).ToArray();
        var resolved = SortedSample.From(values).Resolved;
        for (int i = 1; i < resolved.Length; i++) Assert.True(resolved[i] > resolved[i - 1]);
        Assert.Equal(1 - gap, resolved[0]);
        Assert.Equal(1 + gap, resolved[^1]);

        // Two atoms one ulp apart leave no room between them: refused, not silently distorted.
        var dense = Enumerable.Repeat(1.0, 1000).Concat(Enumerable.Repeat(Math.BitIncrement(1.0), 1000)).ToArray();
        var error = Assert.Throws<KelvinException>(() => SortedSample.From(dense));
        Assert.Contains("cannot be resolved", error.Message);
    }
}
