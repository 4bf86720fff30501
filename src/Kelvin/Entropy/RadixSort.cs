namespace Kelvin.Entropy;

/// <summary>
/// Least-significant-digit radix sort of finite doubles (six passes of 11 bits over an order-preserving
/// integer key: 2⁶³ + |x| for x ≥ 0, 2⁶³ − |x| for x &lt; 0, so the low bits that are zero in a widened
/// float32 stay zero in the key and their passes are skipped as trivial). O(n), several
/// times faster than a comparison sort at 10⁷ values. Large arrays are cut into one contiguous range
/// per core; each pass counts the digits of every range, then scatters the ranges in parallel to
/// disjoint, precomputed positions (a stable sort, so the output is the ascending order whatever the
/// split). The result is identical to any other correct sort except for the order of −0.0 and +0.0,
/// which <see cref="SortedSample"/> avoids by storing −0.0 as +0.0. Below <see cref="Threshold"/>
/// values it defers to Array.Sort.
/// </summary>
internal static class RadixSort
{
    /// <summary>Shorter arrays use the comparison sort (the histograms would dominate).</summary>
    public const int Threshold = 1 << 12;

    private const int Bits = 11, Buckets = 1 << Bits, Passes = 6, MinimumPerRange = 1 << 19;

    /// <summary>Sorts finite <paramref name="values"/> ascending in place.</summary>
    public static void Sort(double[] values)
    {
        int n = values.Length;
        if (n < Threshold) { Array.Sort(values); return; }
        int ranges = Math.Clamp(n / MinimumPerRange, 1, Math.Min(Environment.ProcessorCount, 8));
        // Keys live in double arrays as raw bits (BitConverter reinterprets, it does not convert).
        var scratch = GC.AllocateUninitializedArray<double>(n);
        var counts = new int[ranges][];
        for (int r = 0; r < ranges; r++) counts[r] = new int[Buckets];
        double[] from = values, to = scratch;
        ForEachRange(ranges, n, (lo, hi) => { for (int i = lo; i < hi; i++) values[i] = Key(values[i]); });
        for (int p = 0; p < Passes; p++)
        {
            int shift = p * Bits;
            ForEachRange(ranges, n, (lo, hi, r) =>
            {
                var c = counts[r];
                Array.Clear(c);
                var f = from;
                for (int i = lo; i < hi; i++) c[(int)((Bits64(f[i]) >> shift) & (Buckets - 1))]++;
            });
            int first = (int)((Bits64(from[0]) >> shift) & (Buckets - 1)), total = 0;
            for (int r = 0; r < ranges; r++) total += counts[r][first];
            if (total == n) continue; // one digit value throughout: nothing moves
            int offset = 0;
            for (int b = 0; b < Buckets; b++)
                for (int r = 0; r < ranges; r++) { int c = counts[r][b]; counts[r][b] = offset; offset += c; }
            var source = from; var target = to;
            ForEachRange(ranges, n, (lo, hi, r) =>
            {
                var c = counts[r];
                for (int i = lo; i < hi; i++)
                {
                    double k = source[i];
                    target[c[(int)((Bits64(k) >> shift) & (Buckets - 1))]++] = k;
                }
            });
            (from, to) = (to, from);
        }
        var keys = from;
        ForEachRange(ranges, n, (lo, hi) => { for (int i = lo; i < hi; i++) values[i] = Unkey(keys[i]); });
    }

    private static ulong Bits64(double x) => BitConverter.DoubleToUInt64Bits(x);

    private static void ForEachRange(int ranges, int n, Action<int, int> body) => ForEachRange(ranges, n, (lo, hi, _) => body(lo, hi));

    private static void ForEachRange(int ranges, int n, Action<int, int, int> body)
    {
        if (ranges == 1) { body(0, n, 0); return; }
        Parallel.For(0, ranges, r => body((int)((long)n * r / ranges), (int)((long)n * (r + 1) / ranges), r));
    }

    private const ulong Sign = 0x8000_0000_0000_0000UL;

    /// <summary>The order-preserving key of x, as the bits of a double: 2⁶³ ± |x|.</summary>
    private static double Key(double x)
    {
        ulong bits = Bits64(x), magnitude = bits & ~Sign;
        return BitConverter.UInt64BitsToDouble((bits & Sign) != 0 ? Sign - magnitude : Sign + magnitude);
    }

    private static double Unkey(double key)
    {
        ulong k = Bits64(key);
        return BitConverter.UInt64BitsToDouble(k >= Sign ? k - Sign : (Sign - k) | Sign);
    }
}
