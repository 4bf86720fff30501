namespace Kelvin.Entropy;

/// <summary>
/// vasicek (m-spacing): h = (1/n) Σᵢ ln( n/(2m) · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎) ), order statistics clamped at
/// the ends (x₍ⱼ₎ = x₍₁₎ for j &lt; 1, x₍ₙ₎ for j &gt; n), m = floor(√n + 0.5).
/// </summary>
public sealed class VasicekEntropy : IEntropyEstimator
{
    public string Name => "vasicek";

    /// <summary>The default window m = floor(√n + 0.5).</summary>
    public static int DefaultWindow(int n) => (int)Math.Floor(Math.Sqrt(n) + 0.5);

    public double Estimate(SortedSample sample)
    {
        var x = sample.Values;
        int n = x.Length, m = DefaultWindow(n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double spacing = x[Math.Min(i + m, n - 1)] - x[Math.Max(i - m, 0)];
            sum += Math.Log(n / (2.0 * m) * spacing);
        }
        double h = sum / n;
        if (!double.IsFinite(h)) throw new KelvinException("vasicek: zero spacings (tied values); see the ties handling");
        return h;
    }
}
