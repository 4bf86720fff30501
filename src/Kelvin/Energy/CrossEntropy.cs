using Kelvin.Numerics;

namespace Kelvin.Energy;

/// <summary>
/// ce over logits ŷ.
/// <list type="bullet">
/// <item>Binary (one output), y ∈ {−1, +1}: ℓ = ln(1 + e^(−m)) = softplus(−m), m = y·ŷ;
/// ∂ℓ/∂ŷ = −y·σ(−m).</item>
/// <item>Multiclass (K ≥ 2 outputs), y a probability vector over classes (one-hot for a label c):
/// ℓ = logsumexp(ŷ) − Σ_k y_k ŷ_k (= logsumexp(ŷ) − ŷ_c for one-hot); ∂ℓ/∂ŷ_k = softmax(ŷ)_k − y_k.</item>
/// </list>
/// Both are computed stably for logits of any size.
/// </summary>
public sealed class CrossEntropy : IEnergyForm
{
    public static readonly CrossEntropy Instance = new();
    public string Name => "ce";

    /// <summary>Binary: softplus(−y·ŷ), y ∈ {−1, +1}.</summary>
    public double Value(double prediction, double target) => Stable.Softplus(-target * prediction);

    /// <summary>Binary: −y·σ(−y·ŷ).</summary>
    public double Derivative(double prediction, double target) => -target * Stable.Sigmoid(-target * prediction);

    public double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        EnergyChecks.SameLength(prediction, target);
        if (prediction.Length == 1) return Value(prediction[0], target[0]);
        double lse = Stable.LogSumExp(prediction);
        double s = 0;
        for (int k = 0; k < prediction.Length; k++) if (target[k] != 0) s += target[k] * (lse - prediction[k]);
        return s;
    }

    public double ValueAndGradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient)
    {
        EnergyChecks.SameLength(prediction, target, gradient);
        if (prediction.Length == 1)
        {
            gradient[0] = Derivative(prediction[0], target[0]);
            return Value(prediction[0], target[0]);
        }
        double lse = Stable.LogSumExp(prediction);
        double s = 0, mass = 0;
        for (int k = 0; k < prediction.Length; k++)
        {
            if (target[k] != 0) s += target[k] * (lse - prediction[k]);
            mass += target[k];
        }
        // For a target of total mass Σy (1 for a distribution): ∂ℓ/∂ŷ_k = Σy·softmax_k − y_k.
        for (int k = 0; k < prediction.Length; k++)
            gradient[k] = mass * Math.Exp(prediction[k] - lse) - target[k];
        return s;
    }
}
