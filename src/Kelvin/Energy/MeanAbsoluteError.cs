namespace Kelvin.Energy;

/// <summary>mae: ℓ(ŷ, y) = Σ_outputs |ŷ − y|; ∂ℓ/∂ŷ = sign(ŷ − y) (the subgradient 0 at ŷ = y).</summary>
public sealed class MeanAbsoluteError : PointwiseEnergyForm
{
    public static readonly MeanAbsoluteError Instance = new();
    public override string Name => "mae";
    public override double Value(double prediction, double target) => Math.Abs(prediction - target);
    public override double Derivative(double prediction, double target) => Math.Sign(prediction - target);
}
