namespace Kelvin.Entropy;

/// <summary>gaussian: h = ½ ln(2πe·var) = ½ ln(2πe) + ½ ln var, the entropy of a normal with the
/// sample's variance (an upper bound on the true entropy for a given variance). Computed in the log
/// domain, ln var = ln var(x/c) + 2 ln c with c = max |xᵢ|, so that samples near 1e−170 or 1e160
/// (whose variance underflows to 0 or overflows to ∞ in float64) still give a finite h.</summary>
public sealed class GaussianEntropy : IEntropyEstimator
{
    public string Name => "gaussian";

    public double Estimate(SortedSample sample) => 0.5 * Math.Log(2 * Math.PI * Math.E) + 0.5 * LogVariance(sample.Values);

    /// <summary>ln of the unbiased sample variance of <paramref name="x"/>, scaled so that no
    /// intermediate overflows or underflows (Welford on x/c, in the given order).</summary>
    public static double LogVariance(ReadOnlySpan<double> x)
    {
        double c = 0;
        foreach (double v in x) c = Math.Max(c, Math.Abs(v));
        if (!(c > 0) || !double.IsFinite(c)) throw new KelvinException("gaussian entropy needs finite values that are not all zero");
        double mean = 0, m2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double y = x[i] / c;
            double d = y - mean;
            mean += d / (i + 1);
            m2 += d * (y - mean);
        }
        double variance = m2 / (x.Length - 1);
        if (!(variance > 0)) throw new KelvinException("gaussian entropy needs a positive variance (the values are all equal to float64 precision)");
        return Math.Log(variance) + 2 * Math.Log(c);
    }
}
