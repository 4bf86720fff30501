using Kelvin.Thermodynamics;

namespace Kelvin.Linear;

/// <summary>
/// The refresh transition of docs/theory.md §4–5, analytically: the Gaussian state N(w₁*, Σ₁) trained on D1
/// retrained on D2 to N(w₂*, Σ₂). Around w₂*, E(state₁; D2) = U₂(w₂*) + W + ½ tr(H₂Σ₁) and
/// E(state₂; D2) = U₂(w₂*) + ½ tr(H₂Σ₂), so ΔE = W + Q with work W = ½(w₁*−w₂*)ᵀH₂(w₁*−w₂*) and
/// heat Q = ½ tr(H₂(Σ₁−Σ₂)); ΔS = ½ ln det Σ₁ − ½ ln det Σ₂; T_II = ΔE/ΔS via <see cref="Transition"/>.
/// Exact for mse (a quadratic U); for mae and ce the quadratic expansion around w₂*.
/// </summary>
public sealed record RefreshAnalysis(TrainedState Before, TrainedState After, double Work, double Heat, Transition Transition)
{
    /// <summary>The tolerance of "no entropy change": 1e−9 nats per weight absolute (round-off of two
    /// log-determinants of identical covariances), 1e−9 relative.</summary>
    public static TransitionTolerance Tolerance(int d) => new(1e-12, 1e-9 * d, 1e-9);

    /// <summary>The refresh from <paramref name="before"/> (trained on D1) to <paramref name="after"/> (trained on D2).</summary>
    public static RefreshAnalysis Of(TrainedState before, TrainedState after)
    {
        var h2 = after.Curvature.Hessian;
        var w1 = before.Minimum.Weights;
        var w2 = after.Minimum.Weights;
        var delta = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(w1.Length, j => w1[j] - w2[j]);
        double work = 0.5 * delta.DotProduct(h2 * delta);
        double heat = 0.5 * (h2 * (before.Covariance - after.Covariance)).Trace();
        double energyBefore = after.Energy + work + heat; // = U₂(w₂*) + W + ½ tr(H₂Σ₁)
        var transition = Transition.Between(ThermodynamicState.Of(energyBefore, before.Entropy),
                                            ThermodynamicState.Of(after.Energy, after.Entropy), Tolerance(w1.Length));
        return new RefreshAnalysis(before, after, work, heat, transition);
    }
}
