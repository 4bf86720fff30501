using CsCheck;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Tests.Entropy;

/// <summary>
/// SortedSample finds its atoms in one branch-free pass and dequantizes only them; these tests hold it
/// to the direct definition (every run of equal values found by walking the sample, each atom's cell
/// filled with its seeded uniform draws and sorted, then strictly increasing by one-ulp moves), bit for
/// bit, on samples with every kind of tie.
/// </summary>
public class SortedSampleReferenceTests
{
    /// <summary>The definition, written plainly: the statistics of the runs and the resolved values.</summary>
    private static (int Distinct, int Atoms, int Tied, (double, int) Largest, double Quantum, double[] Resolved) Reference(double[] sorted)
    {
        int n = sorted.Length, distinct = 0, atoms = 0, tied = 0, largest = 1;
        double largestValue = sorted[0], quantum = double.PositiveInfinity;
        var r = (double[])sorted.Clone();
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            int c = j - i;
            distinct++;
            if (j < n) quantum = Math.Min(quantum, sorted[j] - sorted[i]);
            if (c > 1)
            {
                atoms++; tied += c;
                if (c > largest) { largest = c; largestValue = sorted[i]; }
                double x = sorted[i];
                double w = Math.Min(i > 0 ? x - sorted[i - 1] : double.PositiveInfinity, j < n ? sorted[j] - x : double.PositiveInfinity);
                var rng = new Rng(BitConverter.DoubleToUInt64Bits(x), (ulong)c);
                var cell = new double[c];
                for (int t = 0; t < c; t++) cell[t] = x + w * (rng.NextOpenDouble() - 0.5);
                Array.Sort(cell);
                cell.CopyTo(r, i);
            }
            i = j;
        }
        for (int i = 1; i < n; i++)
        {
            if (r[i] > r[i - 1]) continue;
            r[i] = Math.BitIncrement(r[i - 1]);
            // refused when the move reaches the next distinct value
            if (sorted.FirstOrDefault(v => v > sorted[i], double.NaN) is var next && !double.IsNaN(next) && r[i] >= next)
                throw new KelvinException("too dense");
        }
        return (distinct, atoms, tied, (largestValue, largest), quantum, atoms == 0 ? sorted : r);
    }

    private static void AssertMatchesReference(double[] values)
    {
        var sorted = values.Select(v => v == 0 ? 0.0 : v).ToArray();
        Array.Sort(sorted);
        (int Distinct, int Atoms, int Tied, (double, int) Largest, double Quantum, double[] Resolved) expected;
        try { expected = Reference(sorted); }
        catch (KelvinException)
        {
            Assert.Throws<KelvinException>(() => SortedSample.From(values));
            return;
        }
        var sample = SortedSample.From(values);
        Assert.Equal(expected.Distinct, sample.DistinctCount);
        Assert.Equal(expected.Atoms, sample.AtomCount);
        Assert.Equal(expected.Tied, sample.TiedCount);
        Assert.Equal(expected.Largest, sample.LargestAtom);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Quantum), BitConverter.DoubleToInt64Bits(sample.Quantum));
        Assert.Equal(expected.Resolved, sample.Resolved.ToArray());
    }

    [Fact]
    public void ResampledQuantizedAndPlainSamplesMatchTheDefinition()
    {
        // Values on a coarse or fine grid, each repeated 1–5 times (a bootstrap's multiplicities and more),
        // or continuous; sizes around the vector widths and well past them.
        var gen = Gen.Select(Gen.Int[2, 3000], Gen.Int[0, 3], Gen.ULong, Gen.Int[1, 5]);
        gen.Sample((n, kind, seed, maxRepeat) =>
        {
            var rng = new Rng(seed);
            var values = new List<double>();
            while (values.Count < n)
            {
                double v = kind switch
                {
                    0 => Math.Round(rng.NextGaussian() * 20) / 20,           // a grid of 0.05
                    1 => (float)rng.NextGaussian(),                           // float32 weights
                    2 => rng.NextInt(3) - 1.0,                                // three atoms
                    _ => rng.NextGaussian() * 1e-300,                         // subnormal gaps
                };
                int repeat = 1 + rng.NextInt(maxRepeat);
                for (int t = 0; t < repeat && values.Count < n; t++) values.Add(v);
            }
            if (values.Distinct().Count() < 2) values.Add(values[0] + 1);
            AssertMatchesReference(values.ToArray());
        }, iter: 300);
    }

    [Theory]
    [InlineData(10_000)]     // atoms found across several scan blocks: the bounds grow
    [InlineData(1_200_000)]  // more atoms than the per-thread bounds keep: an array of its own
    public void LargeSamplesFullOfAtomsMatchTheDefinition(int n)
    {
        var rng = new Rng(77);
        var values = new double[n];
        for (int i = 0; i < n; i += 2) values[i] = values[Math.Min(i + 1, n - 1)] = (float)rng.NextGaussian();
        AssertMatchesReference(values);
        AssertMatchesReference(values); // again, on the thread's bounds as the first call left them
    }

    [Fact]
    public void EdgeCasesMatchTheDefinition()
    {
        AssertMatchesReference([1, 1, 2]);                                   // an atom at the start
        AssertMatchesReference([1, 2, 2]);                                   // at the end
        AssertMatchesReference([-0.0, 0.0, 0.0, 3]);                         // signed zeros are one atom
        AssertMatchesReference([.. Enumerable.Repeat(5.0, 40), 6, 7]);       // a long cell (library sort)
        AssertMatchesReference([.. Enumerable.Repeat(1.0, 17), .. Enumerable.Repeat(2.0, 17)]);
        double x = 1.0, y = Math.BitIncrement(x), z = Math.BitIncrement(y); // neighbours one ulp apart: refused
        AssertMatchesReference([x, x, x, y, y, z, z, z, 2]);
        double u = 1.0, v = u + 64 * (Math.BitIncrement(u) - u);             // a few ulps apart: cells crowd, moves cascade
        AssertMatchesReference([u, u, u, u, u, v, v, v, v, 2]);
        AssertMatchesReference([-1e308, 1e308, 1e308]);                      // a gap that overflows to +∞
    }
}
