namespace Kelvin.Entropy;

/// <summary>
/// histogram: the plug-in entropy of a histogram with Freedman–Diaconis bins, h = 2·IQR·n^(−1/3),
/// starting at the minimum, plus the Miller–Madow correction and the bin width:
/// h = −Σⱼ (cⱼ/n) ln(cⱼ/n) + (B − 1)/(2n) + ln h, with B the number of non-empty bins (Miller–Madow's
/// count of bins with positive probability). The IQR is that of the tie-resolved values; when the
/// range would need more than n bins (extreme tails), the width is widened to range/n. O(n).
/// </summary>
public sealed class HistogramEntropy : IEntropyEstimator
{
    public string Name => "histogram";

    /// <summary>The Freedman–Diaconis bin width 2·IQR·n^(−1/3) of the sample, widened so at most n bins cover its range.</summary>
    public static double BinWidth(SortedSample sample)
    {
        var x = sample.Resolved;
        int n = x.Length;
        double iqr = SortedSample.QuantileOf(x, 0.75) - SortedSample.QuantileOf(x, 0.25);
        double range = x[n - 1] - x[0];
        double width = 2 * iqr * Math.Pow(n, -1.0 / 3.0);
        if (!(width > 0) || range / width > n) width = range / n;
        return width;
    }

    public double Estimate(SortedSample sample)
    {
        var x = sample.Resolved;
        int n = x.Length;
        double width = BinWidth(sample), origin = x[0];
        double plugIn = 0;
        int occupied = 0;
        long currentBin = -1, count = 0;
        for (int i = 0; i <= n; i++)
        {
            long bin = i < n ? (long)Math.Floor((x[i] - origin) / width) : long.MaxValue;
            if (bin != currentBin)
            {
                if (count > 0)
                {
                    double p = (double)count / n;
                    plugIn -= p * Math.Log(p);
                    occupied++;
                }
                currentBin = bin;
                count = 0;
            }
            count++;
        }
        double h = plugIn + (occupied - 1) / (2.0 * n) + Math.Log(width);
        if (!double.IsFinite(h)) throw new KelvinException($"histogram: the entropy estimate is not finite ({h})");
        return h;
    }
}
