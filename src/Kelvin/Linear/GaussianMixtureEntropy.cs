namespace Kelvin.Linear;

/// <summary>
/// The differential entropy of an equal-weight Gaussian mixture p(x) = (1/d) Σ_j N(x; μ_j, s_j²),
/// h = −∫ p ln p dx, by the trapezoid rule on a grid of step min_j s_j / 16 over
/// [min(μ − 10 s), max(μ + 10 s)] (the integrand is smooth and decays like a Gaussian, so the rule is
/// accurate to ~1e−10 nats). This is the particle-view entropy per weight of a linear model's trained
/// state: the pooled weights of an ensemble whose coordinate j is N(ŵ_j, Σ_jj).
/// </summary>
public static class GaussianMixtureEntropy
{
    /// <summary>The largest grid the rule accepts (widths spread over too many scales: an error, not a hang).</summary>
    public const int MaximumGridPoints = 20_000_000;

    /// <summary>h of (1/d) Σ_j N(<paramref name="means"/>[j], <paramref name="sds"/>[j]²), in nats.</summary>
    /// <exception cref="KelvinException">for an empty mixture, a non-positive or non-finite width, or a grid too fine.</exception>
    public static double Of(IReadOnlyList<double> means, IReadOnlyList<double> sds)
    {
        int d = means.Count;
        if (d == 0 || sds.Count != d) throw new KelvinException($"a Gaussian mixture needs matching means and widths (got {d} and {sds.Count})");
        var order = Enumerable.Range(0, d).OrderBy(j => means[j]).ToArray();
        var mu = order.Select(j => means[j]).ToArray();
        var s = order.Select(j => sds[j]).ToArray();
        if (s.Any(v => !(v > 0) || !double.IsFinite(v)) || mu.Any(v => !double.IsFinite(v)))
            throw new KelvinException("a Gaussian mixture needs finite means and positive finite widths");
        double sMin = s.Min(), sMax = s.Max();
        const double reach = 10;
        double lo = mu[0] - reach * sMax, hi = mu[^1] + reach * sMax, step = sMin / 16;
        long points = (long)Math.Ceiling((hi - lo) / step) + 1;
        if (points > MaximumGridPoints)
            throw new KelvinException($"the mixture's widths span too many scales for quadrature ({points} grid points)");
        step = (hi - lo) / (points - 1);
        double norm = 1.0 / (d * Math.Sqrt(2 * Math.PI));
        double sum = 0;
        int first = 0;
        for (long i = 0; i < points; i++)
        {
            double x = lo + i * step;
            while (first < d && mu[first] < x - reach * sMax) first++;
            double p = 0;
            for (int j = first; j < d && mu[j] <= x + reach * sMax; j++)
            {
                double z = (x - mu[j]) / s[j];
                if (z * z < 2 * reach * reach) p += Math.Exp(-0.5 * z * z) / s[j];
            }
            p *= norm;
            if (p > 0) sum += (i == 0 || i == points - 1 ? 0.5 : 1.0) * p * Math.Log(p);
        }
        return -sum * step;
    }
}
