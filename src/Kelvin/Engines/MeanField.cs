using Kelvin.Networks.Activations;
using MathNet.Numerics.RootFinding;

namespace Kelvin.Engines;

/// <summary>
/// Mean-field signal propagation through a deep network with weights of variance g²/fan_in and bias
/// variance σ_b² (Poole et al. 2016): the length map and the gradient gain per layer of an activation φ.
/// </summary>
public sealed class MeanField
{
    /// <summary>Mean-field propagation of <paramref name="activation"/> with bias variance σ_b² ≥ 0.</summary>
    public MeanField(Activation activation, double biasVariance = 0)
    {
        Activation = activation ?? throw new ArgumentNullException(nameof(activation));
        if (!(biasVariance >= 0) || !double.IsFinite(biasVariance)) throw new KelvinException($"bias variance must be ≥ 0 and finite (got {biasVariance})");
        BiasVariance = biasVariance;
    }

    /// <summary>The activation φ.</summary>
    public Activation Activation { get; }

    /// <summary>σ_b², the variance of the biases.</summary>
    public double BiasVariance { get; }

    /// <summary>E[φ(√q ξ)²], ξ ~ N(0, 1).</summary>
    public double OutputMeanSquare(double q)
    {
        if (!(q > 0) || !double.IsFinite(q)) throw new KelvinException($"signal level q must be positive and finite (got {q})");
        return HermiteWork.OutputMeanSquare(Activation, q);
    }

    /// <summary>E[φ′(√q ξ)²], ξ ~ N(0, 1).</summary>
    public double SlopeMeanSquare(double q)
    {
        double s = Math.Sqrt(q);
        return GaussianExpectation.Of(x => { double d = Activation.Derivative(s * x); return d * d; });
    }

    /// <summary>The length map q_{l+1} = g²·E[φ(√q_l ξ)²] + σ_b².</summary>
    public double LengthMap(double q, double gain) => gain * gain * OutputMeanSquare(q) + BiasVariance;

    /// <summary>The gradient gain per layer χ = g²·E[φ′(√q ξ)²] (χ &gt; 1: gradients explode, &lt; 1: vanish).</summary>
    public double Chi(double q, double gain) => gain * gain * SlopeMeanSquare(q);

    /// <summary>The gain that makes q a fixed point of the length map: g = √((q − σ_b²) / E[φ(√q ξ)²]);
    /// null when q ≤ σ_b² (no gain reaches it) or φ ≡ 0 there.</summary>
    public double? GainForFixedPoint(double q)
    {
        double m2 = OutputMeanSquare(q);
        if (q <= BiasVariance || !(m2 > 0)) return null;
        return Math.Sqrt((q - BiasVariance) / m2);
    }

    /// <summary>
    /// The critical gain: the gain at which a fixed point q* of the length map has χ(q*) = 1.
    /// Type A (φ positively homogeneous): χ does not depend on q, so g_c = 1/√E[φ′(ξ)²] (√2 for relu,
    /// 1 for identity), and every q is a fixed point at that gain when σ_b = 0.
    /// Type B: along the fixed points q* (gain g(q*) = <see cref="GainForFixedPoint"/>),
    /// χ(q*) = (q* − σ_b²)·E[φ′²]/E[φ²]; the first root of χ(q*) = 1 on the log grid of
    /// [<paramref name="qMin"/>, <paramref name="qMax"/>] (refined by Brent in ln q) gives g_c = g(q*).
    /// Without a root and with σ_b = 0, φ(0) = 0 and φ′(0) ≠ 0 (tanh, erf, …), χ(q*) → 1 as q* → 0,
    /// and g_c is that limit, 1/|φ′(0)| (the order–chaos edge at q* = 0). Otherwise null.
    /// </summary>
    public double? CriticalGain(EngineType type, double qMin, double qMax, int points)
    {
        if (type == EngineType.A)
        {
            double slope = SlopeMeanSquare(1);
            return slope > 0 ? 1 / Math.Sqrt(slope) : null;
        }
        double Excess(double logQ)
        {
            double q = Math.Exp(logQ), m2 = OutputMeanSquare(q);
            return m2 > 0 ? (q - BiasVariance) * SlopeMeanSquare(q) / m2 - 1 : double.NaN; // NaN: φ ≡ 0 there, no fixed point
        }
        double lo = Math.Log(Math.Max(qMin, BiasVariance * (1 + 1e-9) + double.Epsilon)), hi = Math.Log(qMax);
        if (lo < hi)
        {
            double prevX = lo, prev = Excess(lo);
            for (int i = 1; i < points; i++)
            {
                double x = lo + (hi - lo) * i / (points - 1), v = Excess(x);
                if (double.IsNaN(v) || double.IsNaN(prev)) { (prevX, prev) = (x, v); continue; }
                if (prev == 0) return GainForFixedPoint(Math.Exp(prevX));
                if (Math.Sign(v) != Math.Sign(prev))
                    return GainForFixedPoint(Math.Exp(Brent.FindRoot(Excess, prevX, x, 1e-12, 200)));
                (prevX, prev) = (x, v);
            }
        }
        double slope0 = Activation.Derivative(0);
        if (BiasVariance == 0 && Math.Abs(Activation.Value(0)) < 1e-12 && slope0 != 0 && double.IsFinite(slope0))
            return 1 / Math.Abs(slope0);
        return null;
    }
}
