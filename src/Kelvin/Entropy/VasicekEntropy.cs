namespace Kelvin.Entropy;

/// <summary>
/// vasicek (m-spacing): h = (1/n) Σᵢ ln( n/(2m) · (x₍ᵢ₊ₘ₎ − x₍ᵢ₋ₘ₎) ), order statistics clamped at
/// the ends (x₍ⱼ₎ = x₍₁₎ for j &lt; 1, x₍ₙ₎ for j &gt; n), m = floor(√n + 0.5). Runs on the
/// tie-resolved values (<see cref="SortedSample.Resolved"/>), so every spacing is positive.
/// </summary>
public sealed class VasicekEntropy : IEntropyEstimator
{
    public string Name => "vasicek";

    /// <summary>The default window m = floor(√n + 0.5), at most n − 1.</summary>
    public static int DefaultWindow(int n) => Math.Clamp((int)Math.Floor(Math.Sqrt(n) + 0.5), 1, Math.Max(1, n - 1));

    /// <summary>wᵢ = 2m.</summary>
    internal static readonly SpacingEntropy.WindowWeight Weight = static (_, _, m) => 2.0 * m;

    public double Estimate(SortedSample sample) => SpacingEntropy.Estimate(sample, Name, Weight);
}
