namespace Kelvin.Numerics;

/// <summary>Numerically stable elementary functions used across the library.</summary>
public static class Stable
{
    /// <summary>softplus(x) = ln(1 + eˣ), computed as max(x, 0) + ln(1 + e^(−|x|)): exact for
    /// logits of any size (softplus(−40) ≈ 4.25e−18, not 0; softplus(1000) = 1000, not ∞).</summary>
    public static double Softplus(double x) => Math.Max(x, 0.0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>The logistic function σ(x) = 1 / (1 + e^(−x)), without overflow for any x.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>ln(1 + x), accurate for small x (MathNet's Log1p where it is exact; here the
    /// classic correction so the library has no dependency for one function).</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's correction).</summary>
    public static double Expm1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return um1 * x / Math.Log(u);
    }

    /// <summary>logsumexp(v) = ln Σ e^(v_k), shifted by the maximum so it never overflows.</summary>
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        if (v.IsEmpty) throw new ArgumentException("logsumexp of an empty vector", nameof(v));
        double max = double.NegativeInfinity;
        foreach (double x in v) if (x > max) max = x;
        double s = 0;
        foreach (double x in v) s += Math.Exp(x - max);
        return max + Math.Log(s);
    }

    /// <summary>The standard normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    public static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    /// <summary>The standard normal distribution function Φ(x) = ½ erfc(−x/√2).</summary>
    public static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2));
}
