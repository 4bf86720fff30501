using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kelvin.Entropy;

/// <summary>
/// A validated, sorted copy of a one-dimensional sample: the shared input of every entropy estimator
/// (one O(n log n) sort serves them all). Construction rejects NaN, ±∞ and samples with fewer than
/// two distinct values, with a clear <see cref="KelvinException"/>.
/// <para>
/// <b>Ties.</b> Repeated values (atoms: quantized weights, exact zeros…) make spacings and
/// nearest-neighbour distances zero, and ln 0 = −∞. The sample reports its atoms
/// (<see cref="AtomCount"/>, <see cref="TiedCount"/>, <see cref="TieFraction"/>, <see cref="LargestAtom"/>)
/// and its resolution (<see cref="Quantum"/>, the smallest positive gap between distinct values), and
/// gives the spacing estimators <see cref="Resolved"/> values: each run of c equal values x is
/// dequantized, replaced by c sorted uniform draws on its resolution cell (x − w/2, x + w/2), with w the
/// smaller of the gaps to the neighbouring distinct values (the quantum of a grid; for an isolated atom
/// in continuous data, the local spacing). The draws come from a generator seeded by the atom's value
/// and count, so the result is deterministic. (Uniform draws, not an even grid: an even grid has no
/// Poisson-like local structure and biases the k-NN estimator by up to +0.46 nats.) The resolved values
/// are strictly increasing (a draw that rounds onto its neighbour is moved up by one ulp), so no
/// spacing or distance is 0; the estimate is that of the dequantized
/// sample (h ≈ H_discrete + ln w for data on a grid of step w).
/// Without ties <see cref="Resolved"/> is <see cref="Values"/>.
/// </para>
/// </summary>
public sealed class SortedSample
{
    private readonly double[] _sorted;
    private readonly double[] _resolved;

    // Set once, on first use; a reference, so a sample read from several threads never sees half of it.
    private Tuple<double, double>? _moments;

    private SortedSample(double[] sorted, double[]? resolvedBuffer = null, int[]? boundsBuffer = null)
    {
        _sorted = sorted;
        int n = sorted.Length;
        // One pass without data-dependent branches (a resample is a third ties, at random places):
        // equal neighbours, the smallest positive gap, and where each run of equal values (atom) starts
        // and ends. Gaps are ≥ +0.0 (ascending, no −0.0), and non-negative doubles order as their bits;
        // a gap of 0 enters the minimum as +∞.
        var bounds = boundsBuffer ?? (_atomBounds ??= new int[1 << 12]);
        int equal = 0, atoms = 0, ended = 0, previousEqual = 0;
        long quantumBits = PositiveInfinityBits;
        for (int from = 1; from < n; from += ScanBlock)
        {
            int to = Math.Min(n, from + ScanBlock);
            // Room for every atom that can start in this block (one per two values) and one pair more.
            int need = 2 * (atoms + (to - from + 1) / 2) + 2;
            if (bounds.Length < need) bounds = GrowAtomBounds(bounds, need, 2 * atoms + 2);
            for (int i = from; i < to; i++)
            {
                long gap = BitConverter.DoubleToInt64Bits(sorted[i] - sorted[i - 1]);
                long zero = (gap - 1) >> 63; // all ones when the gap is 0
                int eq = (int)(zero & 1);
                quantumBits = Math.Min(quantumBits, gap | (zero & PositiveInfinityBits));
                equal += eq;
                bounds[2 * atoms] = i - 1;      // an atom starts at i − 1 where equality begins
                atoms += eq & (previousEqual ^ 1);
                bounds[2 * ended + 1] = i;      // and ends before i where it stops
                ended += previousEqual & (eq ^ 1);
                previousEqual = eq;
            }
        }
        if (previousEqual == 1) bounds[2 * ended + 1] = n;
        double quantum = BitConverter.Int64BitsToDouble(quantumBits);
        int distinct = n - equal;
        if (distinct < 2)
            throw new KelvinException($"entropy needs at least 2 distinct values (got {n} values, {distinct} distinct)");
        int largest = 1;
        double largestValue = sorted[0];
        for (int a = 0; a < atoms; a++)
        {
            int i = bounds[2 * a], c = bounds[2 * a + 1] - i;
            if (c > largest) { largest = c; largestValue = sorted[i]; }
        }
        DistinctCount = distinct;
        AtomCount = atoms;
        TiedCount = equal + atoms; // an atom of c values: c − 1 equal neighbours, plus its first value
        LargestAtom = (largestValue, largest);
        Quantum = quantum;
        _resolved = atoms == 0 ? sorted : Resolve(sorted, resolvedBuffer, bounds.AsSpan(0, 2 * atoms));
    }

    private const long PositiveInfinityBits = 0x7FF0_0000_0000_0000;

    // Where the atoms of the sample being built start and end, as (start, end) pairs, grown block by
    // block as atoms are found (a sample without ties needs one pair). Kept per thread up to 2¹⁹ places
    // (2 MB); beyond that the sample gets its own array, not kept. A caller that builds many samples of
    // one size (the bootstrap) passes its own n + 4 places instead.
    [ThreadStatic] private static int[]? _atomBounds;
    private const int KeptAtomBounds = 1 << 19;
    private const int ScanBlock = 1 << 12;

    /// <summary>A larger bounds array holding the first <paramref name="used"/> places of <paramref name="bounds"/>.</summary>
    private static int[] GrowAtomBounds(int[] bounds, int need, int used)
    {
        var grown = new int[Math.Max(need, 2 * bounds.Length)];
        Array.Copy(bounds, grown, Math.Min(used, bounds.Length));
        if (grown.Length <= KeptAtomBounds) _atomBounds = grown;
        return grown;
    }

    /// <summary>Mean and unbiased variance in one pass (Welford), in sorted order: deterministic.
    /// Computed on first use (the spacing and neighbour estimators do not need them).</summary>
    private Tuple<double, double> Moments()
    {
        if (_moments is { } known) return known;
        double mean = 0, m2 = 0;
        for (int i = 0; i < _sorted.Length; i++)
        {
            double d = _sorted[i] - mean;
            mean += d / (i + 1);
            m2 += d * (_sorted[i] - mean);
        }
        return _moments = Tuple.Create(mean, m2 / (_sorted.Length - 1));
    }

    /// <summary>Spreads every run of equal values (the atoms, as (start, end) pairs in <paramref name="atoms"/>)
    /// over its resolution cell (see the type's summary), into <paramref name="buffer"/> when it has the sample's length.</summary>
    private static double[] Resolve(double[] sorted, double[]? buffer, ReadOnlySpan<int> atoms)
    {
        int n = sorted.Length;
        var r = buffer is not null && buffer.Length == n ? buffer : new double[n];
        sorted.CopyTo(r, 0);
        for (int a = 0; a < atoms.Length; a += 2)
        {
            int i = atoms[a], j = atoms[a + 1], c = j - i;
            double x = sorted[i];
            double left = i > 0 ? x - sorted[i - 1] : double.PositiveInfinity;
            double right = j < n ? sorted[j] - x : double.PositiveInfinity;
            double w = Math.Min(left, right);
            var rng = new Randomness.Xoshiro256(BitConverter.DoubleToUInt64Bits(x), (ulong)c); // Rng's numbers, no allocation
            if (Sse2.IsSupported && c <= 3 && i + 2 < n)
            {
                ShortCell(r, i, c, x, w, ref rng);
                continue;
            }
            var cell = r.AsSpan(i, c);
            for (int t = 0; t < c; t++) cell[t] = x + w * (rng.NextOpenDouble() - 0.5);
            SortCell(cell);
        }
        // Two draws of one cell may round to the same double, and a draw may round onto the edge shared
        // with the next cell (both happen in samples of millions of float32 weights): move such a value
        // up by one unit in the last place, which keeps the order and changes no spacing measurably.
        // A sample too dense for that (the nudge would pass the next distinct value) is refused.
        for (int i = 1, next = 0; i < n; i++)
        {
            if (r[i] > r[i - 1]) continue;
            r[i] = Math.BitIncrement(r[i - 1]);
            while (next < n && sorted[next] <= sorted[i]) next++;
            if (next < n && r[i] >= sorted[next])
                throw new KelvinException($"entropy: the ties at {sorted[i]} cannot be resolved in double precision");
        }
        return r;
    }

    /// <summary>An atom of c = 2 or 3 values at r[i..i+c) (r[i+2] exists): three draws (the third unused when
    /// c = 2: the generator is the atom's own, so its first c draws are those of the general path), sorted by a
    /// three-input min/max network, with selects instead of branches on c (a bootstrap resample holds
    /// c = 2 and c = 3 atoms in random order). Equal results to drawing c values and sorting them.</summary>
    private static void ShortCell(double[] r, int i, int c, double x, double w, ref Randomness.Xoshiro256 rng)
    {
        double d0 = x + w * (rng.NextOpenDouble() - 0.5);
        double d1 = x + w * (rng.NextOpenDouble() - 0.5);
        double d2 = x + w * (rng.NextOpenDouble() - 0.5);
        long three = -(long)(c - 2); // all ones when c = 3, else 0
        d2 = Select(three, d2, double.PositiveInfinity);
        var lo = Vector128.CreateScalarUnsafe(d0);
        var hi = Vector128.CreateScalarUnsafe(d1);
        var z = Vector128.CreateScalarUnsafe(d2);
        var s0 = Sse2.MinScalar(lo, hi);
        var s1 = Sse2.MaxScalar(lo, hi);
        var t1 = Sse2.MinScalar(s1, z);
        var s2 = Sse2.MaxScalar(s1, z);
        r[i] = Sse2.MinScalar(s0, t1).ToScalar();
        r[i + 1] = Sse2.MaxScalar(s0, t1).ToScalar();
        r[i + 2] = Select(three, s2.ToScalar(), r[i + 2]);
    }

    /// <summary>a where <paramref name="mask"/> is all ones, b where it is 0.</summary>
    private static double Select(long mask, double a, double b) =>
        BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & mask) | (BitConverter.DoubleToInt64Bits(b) & ~mask));

    /// <summary>Sorts one atom's draws (the cells <see cref="ShortCell"/> does not take): insertion sort
    /// for short cells, the library sort beyond 16. Both give the same ascending sequence (the draws are
    /// never NaN or a signed zero).</summary>
    private static void SortCell(Span<double> cell)
    {
        if (cell.Length > 16) { cell.Sort(); return; }
        for (int i = 1; i < cell.Length; i++)
        {
            double v = cell[i];
            int j = i - 1;
            while (j >= 0 && cell[j] > v) { cell[j + 1] = cell[j]; j--; }
            cell[j + 1] = v;
        }
    }

    /// <summary>Sorts a copy of <paramref name="values"/>.</summary>
    public static SortedSample From(ReadOnlySpan<double> values) => Own(values.ToArray());

    /// <summary>Sorts a float64 copy of float32 <paramref name="values"/> (e.g. a layer's weights).</summary>
    public static SortedSample From(ReadOnlySpan<float> values)
    {
        var copy = new double[values.Length];
        for (int i = 0; i < values.Length; i++) copy[i] = values[i];
        return Own(copy);
    }

    /// <summary>Takes ownership of <paramref name="values"/> (sorted in place, not copied; −0.0 is
    /// stored as +0.0, so the order of signed zeros cannot change any result).</summary>
    internal static SortedSample Own(double[] values)
    {
        Validate(values);
        RadixSort.Sort(values);
        return new SortedSample(values);
    }

    /// <summary>Takes ownership of <paramref name="sorted"/>, already in ascending order with −0.0 stored
    /// as +0.0 (e.g. a bootstrap resample emitted from a sorted sample by multiplicities): the same
    /// sample <see cref="Own"/> would build, without the sort.
    /// <paramref name="resolvedBuffer"/>, when it has the sample's length, receives the resolved values
    /// if there are ties (a caller that estimates many samples of one size and drops each sample after
    /// its estimate reuses it, instead of a new array per sample); <paramref name="boundsBuffer"/>
    /// (n + 4 places) likewise holds where the atoms start and end (else a per-thread array, grown
    /// as needed, serves).</summary>
    internal static SortedSample OwnSorted(double[] sorted, double[]? resolvedBuffer = null, int[]? boundsBuffer = null)
    {
        Validate(sorted);
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] < sorted[i - 1]) throw new ArgumentException("the values are not sorted", nameof(sorted));
        return new SortedSample(sorted, resolvedBuffer, boundsBuffer);
    }

    private static void Validate(double[] values)
    {
        if (values.Length < 2) throw new KelvinException($"entropy needs at least 2 values (got {values.Length})");
        for (int i = 0; i < values.Length; i++)
        {
            double x = values[i];
            if (!double.IsFinite(x))
                throw new KelvinException($"entropy input has a non-finite value ({x}) at position {i + 1}");
            if (x == 0) values[i] = 0.0;
        }
    }

    /// <summary>The values in ascending order (ties kept).</summary>
    public ReadOnlySpan<double> Values => _sorted;
    /// <summary>The values in strictly ascending order, ties spread over their resolution cell
    /// (see the type's summary); the input of the spacing and neighbour estimators.</summary>
    public ReadOnlySpan<double> Resolved => _resolved;
    /// <summary><see cref="Resolved"/> as the array itself (read-only by convention), for lambdas.</summary>
    internal double[] ResolvedArray => _resolved;
    /// <summary>n, the number of values.</summary>
    public int Count => _sorted.Length;
    /// <summary>The number of distinct values.</summary>
    public int DistinctCount { get; }
    /// <summary>True when some values repeat (atoms).</summary>
    public bool HasTies => AtomCount > 0;
    /// <summary>The number of distinct values that occur more than once.</summary>
    public int AtomCount { get; }
    /// <summary>The number of values that belong to an atom (occur more than once).</summary>
    public int TiedCount { get; }
    /// <summary>TiedCount / n: the fraction of the sample sitting on atoms.</summary>
    public double TieFraction => (double)TiedCount / Count;
    /// <summary>The most repeated value and its count (count 1 when there are no ties).</summary>
    public (double Value, int Count) LargestAtom { get; }
    /// <summary>The data's quantum: the smallest positive gap between consecutive distinct values
    /// (the grid step of quantized data).</summary>
    public double Quantum { get; }
    /// <summary>Sample mean.</summary>
    public double Mean => Moments().Item1;
    /// <summary>Unbiased sample variance.</summary>
    public double Variance => Moments().Item2;
    /// <summary>The i-th order statistic x₍ᵢ₎ (0-based).</summary>
    public double this[int i] => _sorted[i];

    /// <summary>The empirical p-quantile of the values (linear interpolation between order statistics,
    /// R/NumPy type 7).</summary>
    public double Quantile(double p) => QuantileOf(_sorted, p);

    /// <summary>The type-7 p-quantile of an ascending span.</summary>
    internal static double QuantileOf(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The interquartile range Q(¾) − Q(¼).</summary>
    public double InterquartileRange => Quantile(0.75) - Quantile(0.25);
}
