using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Linear;

/// <summary>Which Lyapunov equation gives the SGD-stationary covariance (docs/theory.md §5).</summary>
public enum LyapunovForm
{
    /// <summary>H Σ + Σ H = (η/B) C₁ (small-η limit, Mandt, Hoffman &amp; Blei 2017).</summary>
    Continuous,
    /// <summary>Σ = (I − ηH) Σ (I − ηH) + (η²/B) C₁ (the exact stationary covariance of the linearized
    /// SGD recursion with additive noise).</summary>
    Discrete,
    /// <summary>The discrete equation with the multiplicative minibatch-Hessian noise M(Σ) added to C₁
    /// (<see cref="HessianNoise"/>), solved by fixed-point iteration: the default, because the O(η·tr H/B)
    /// effect it adds is visible in simulations at d = 50.</summary>
    DiscreteFull,
}

/// <summary>
/// The stationary covariance Σ of SGD near a minimum, solved in H's eigenbasis H = VΛVᵀ with
/// C̃ = VᵀC₁V: continuous Σ̃_ab = (η/B) C̃_ab / (λ_a + λ_b); discrete
/// Σ̃_ab = (η²/B) C̃_ab / (η(λ_a + λ_b) − η²λ_aλ_b); Σ = VΣ̃Vᵀ.
/// </summary>
public static class Lyapunov
{
    /// <summary>Σ for learning rate <paramref name="eta"/> and batch size <paramref name="batch"/>.</summary>
    /// <exception cref="KelvinException">when H has a non-positive eigenvalue (no stationary state) or
    /// η·λ_max ≥ 2 (SGD diverges).</exception>
    public static Matrix<double> Solve(Matrix<double> hessian, Matrix<double> gradientCovariance, double eta, int batch, LyapunovForm form)
    {
        if (!(eta > 0) || !double.IsFinite(eta)) throw new KelvinException($"the learning rate must be > 0 (got {eta})");
        if (batch < 1) throw new KelvinException($"the batch size must be >= 1 (got {batch})");
        var sym = 0.5 * (hessian + hessian.Transpose());
        var evd = sym.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Select(c => c.Real).ToArray();
        double max = lambda.Max(), min = lambda.Min();
        if (!(min > 1e-14 * Math.Max(max, 1e-300)))
            throw new KelvinException($"the Hessian at the minimum is not positive definite (smallest eigenvalue {min:G3}): SGD has no stationary state along a flat direction");
        if (form != LyapunovForm.Continuous && eta * max >= 2)
            throw new KelvinException($"SGD diverges: η·λ_max = {eta * max:G4} >= 2; lower the learning rate");
        var v = evd.EigenVectors;
        var ct = v.Transpose() * gradientCovariance * v;
        int d = lambda.Length;
        var st = Matrix<double>.Build.Dense(d, d, (a, b) => form == LyapunovForm.Continuous
            ? eta / batch * ct[a, b] / (lambda[a] + lambda[b])
            : eta * eta / batch * ct[a, b] / (eta * (lambda[a] + lambda[b]) - eta * eta * lambda[a] * lambda[b]));
        var sigma = v * st * v.Transpose();
        return 0.5 * (sigma + sigma.Transpose());
    }

    /// <summary>Iteration cap of <see cref="SolveWithHessianNoise"/>.</summary>
    public const int MaxIterations = 200;

    /// <summary>
    /// Σ = (I − ηH)Σ(I − ηH) + (η²/B)(C₁ + M(Σ)), by the fixed-point iteration Σ ← discrete solution with
    /// C₁ + M(Σ), from M = 0, until the relative change is below 1e−12 (it contracts by about η·tr(H)/(2B) per step).
    /// </summary>
    /// <exception cref="KelvinException">when the iteration does not settle (multiplicative noise too strong: no stationary state).</exception>
    public static Matrix<double> SolveWithHessianNoise(Matrix<double> hessian, Matrix<double> gradientCovariance, HessianNoise noise, double eta, int batch)
    {
        var sigma = Solve(hessian, gradientCovariance, eta, batch, LyapunovForm.Discrete);
        if (noise.IsZero) return sigma;
        for (int it = 0; it < MaxIterations; it++)
        {
            var next = Solve(hessian, gradientCovariance + noise.Apply(sigma), eta, batch, LyapunovForm.Discrete);
            double change = (next - sigma).FrobeniusNorm() / next.FrobeniusNorm();
            sigma = next;
            if (change < 1e-12) return sigma;
            if (!double.IsFinite(change) || change > 1e6) break;
        }
        throw new KelvinException($"the SGD covariance does not settle with the minibatch-Hessian noise (η = {eta}, B = {batch}): no stationary state; lower the learning rate or raise the batch");
    }
}
