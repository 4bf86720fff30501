namespace Kelvin;

/// <summary>A simulated quantity with its standard error.</summary>
public readonly record struct Estimate(double Value, double StdErr)
{
    /// <summary>(analytic − simulated)/SE: the difference in standard errors; 0 when both agree exactly,
    /// null when they differ but the estimate has no spread (SE = 0: the ratio is not a number of SEs).</summary>
    public double? ZScore(double analytic) =>
        StdErr > 0 ? (analytic - Value) / StdErr : (analytic == Value ? 0 : null);

    /// <summary>Mean and standard error √(var/K) of independent values, summed in order.</summary>
    public static Estimate MeanOf(ReadOnlySpan<double> values)
    {
        int k = values.Length;
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= k;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return new Estimate(mean, k > 1 ? Math.Sqrt(ss / (k - 1) / k) : 0);
    }

    /// <summary>The delete-one jackknife: the full estimate and SE = √((K−1)/K · Σ(θ₋ₖ − θ̄)²).</summary>
    public static Estimate Jackknife(double full, ReadOnlySpan<double> leaveOneOut)
    {
        int k = leaveOneOut.Length;
        double mean = 0;
        foreach (double v in leaveOneOut) mean += v;
        mean /= k;
        double ss = 0;
        foreach (double v in leaveOneOut) ss += (v - mean) * (v - mean);
        return new Estimate(full, Math.Sqrt((k - 1.0) / k * ss));
    }
}
