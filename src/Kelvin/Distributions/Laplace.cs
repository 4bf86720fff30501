using Kelvin.Randomness;

namespace Kelvin.Distributions;

/// <summary>Laplace(μ, b): p(x) = e^(−|x−μ|/b)/(2b); variance 2b², entropy h = 1 + ln(2b).
/// Not an initialization scheme; a heavy-tailed test case for the entropy estimators.</summary>
public sealed class Laplace : IUnivariateDistribution
{
    public Laplace(double location, double scale)
    {
        if (!(scale > 0) || !double.IsFinite(scale) || !double.IsFinite(location))
            throw new KelvinException($"Laplace needs a finite location and scale > 0 (got {location}, {scale})");
        Location = location;
        Scale = scale;
    }

    public double Location { get; }
    public double Scale { get; }

    public string Description => $"Laplace({Location:G4}, {Scale:G4})";
    public double Mean => Location;
    public double Variance => 2 * Scale * Scale;
    /// <summary>h = 1 + ln(2b).</summary>
    public double Entropy => 1.0 + Math.Log(2 * Scale);
    public double Density(double x) => Math.Exp(-Math.Abs(x - Location) / Scale) / (2 * Scale);

    /// <summary>Inverse-CDF draw: μ − b·sign(u)·ln(1 − 2|u|), u uniform on (−½, ½).</summary>
    public double Sample(Rng rng)
    {
        double u = rng.NextOpenDouble() - 0.5;
        return Location - Scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }
}
