using MathNet.Numerics;

namespace Kelvin.Thermodynamics;

/// <summary>
/// The bias of the thermal view's per-parameter term ½ ln(2πe·v̂) when v̂ is the sample variance
/// (denominator M − 1) of M independent Gaussian iterates: (M − 1)v̂/v ~ χ²_{M−1}, so
/// E[½ ln v̂] − ½ ln v = ½[ψ((M − 1)/2) + ln(2/(M − 1))] (≈ −1/(2(M − 1)); −0.0748 nats at M = 8).
/// Subtract it per parameter to estimate the stationary cloud's diagonal entropy without bias; thinned
/// iterates must be spaced by a few relaxation times for the independence to hold.
/// </summary>
public static class ThermalEntropyBias
{
    /// <summary>½[ψ((M − 1)/2) + ln(2/(M − 1))] nats per parameter, for M ≥ 2 iterates.</summary>
    public static double PerParameter(int iterates)
    {
        if (iterates < 2) throw new KelvinException($"a variance needs at least 2 iterates (got {iterates})");
        return 0.5 * (SpecialFunctions.DiGamma((iterates - 1) / 2.0) + Math.Log(2.0 / (iterates - 1)));
    }
}
