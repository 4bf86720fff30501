using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Engines;
using Kelvin.Numerics;
using Kelvin.Thermodynamics;

namespace Kelvin.Linear;

/// <summary>
/// The asymptotic training temperature of a linear model in each view, for every (loss, init) cell
/// (docs/theory.md §2, §5; derivations in docs/linear.md). Limits: x ~ N(0, I_d) (isotropic teacher),
/// n → ∞ in the energies (population values), η → 0 (the O(η) energy ½tr(HΣ) dropped), and for the
/// particle view the pooled fitted components treated as N(0, ρ_eff²) (d → ∞). With ρ² = ‖w*‖²/d, s
/// the noise scale, v and h the variance and entropy of the per-weight init ρ:
/// <code>
/// T_I = ΔE / (d·h − d·h*)
/// ΔE:  mse  d(ρ² + v)
///      mae  E|G + ν| − E|ν|, G ~ N(0, d(ρ² + v))          (Gaussian ν: √(2/π)(√(d(ρ²+v) + s²) − s))
///      ce   E softplus(u), u ~ N(0, d·v)  −  E_t[σ(t)·softplus(−t) + σ(−t)·softplus(t)], t ~ N(0, dρ²/s²)
/// h*:  particle            ½ ln(2πe·ρ_eff²),  ρ_eff² = ρ² + s²/n (mse), ρ² + 1/(4f(0)²n) (mae),
///                          ρ²/s² + tr(H⁻¹)/(dn) (ce; fitted w* = w*_teacher/s)
///      ensemble, thermal   ½ ln(2πe·c·η/B),   c = s² (mse), 1/(4f(0)) (mae), ½ (ce)
/// </code>
/// f(0) is the noise density at 0 (Gaussian 1/(s√(2π)), Laplace 1/(s√2)); for ce H = E[σ′(t) x xᵀ] has
/// eigenvalue a⊥ = E σ′(t) (d − 1 times) and a∥ = E[σ′(t) t²]/q along w* (q = dρ²/s²).
/// mse with a normal init in the particle view is docs/theory.md's T_I = −2(ρ² + σ²)/ln(ρ_eff²/σ²).
/// </summary>
public static class AsymptoticTheory
{
    /// <summary>ΔE = E_I − E* in the limits above, loss units.</summary>
    public static double EnergyChange(TeacherSpec spec, IEnergyForm loss, IUnivariateDistribution init)
    {
        int d = spec.D;
        double rho2 = spec.Signal, v = init.Variance, s = spec.Noise;
        switch (loss)
        {
            case MeanSquaredError:
                return d * (rho2 + v);
            case MeanAbsoluteError:
                double q = d * (rho2 + v);
                if (spec.Law == NoiseLaw.Gaussian) return Math.Sqrt(2 / Math.PI) * (Math.Sqrt(q + s * s) - s);
                double b = s / Math.Sqrt(2); // Laplace scale: E|g + ν| = |g| + b·e^(−|g|/b), E|ν| = b
                return GaussianExpectation.Of(t => { double g = Math.Abs(Math.Sqrt(q) * t); return g + b * Math.Exp(-g / b); }) - b;
            case CrossEntropy:
                double initial = GaussianLossExpectations.Softplus(0, Math.Sqrt(d * v));
                double sd = Math.Sqrt(d * rho2) / s;
                double minimum = GaussianExpectation.Of(t =>
                {
                    double u = sd * t;
                    return Stable.Sigmoid(u) * Stable.Softplus(-u) + Stable.Sigmoid(-u) * Stable.Softplus(u);
                });
                return initial - minimum;
            default:
                throw new KelvinException($"no asymptotic theory for loss '{loss.Name}'");
        }
    }

    /// <summary>ρ_eff²: the variance of the fitted weights' components across coordinates (particle view).</summary>
    public static double FittedComponentVariance(TeacherSpec spec, IEnergyForm loss)
    {
        int d = spec.D, n = spec.N;
        double rho2 = spec.Signal, s = spec.Noise;
        switch (loss)
        {
            case MeanSquaredError:
                return rho2 + s * s / n;
            case MeanAbsoluteError:
                double f0 = NoiseDensityAtZero(spec);
                return rho2 + 1 / (4 * f0 * f0 * n);
            case CrossEntropy:
                double q = d * rho2 / (s * s), sd = Math.Sqrt(q);
                double perp = GaussianExpectation.Of(t => Stable.Sigmoid(sd * t) * Stable.Sigmoid(-sd * t));
                double para = GaussianExpectation.Of(t => Stable.Sigmoid(sd * t) * Stable.Sigmoid(-sd * t) * t * t);
                return rho2 / (s * s) + ((d - 1) / perp + 1 / para) / ((double)d * n);
            default:
                throw new KelvinException($"no asymptotic theory for loss '{loss.Name}'");
        }
    }

    /// <summary>c in the SGD-stationary covariance Σ = c·(η/B)·I (ensemble and thermal views).</summary>
    public static double NoiseCoefficient(TeacherSpec spec, IEnergyForm loss) => loss switch
    {
        MeanSquaredError => spec.Noise * spec.Noise,
        MeanAbsoluteError => 1 / (4 * NoiseDensityAtZero(spec)),
        CrossEntropy => 0.5,
        _ => throw new KelvinException($"no asymptotic theory for loss '{loss.Name}'"),
    };

    /// <summary>h*: the trained state's entropy per weight in <paramref name="view"/>, nats.</summary>
    public static double TrainedEntropyPerWeight(TeacherSpec spec, LinearSetting setting, EntropyView view) => view switch
    {
        EntropyView.Particle => 0.5 * Math.Log(2 * Math.PI * Math.E * FittedComponentVariance(spec, setting.Loss)),
        EntropyView.Ensemble or EntropyView.EnsembleGaussian or EntropyView.Thermal =>
            0.5 * Math.Log(2 * Math.PI * Math.E * NoiseCoefficient(spec, setting.Loss) * setting.LearningRate / setting.Batch),
        _ => throw new KelvinException($"the linear theory has no '{view.Name()}' view"),
    };

    /// <summary>The asymptotic T_I with its regime (through <see cref="Transition"/>), or null where the
    /// limits do not apply (an anisotropic teacher, Σ_x ≠ I).</summary>
    public static Temperature? Temperature(TeacherSpec spec, LinearSetting setting, EntropyView view)
    {
        if (spec.ConditionNumber != 1 || setting.Init.Mean != 0) return null;
        if (setting.Loss is CrossEntropy != (spec.Task == LinearTask.Classification)) return null;
        double dE = EnergyChange(spec, setting.Loss, setting.Init);
        double dS = spec.D * (setting.Init.Entropy - TrainedEntropyPerWeight(spec, setting, view));
        return Transition.FromChanges(-dE, -dS, 0, 1e-12 * spec.D);
    }

    private static double NoiseDensityAtZero(TeacherSpec spec) => spec.Law == NoiseLaw.Gaussian
        ? 1 / (spec.Noise * Math.Sqrt(2 * Math.PI))
        : 1 / (spec.Noise * Math.Sqrt(2));
}
