namespace Kelvin.Calibration;

/// <summary>
/// A separable potential U(θ) = Σᵢ u(θᵢ) of d copies of a one-dimensional potential u (docs/theory.md §2, the
/// anharmonic calibration). Its Boltzmann state is the product of d copies of p(x) ∝ exp(−u(x)/T), so
/// E = d·E₁(T) and S = d·S₁(T) exactly, from one-dimensional quadrature (<see cref="BoltzmannQuadrature"/>),
/// and the ensemble view's marginal sum Σᵢ h(θᵢ) is the exact joint entropy.
/// </summary>
public sealed class SeparablePotential : IPotential
{
    private readonly Func<double, double> _u, _du;

    /// <summary>U = Σ u(θᵢ) over <paramref name="dimension"/> coordinates, with u′ = <paramref name="derivative"/>.</summary>
    public SeparablePotential(string name, int dimension, Func<double, double> u, Func<double, double> derivative)
    {
        if (dimension < 1) throw new KelvinException($"the dimension d must be at least 1 (got {dimension})");
        Name = name;
        Dimension = dimension;
        _u = u;
        _du = derivative;
    }

    /// <summary>The double well u(x) = (x² − 1)²: two wells at ±1 with a barrier of height 1 at 0, so the
    /// Boltzmann density is bimodal when T ≪ 1 and single-humped when T ≫ 1 (its shape changes with T).</summary>
    public static SeparablePotential DoubleWell(int dimension) =>
        new("double-well", dimension, x => { double s = x * x - 1; return s * s; }, x => 4 * x * (x * x - 1));

    /// <summary>The quartic (anharmonic oscillator) u(x) = x²/2 + x⁴/4: Gaussian-like at low T, flatter-topped at high T.</summary>
    public static SeparablePotential Quartic(int dimension) =>
        new("quartic", dimension, x => 0.5 * x * x + 0.25 * x * x * x * x, x => x + x * x * x);

    /// <summary>The harmonic u(x) = κx²/2 (closed forms E₁ = T/2, S₁ = ½ ln(2πeT/κ): the quadrature's check).</summary>
    public static SeparablePotential Harmonic(int dimension, double stiffness = 1)
    {
        if (!(stiffness > 0) || !double.IsFinite(stiffness)) throw new KelvinException($"the stiffness must be > 0 (got {stiffness})");
        return new("harmonic", dimension, x => 0.5 * stiffness * x * x, x => stiffness * x);
    }

    /// <summary>The name: "double-well", "quartic" or "harmonic".</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>u(x), the potential of one coordinate.</summary>
    public double Single(double x) => _u(x);

    /// <summary>U(θ) = Σ u(θᵢ).</summary>
    public double Energy(ReadOnlySpan<double> theta)
    {
        double e = 0;
        for (int i = 0; i < theta.Length; i++) e += _u(theta[i]);
        return e;
    }

    /// <summary>∂U/∂θᵢ = u′(θᵢ).</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        for (int i = 0; i < theta.Length; i++) gradient[i] = _du(theta[i]);
    }

    /// <summary>The exact E and S of the Boltzmann state at <paramref name="temperature"/>: d times the
    /// one-dimensional moments.</summary>
    public BoltzmannMoments Boltzmann(double temperature)
    {
        var one = BoltzmannQuadrature.Of(_u, temperature);
        return new BoltzmannMoments(Dimension * one.Energy, Dimension * one.Entropy, Dimension * one.LogPartition);
    }
}
