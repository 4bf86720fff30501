namespace Kelvin.Entropy;

/// <summary>
/// ebrahimi: Vasicek's m-spacing estimator with the end-corrected weights of Ebrahimi, Pflughoeft
/// &amp; Soofi (1994), h = (1/n) Σᵢ ln( n/(cᵢ m) · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎) ) with (1-based i)
/// cᵢ = 1 + (i − 1)/m for i ≤ m, cᵢ = 2 for m &lt; i ≤ n − m, cᵢ = 1 + (n − i)/m for i &gt; n − m:
/// near the ends the clamped window holds fewer than 2m gaps, and cᵢ counts them. m = floor(√n + 0.5).
/// </summary>
public sealed class EbrahimiEntropy : IEntropyEstimator
{
    public string Name => "ebrahimi";

    /// <summary>wᵢ = cᵢ·m (see the type's summary).</summary>
    internal static readonly SpacingEntropy.WindowWeight Weight = static (i, n, m) =>
    {
        int r = i + 1; // 1-based rank
        if (r <= m) return m * (1.0 + (r - 1.0) / m);
        if (r > n - m) return m * (1.0 + (double)(n - r) / m);
        return 2.0 * m;
    };

    public double Estimate(SortedSample sample) => SpacingEntropy.Estimate(sample, Name, Weight);
}
