namespace Kelvin.Networks.Activations;

/// <summary>
/// An activation the library does not know, given as a C# delegate φ (and optionally φ′; without it
/// φ′ is the central difference (φ(z+h) − φ(z−h))/2h with h = 1e−5·max(1, |z|)).
/// Engines classify it by measurement like any built-in one.
/// </summary>
public sealed class UserActivation(string name, Func<double, double> value, Func<double, double>? derivative = null) : Activation
{
    private readonly Func<double, double> _value = value ?? throw new ArgumentNullException(nameof(value));

    public override string Name { get; } = string.IsNullOrWhiteSpace(name) ? "user" : name;
    public override double Value(double z) => _value(z);

    public override double Derivative(double z)
    {
        if (derivative is not null) return derivative(z);
        double h = 1e-5 * System.Math.Max(1, System.Math.Abs(z));
        return (_value(z + h) - _value(z - h)) / (2 * h);
    }
}
