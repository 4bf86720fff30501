using Kelvin.Randomness;

namespace Kelvin.Distributions;

/// <summary>
/// A one-dimensional distribution of a single weight: the per-weight law ρ of an initialization
/// (docs/theory.md §4), drawn independently for every weight. Modelled on MathNet's distributions.
/// </summary>
public interface IUnivariateDistribution
{
    /// <summary>A short description with its parameters, e.g. "Normal(0, 0.5²)".</summary>
    string Description { get; }

    /// <summary>Mean μ = E[w].</summary>
    double Mean { get; }

    /// <summary>Variance Var[w] = E[(w − μ)²].</summary>
    double Variance { get; }

    /// <summary>Exact differential entropy h = −∫ p ln p, in nats (closed form, or quadrature where
    /// there is none).</summary>
    double Entropy { get; }

    /// <summary>Probability density p(x).</summary>
    double Density(double x);

    /// <summary>One draw.</summary>
    double Sample(Rng rng);
}

/// <summary>Filling buffers with independent draws.</summary>
public static class DistributionSampling
{
    /// <summary>Fills <paramref name="destination"/> with independent draws, in order.</summary>
    public static void Fill(this IUnivariateDistribution distribution, Rng rng, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = distribution.Sample(rng);
    }

    /// <summary>Fills <paramref name="destination"/> with independent draws rounded to float32, in order.</summary>
    public static void Fill(this IUnivariateDistribution distribution, Rng rng, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = (float)distribution.Sample(rng);
    }

    /// <summary>n independent draws.</summary>
    public static double[] Samples(this IUnivariateDistribution distribution, Rng rng, int n)
    {
        var x = new double[n];
        distribution.Fill(rng, x);
        return x;
    }

    /// <summary>Standard deviation √Var.</summary>
    public static double StdDev(this IUnivariateDistribution distribution) => Math.Sqrt(distribution.Variance);
}
