namespace Kelvin.Energy;

/// <summary>mse: ℓ(ŷ, y) = Σ_outputs (ŷ − y)²; ∂ℓ/∂ŷ = 2(ŷ − y).</summary>
public sealed class MeanSquaredError : PointwiseEnergyForm
{
    public static readonly MeanSquaredError Instance = new();
    public override string Name => "mse";
    public override double Value(double prediction, double target) { double r = prediction - target; return r * r; }
    public override double Derivative(double prediction, double target) => 2.0 * (prediction - target);
}
