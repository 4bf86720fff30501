using MathNet.Numerics.Integration;

namespace Kelvin.Calibration;

/// <summary>The exact energy and entropy of a one-dimensional Boltzmann density.</summary>
/// <param name="Energy">E = ∫ u(x) p(x) dx.</param>
/// <param name="Entropy">S = −∫ p ln p dx = ln Z + E/T.</param>
/// <param name="LogPartition">ln Z, Z = ∫ exp(−u(x)/T) dx.</param>
public sealed record BoltzmannMoments(double Energy, double Entropy, double LogPartition);

/// <summary>
/// E and S of the one-dimensional Boltzmann density p(x) = exp(−u(x)/T)/Z by quadrature (docs/theory.md §2:
/// "ΔE/ΔS between T1 and T2 follows exactly from one-dimensional quadrature"). Z and ∫u·e^(−u/T) are
/// integrated with MathNet's double-exponential (tanh–sinh) rule (relative 1e−13) on 16 equal panels of [−L, L],
/// L the first power of 2 with u(±L) − u_min ≥ 80·T (the mass beyond is below e^(−80) of the peak's).
/// u is shifted by its minimum on the grid before exponentiating, so no value under- or overflows.
/// </summary>
public static class BoltzmannQuadrature
{
    /// <summary>The moments of exp(−u/T) for a confining u (u → ∞ as |x| → ∞).</summary>
    /// <exception cref="KelvinException">when T ≤ 0 or u does not confine within |x| ≤ 2^20.</exception>
    public static BoltzmannMoments Of(Func<double, double> u, double temperature)
    {
        if (!(temperature > 0) || !double.IsFinite(temperature)) throw new KelvinException($"the temperature must be > 0 (got {temperature})");
        double half = 1;
        while (Math.Min(u(half), u(-half)) - MinimumOn(u, half) < 80 * temperature)
        {
            half *= 2;
            if (half > 1 << 20) throw new KelvinException("the potential does not confine: its Boltzmann density cannot be normalized");
        }
        double u0 = MinimumOn(u, half);
        double Weight(double x) => Math.Exp(-(u(x) - u0) / temperature);
        double z = Integrate(Weight, half), e = Integrate(x => (u(x) - u0) * Weight(x), half) / z;
        double logZ = Math.Log(z) - u0 / temperature;
        return new BoltzmannMoments(e + u0, logZ + (e + u0) / temperature, logZ);
    }

    private const int Panels = 16;

    private static double Integrate(Func<double, double> f, double half)
    {
        double sum = 0, width = 2 * half / Panels;
        for (int i = 0; i < Panels; i++)
        {
            double a = -half + i * width;
            sum += DoubleExponentialTransformation.Integrate(f, a, a + width, 1e-13);
        }
        return sum;
    }

    private static double MinimumOn(Func<double, double> u, double half)
    {
        double min = double.PositiveInfinity;
        for (int i = 0; i <= 4096; i++) min = Math.Min(min, u(-half + 2 * half * i / 4096));
        return min;
    }
}
