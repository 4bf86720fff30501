namespace Kelvin.Entropy;

/// <summary>
/// The m-spacing sum shared by <see cref="VasicekEntropy"/> and <see cref="EbrahimiEntropy"/>:
/// h = (1/n) Σᵢ ln( n/wᵢ · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎) ) with clamped order statistics and a window weight wᵢ
/// (2m for Vasicek; cᵢ·m for Ebrahimi). Summed in rank order: deterministic.
/// </summary>
internal static class SpacingEntropy
{
    /// <summary>The window weight wᵢ for 0-based rank i of n with window m.</summary>
    public delegate double WindowWeight(int i, int n, int m);

    /// <summary>The window weight of <paramref name="estimator"/> when it is a spacing estimator
    /// (vasicek: 2m; ebrahimi: cᵢ·m), else null.</summary>
    public static WindowWeight? WeightOf(IEntropyEstimator estimator) => estimator switch
    {
        VasicekEntropy => VasicekEntropy.Weight,
        EbrahimiEntropy => EbrahimiEntropy.Weight,
        _ => null,
    };

    public static double Estimate(SortedSample sample, string name, WindowWeight weight)
    {
        var x = sample.ResolvedArray;
        int n = x.Length, m = VasicekEntropy.DefaultWindow(n);
        double sum = OrderedLogSum.Of(n, new Term(x, n, m, weight));
        double h = sum / n;
        if (!double.IsFinite(h)) throw new KelvinException($"{name}: the entropy estimate is not finite ({h})");
        return h;
    }

    /// <summary>n/wᵢ · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎) with clamped order statistics. Both estimators' interior weight
    /// (m ≤ i &lt; n − m, 0-based) is 2m, where the window needs no clamp: there the factor n/(2m) is
    /// computed once (the same double the weight gives), elsewhere the weight is asked.</summary>
    private readonly struct Term(double[] x, int n, int m, WindowWeight weight) : ILogTerm
    {
        private readonly double _interior = n / (2.0 * m);

        public double At(int i) => i >= m && i < n - m
            ? _interior * (x[i + m] - x[i - m])
            : n / weight(i, n, m) * (x[Math.Min(i + m, n - 1)] - x[Math.Max(i - m, 0)]);
    }
}
