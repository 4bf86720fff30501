using Kelvin.Distributions;
using Kelvin.Energy;
using MathNet.Numerics.Integration;

namespace Kelvin.Linear;

/// <summary>How an analytic value was obtained: exactly, by quadrature, or as the d → ∞ (CLT) limit.</summary>
public enum AnalyticMethod
{
    /// <summary>A closed form that is exact for these data.</summary>
    Exact,
    /// <summary>Numerical quadrature of an exact integral (accurate to ~1e−10).</summary>
    Quadrature,
    /// <summary>The Gaussian (central-limit) approximation of wᵀx: exact only as d → ∞.</summary>
    CentralLimit,
}

/// <summary>An analytic value and how it was obtained.</summary>
public readonly record struct AnalyticValue(double Value, AnalyticMethod Method);

/// <summary>
/// The Type I (initialization) state of a linear model, analytically (docs/theory.md §5): w has i.i.d.
/// entries w_j ~ ρ with mean μ and variance v, so zᵢ = wᵀxᵢ has mean mᵢ = μ Σ_j x_ij and variance
/// sᵢ² = v Σ_j x_ij².
/// </summary>
public static class InitialStateTheory
{
    /// <summary>S_I = d · h(ρ): the entropy of d independent weights, in nats.</summary>
    public static double Entropy(IUnivariateDistribution rho, int d) => d * rho.Entropy;

    /// <summary>
    /// E_I = E_{w~ρ}[U_D(w)] = (1/n) Σᵢ E ℓ(zᵢ, yᵢ):
    /// mse exact (mean and variance only); mae exact for Normal (folded normal), exact for
    /// Uniform/Mixed at d = 1, the CLT limit for d &gt; 1; ce by quadrature of the Gaussian expectation
    /// for Normal, by 1-D quadrature over ρ at d = 1, the CLT limit for d &gt; 1.
    /// </summary>
    public static AnalyticValue Energy(LinearData data, IEnergyForm loss, IUnivariateDistribution rho)
    {
        data.CheckLoss(loss);
        CheckDistribution(rho);
        int d = data.Dimension;
        bool normal = rho is Normal;
        var method = loss switch
        {
            MeanSquaredError => AnalyticMethod.Exact,
            MeanAbsoluteError => normal || d == 1 ? AnalyticMethod.Exact : AnalyticMethod.CentralLimit,
            _ => normal ? AnalyticMethod.Quadrature : d == 1 ? AnalyticMethod.Quadrature : AnalyticMethod.CentralLimit,
        };
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            var x = data.Row(i);
            double sx = 0, sxx = 0;
            for (int j = 0; j < d; j++) { sx += x[j]; sxx += x[j] * x[j]; }
            double m = rho.Mean * sx, s = Math.Sqrt(rho.Variance * sxx), y = data.Targets[i];
            sum += (d == 1 && !normal && loss is not MeanSquaredError)
                ? OneWeightExpectation(loss, rho, x[0], y)
                : GaussianExpectation(loss, m, s, y);
        }
        return new AnalyticValue(sum / data.Count, method);
    }

    /// <summary>E ℓ(z, y) for z ~ N(m, s²).</summary>
    private static double GaussianExpectation(IEnergyForm loss, double m, double s, double y) => loss switch
    {
        MeanSquaredError => GaussianLossExpectations.SquaredError(y - m, s),
        MeanAbsoluteError => GaussianLossExpectations.AbsoluteError(y - m, s),
        CrossEntropy => GaussianLossExpectations.Softplus(-y * m, s),
        _ => throw new KelvinException($"no analytic initial energy for loss '{loss.Name}'"),
    };

    /// <summary>E ℓ(w x, y) for one weight w ~ ρ (Uniform or Mixed, mean 0): exact for mae, quadrature for ce.</summary>
    private static double OneWeightExpectation(IEnergyForm loss, IUnivariateDistribution rho, double x, double y)
    {
        (double pi, double sigma, double a) = rho switch
        {
            Uniform u => (0.0, 1.0, u.HalfWidth),
            Mixed mx => (mx.Pi, mx.Sigma, mx.A),
            _ => throw new KelvinException($"no one-weight expectation for {rho.Description}"),
        };
        double normalPart = pi > 0 ? GaussianExpectation(loss, 0, sigma * Math.Abs(x), y) : 0;
        double uniformPart;
        double c = a * Math.Abs(x);
        if (c == 0) uniformPart = loss.Value(0, y);
        else if (loss is MeanAbsoluteError) uniformPart = GaussianLossExpectations.AbsoluteErrorUniform(y, c);
        else
        {
            // (1/2c) ∫_{−c}^{c} ℓ(z, y) dz, split at z = 0 where ce's curvature is largest.
            double left = GaussKronrodRule.Integrate(z => loss.Value(z, y), -c, 0, out _, out _, 1e-14, 25, 31);
            double right = GaussKronrodRule.Integrate(z => loss.Value(z, y), 0, c, out _, out _, 1e-14, 25, 31);
            uniformPart = (left + right) / (2 * c);
        }
        return pi * normalPart + (1 - pi) * uniformPart;
    }

    private static void CheckDistribution(IUnivariateDistribution rho)
    {
        if (rho is not (Normal or Uniform or Mixed))
            throw new KelvinException($"analytic initial state needs a Normal, Uniform or Mixed initialization (got {rho.Description})");
        if (rho is Uniform u && u.Mean != 0) throw new KelvinException("analytic initial state needs a symmetric Uniform(-a, a)");
    }
}
