namespace Kelvin.Energy;

/// <summary>An energy form that is a sum over outputs of a scalar ℓ(ŷ_k, y_k) (mse, mae).</summary>
public abstract class PointwiseEnergyForm : IEnergyForm
{
    public abstract string Name { get; }
    public abstract double Value(double prediction, double target);
    public abstract double Derivative(double prediction, double target);

    /// <summary>Σ_k ℓ(ŷ_k, y_k).</summary>
    public double Value(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target)
    {
        EnergyChecks.SameLength(prediction, target);
        double s = 0;
        for (int k = 0; k < prediction.Length; k++) s += Value(prediction[k], target[k]);
        return s;
    }

    /// <summary>Σ_k ℓ(ŷ_k, y_k), with ∂ℓ/∂ŷ_k written to the gradient.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> prediction, ReadOnlySpan<double> target, Span<double> gradient)
    {
        EnergyChecks.SameLength(prediction, target, gradient);
        double s = 0;
        for (int k = 0; k < prediction.Length; k++)
        {
            s += Value(prediction[k], target[k]);
            gradient[k] = Derivative(prediction[k], target[k]);
        }
        return s;
    }
}
