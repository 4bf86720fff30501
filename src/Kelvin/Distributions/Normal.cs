using Kelvin.Numerics;
using Kelvin.Randomness;

namespace Kelvin.Distributions;

/// <summary>Normal(μ, σ²): p(x) = e^(−(x−μ)²/2σ²)/(σ√(2π)); entropy h = ½ ln(2πeσ²).</summary>
public sealed class Normal : IUnivariateDistribution
{
    /// <summary>Normal with mean <paramref name="mean"/> and standard deviation <paramref name="sigma"/> &gt; 0.</summary>
    public Normal(double mean, double sigma)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma) || !double.IsFinite(mean))
            throw new KelvinException($"Normal needs a finite mean and sigma > 0 (got mean {mean}, sigma {sigma})");
        Mu = mean;
        Sigma = sigma;
    }

    /// <summary>Mean μ.</summary>
    public double Mu { get; }
    /// <summary>Standard deviation σ.</summary>
    public double Sigma { get; }

    public string Description => $"Normal({Mu:G4}, {Sigma:G4}²)";
    public double Mean => Mu;
    public double Variance => Sigma * Sigma;
    /// <summary>h = ½ ln(2πeσ²).</summary>
    public double Entropy => 0.5 * Math.Log(2 * Math.PI * Math.E * Sigma * Sigma);
    public double Density(double x) => Stable.NormalPdf((x - Mu) / Sigma) / Sigma;
    public double Sample(Rng rng) => Mu + Sigma * rng.NextGaussian();
}
