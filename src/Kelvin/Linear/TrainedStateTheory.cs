using Kelvin.Energy;
using Kelvin.Entropy;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Linear;

/// <summary>
/// The trained (SGD-stationary) state, analytically (docs/theory.md §5): the Gaussian N(w*, Σ) with Σ from
/// the Lyapunov equation, E* ≈ U_D(w*) + ½ tr(HΣ) and S* = ½ ln det(2πeΣ).
/// </summary>
/// <param name="Minimum">w* and U_D(w*).</param>
/// <param name="Curvature">H and C₁ at w*.</param>
/// <param name="Covariance">Σ.</param>
/// <param name="Energy">E* = U_D(w*) + ½ tr(HΣ), loss units.</param>
/// <param name="Entropy">S* = ½ ln det(2πeΣ), nats.</param>
public sealed record TrainedState(MinimumEnergy Minimum, Curvature Curvature, Matrix<double> Covariance, double Energy, double Entropy)
{
    /// <summary>The trained state of SGD with learning rate <paramref name="eta"/> and batch
    /// <paramref name="batch"/> on <paramref name="data"/>.</summary>
    public static TrainedState Of(LinearData data, IEnergyForm loss, double eta, int batch, LyapunovForm form = LyapunovForm.DiscreteFull)
    {
        var minimum = Minimizer.Minimize(data, loss);
        var curvature = Curvature.At(data, loss, minimum.Weights);
        var noise = form == LyapunovForm.DiscreteFull ? HessianNoise.At(data, loss, minimum.Weights, curvature.Hessian) : null;
        return Of(minimum, curvature, eta, batch, form, noise);
    }

    /// <summary>The trained state from a known minimum and curvature.</summary>
    public static TrainedState Of(MinimumEnergy minimum, Curvature curvature, double eta, int batch, LyapunovForm form, HessianNoise? noise = null)
    {
        var sigma = form == LyapunovForm.DiscreteFull
            ? Lyapunov.SolveWithHessianNoise(curvature.Hessian, curvature.GradientCovariance,
                noise ?? throw new ArgumentException("the full discrete form needs the minibatch-Hessian noise"), eta, batch)
            : Lyapunov.Solve(curvature.Hessian, curvature.GradientCovariance, eta, batch, form);
        double energy = minimum.Energy + 0.5 * (curvature.Hessian * sigma).Trace();
        return new TrainedState(minimum, curvature, sigma, energy, MultivariateGaussianEntropy.FromCovariance(sigma));
    }
}
