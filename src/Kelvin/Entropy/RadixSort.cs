using System.Runtime.InteropServices;

namespace Kelvin.Entropy;

/// <summary>
/// Least-significant-digit radix sort of finite doubles (six passes of 11 bits over an order-preserving
/// integer key: the sign bit flipped for positives, all bits flipped for negatives). O(n), about 4×
/// faster than a comparison sort at 10⁷ values; the result is the ascending order, identical to any
/// other correct sort except for the order of −0.0 and +0.0, which <see cref="SortedSample"/> avoids
/// by storing −0.0 as +0.0. Below <see cref="Threshold"/> values it defers to Array.Sort.
/// </summary>
internal static class RadixSort
{
    /// <summary>Shorter arrays use the comparison sort (the histograms would dominate).</summary>
    public const int Threshold = 1 << 16;

    private const int Bits = 11, Buckets = 1 << Bits, Passes = 6;

    /// <summary>Sorts finite <paramref name="values"/> ascending in place.</summary>
    public static void Sort(double[] values)
    {
        if (values.Length < Threshold) { Array.Sort(values); return; }
        var keys = MemoryMarshal.Cast<double, ulong>(values.AsSpan());
        var scratch = GC.AllocateUninitializedArray<ulong>(keys.Length);
        var counts = new int[Passes * Buckets];
        for (int i = 0; i < keys.Length; i++)
        {
            ulong k = Key(keys[i]);
            keys[i] = k;
            for (int p = 0; p < Passes; p++) counts[p * Buckets + (int)((k >> (p * Bits)) & (Buckets - 1))]++;
        }
        Span<ulong> from = keys, to = scratch;
        for (int p = 0; p < Passes; p++)
        {
            var count = counts.AsSpan(p * Buckets, Buckets);
            if (count[(int)((from[0] >> (p * Bits)) & (Buckets - 1))] == from.Length) continue; // one digit: nothing to move
            int offset = 0;
            for (int b = 0; b < Buckets; b++) { int c = count[b]; count[b] = offset; offset += c; }
            int shift = p * Bits;
            for (int i = 0; i < from.Length; i++)
            {
                ulong k = from[i];
                to[count[(int)((k >> shift) & (Buckets - 1))]++] = k;
            }
            var t = from; from = to; to = t;
        }
        for (int i = 0; i < keys.Length; i++) keys[i] = Unkey(from[i]);
    }

    private static ulong Key(ulong bits) => (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;

    private static ulong Unkey(ulong key) => (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
}
