using MathNet.Numerics;

namespace Kelvin.Entropy;

/// <summary>
/// knn (Kozachenko–Leonenko, one dimension): h = ψ(n) − ψ(k) + ln 2 + (1/n) Σᵢ ln εᵢ, with εᵢ the
/// distance from xᵢ to its k-th nearest neighbour (ln 2 = ln of the length of the unit "ball"
/// [−1, 1]). On the sorted sample the k nearest neighbours of x₍ᵢ₎ lie among x₍ᵢ₋ₖ₎..x₍ᵢ₊ₖ₎, found by
/// merging the two sides: O(n·k). Runs on the tie-resolved values, so every εᵢ is positive. A sample
/// of n ≤ k values uses k = n − 1.
/// </summary>
public sealed class KnnEntropy : IEntropyEstimator
{
    /// <summary>The estimator with <paramref name="k"/> neighbours (default 3).</summary>
    public KnnEntropy(int k = 3)
    {
        if (k < 1) throw new KelvinException($"knn needs k >= 1 (got {k})");
        K = k;
    }

    /// <summary>The neighbour rank k.</summary>
    public int K { get; }

    public string Name => "knn";

    public double Estimate(SortedSample sample)
    {
        var x = sample.ResolvedArray;
        int n = x.Length;
        if (n < 2) throw new KelvinException($"knn needs at least 2 values (got {n})");
        int k = Math.Min(K, n - 1); // a sample of n ≤ k values has at most n − 1 neighbours per point
        double sum = OrderedLogSum.Of(n, i => KthDistance(x, i, k));
        double h = SpecialFunctions.DiGamma(n) - SpecialFunctions.DiGamma(k) + Math.Log(2) + sum / n;
        if (!double.IsFinite(h)) throw new KelvinException($"knn: the entropy estimate is not finite ({h})");
        return h;
    }

    /// <summary>The distance from x[i] to its k-th nearest neighbour in the sorted span x.</summary>
    private static double KthDistance(ReadOnlySpan<double> x, int i, int k)
    {
        int left = i - 1, right = i + 1;
        double d = 0;
        for (int taken = 0; taken < k; taken++)
        {
            double dl = left >= 0 ? x[i] - x[left] : double.PositiveInfinity;
            double dr = right < x.Length ? x[right] - x[i] : double.PositiveInfinity;
            if (dl <= dr) { d = dl; left--; }
            else { d = dr; right++; }
        }
        return d;
    }
}
