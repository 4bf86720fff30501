namespace Kelvin.Entropy;

/// <summary>
/// The m-spacing estimators (<see cref="VasicekEntropy"/>, <see cref="EbrahimiEntropy"/>) of a sample
/// given as its distinct values and their counts — for a layer of 16-bit weights (bf16, f16: at most
/// 2¹⁶ distinct values), a counting sort, exact and O(n) — without materializing the n values: the
/// tie-resolved values (<see cref="SortedSample.Resolved"/>: each atom's seeded uniform draws, sorted,
/// then the one-ulp nudges) are generated in order and stream through a window of the 2m + 1 values
/// that h = (1/n) Σᵢ ln( n/wᵢ · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎) ) needs, so memory is O(distinct + m + largest atom)
/// instead of 16–24 bytes per value. The draws, their order and the additions are those of
/// <see cref="SortedSample"/> + <see cref="SpacingEntropy"/>: the same number, bit for bit.
/// </summary>
internal static class CountedSpacingEntropy
{
    /// <summary>h and the tie fraction of the sample with distinct <paramref name="values"/> (ascending,
    /// finite, +0.0 for zero) occurring <paramref name="counts"/> times; null h for a single value.</summary>
    public static (double? Entropy, double TieFraction) Estimate(ReadOnlySpan<double> values, ReadOnlySpan<long> counts, SpacingEntropy.WindowWeight weight, string name)
    {
        long total = 0, tied = 0;
        for (int d = 0; d < counts.Length; d++)
        {
            total += counts[d];
            if (counts[d] > 1) tied += counts[d];
        }
        if (values.Length < 2) return (null, 1);
        if (total > int.MaxValue) throw new KelvinException($"entropy: {total} values in one sample is more than Kelvin estimates at once");
        int n = (int)total, m = VasicekEntropy.DefaultWindow(n);
        var window = new Window(n, m, weight);
        bool resolve = tied > 0;
        double previous = double.NegativeInfinity;
        double[] cell = [];
        for (int d = 0; d < values.Length; d++)
        {
            double x = values[d];
            int c = (int)counts[d];
            double next = d + 1 < values.Length ? values[d + 1] : double.PositiveInfinity;
            if (c == 1 || !resolve)
            {
                for (int t = 0; t < c; t++) previous = window.Push(Nudge(x, x, previous, next, resolve));
                continue;
            }
            double left = d > 0 ? x - values[d - 1] : double.PositiveInfinity;
            double right = d + 1 < values.Length ? next - x : double.PositiveInfinity;
            double w = Math.Min(left, right);
            if (cell.Length < c) cell = new double[c];
            var draws = cell.AsSpan(0, c);
            var rng = new Randomness.Rng(BitConverter.DoubleToUInt64Bits(x), (ulong)c);
            for (int t = 0; t < c; t++) draws[t] = x + w * (rng.NextOpenDouble() - 0.5);
            draws.Sort();
            for (int t = 0; t < c; t++) previous = window.Push(Nudge(draws[t], x, previous, next, resolve));
        }
        double h = window.Finish() / n;
        if (!double.IsFinite(h)) throw new KelvinException($"{name}: the entropy estimate is not finite ({h})");
        return (h, (double)tied / n);
    }

    /// <summary>SortedSample's nudge: a resolved value not above its predecessor moves one ulp above it,
    /// and must stay below the next distinct value.</summary>
    private static double Nudge(double r, double atom, double previous, double nextDistinct, bool resolve)
    {
        if (!resolve || r > previous) return r;
        r = Math.BitIncrement(previous);
        if (r >= nextDistinct) throw new KelvinException($"entropy: the ties at {atom} cannot be resolved in double precision");
        return r;
    }

    /// <summary>The last 2m + 1 resolved values and the running Σᵢ ln(n/wᵢ · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎)), added
    /// in rank order as the terms become computable.</summary>
    private sealed class Window(int n, int m, SpacingEntropy.WindowWeight weight)
    {
        private readonly double[] _ring = new double[2 * m + 1];
        private double _first, _sum;
        private int _count, _done;

        public double Push(double x)
        {
            if (_count == 0) _first = x;
            _ring[_count % _ring.Length] = x;
            _count++;
            // term i = count − 1 − m needs x₍ᵢ₊ₘ₎ (just pushed) and x₍max(i − m, 0)₎
            if (_count - 1 - m >= 0) Term(_count - 1 - m, x);
            return x;
        }

        private void Term(int i, double upper)
        {
            double lower = i - m <= 0 ? _first : _ring[(i - m) % _ring.Length];
            _sum += Math.Log(n / weight(i, n, m) * (upper - lower));
            _done = i + 1;
        }

        /// <summary>The remaining terms (their upper value is clamped to x₍ₙ₋₁₎) and the sum.</summary>
        public double Finish()
        {
            double last = _ring[(n - 1) % _ring.Length];
            for (int i = _done; i < n; i++) Term(i, last);
            return _sum;
        }
    }
}
