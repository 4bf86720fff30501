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

    /// <summary>The slope of the length map, dq_{l+1}/dq_l = g²·d/dq E[φ(√q ξ)²] = g²·E[φ(√q ξ)·φ′(√q ξ)·ξ]/√q.</summary>
    public double LengthMapSlope(double q, double gain)
    {
        if (!(q > 0) || !double.IsFinite(q)) throw new KelvinException($"signal level q must be positive and finite (got {q})");
        double s = Math.Sqrt(q);
        return gain * gain * GaussianExpectation.Of(x => Activation.Value(s * x) * Activation.Derivative(s * x) * x) / s;
    }

    /// <summary>q as a fixed point: the gain <see cref="GainForFixedPoint"/> that holds it, the length map's
    /// slope and χ there; null when no gain holds q.</summary>
    public FixedPoint? FixedPointAt(double q) =>
        GainForFixedPoint(q) is double g ? new FixedPoint(q, g, LengthMapSlope(q, g), Chi(q, g)) : null;

    /// <summary>
    /// The critical gain (docs/theory.md §7): the gain at which a fixed point q* &gt; 0 of the length map has χ(q*) = 1.
    /// Type A (φ positively homogeneous), σ_b = 0: χ does not depend on q, so g_c = 1/√E[φ′(ξ)²] (√2 for relu,
    /// 1 for identity), every q is a fixed point at that gain and each is marginal (slope 1); reported at q* = 1.
    /// Type B: along the fixed points q* (gain g(q*) = <see cref="GainForFixedPoint"/>),
    /// χ(q*) = (q* − σ_b²)·E[φ′²]/E[φ²]; the first root of χ(q*) = 1 on the log grid of
    /// [<paramref name="qMin"/>, <paramref name="qMax"/>] (refined by Brent in ln q) gives g_c = g(q*).
    /// Without a root the gain is null with the reason (χ &gt; 1 at every fixed point: gelu, silu, tanh, erf,
    /// elu, selu; χ &lt; 1: softplus), and where φ(0) = 0 and σ_b = 0 the q* → 0 limit of g(q*),
    /// 1/√(½(φ′(0⁻)² + φ′(0⁺)²)), is given as <see cref="Criticality.LimitAtZero"/> (χ(q*) → 1 there).
    /// </summary>
    public Criticality Criticality(EngineType type, double qMin, double qMax, int points)
    {
        if (type == EngineType.A)
        {
            double slope = SlopeMeanSquare(1);
            if (!(slope > 0)) return new Criticality(null, null, null, "φ′ = 0 almost everywhere: χ = 0 at every gain");
            if (BiasVariance > 0)
                return new Criticality(null, null, null, "with σ_b² > 0 the length map of a scale-free activation at χ = 1 is q + σ_b²: it has no fixed point");
            double g = 1 / Math.Sqrt(slope);
            return new Criticality(g, new FixedPoint(1, g, LengthMapSlope(1, g), Chi(1, g)), null, null);
        }
        double Excess(double logQ)
        {
            double q = Math.Exp(logQ), m2 = OutputMeanSquare(q);
            return m2 > 0 ? (q - BiasVariance) * SlopeMeanSquare(q) / m2 - 1 : double.NaN; // NaN: φ ≡ 0 there, no fixed point
        }
        double lo = Math.Log(Math.Max(qMin, BiasVariance * (1 + 1e-9) + double.Epsilon)), hi = Math.Log(qMax);
        bool above = false, below = false;
        if (lo < hi)
        {
            double prevX = lo, prev = Excess(lo);
            for (int i = 1; i < points; i++)
            {
                double x = lo + (hi - lo) * i / (points - 1), v = Excess(x);
                if (!double.IsNaN(prev)) { above |= prev > 0; below |= prev < 0; }
                if (double.IsNaN(v) || double.IsNaN(prev)) { (prevX, prev) = (x, v); continue; }
                double? root = prev == 0 ? prevX : Math.Sign(v) != Math.Sign(prev) ? Brent.FindRoot(Excess, prevX, x, 1e-12, 200) : null;
                if (root is double r && FixedPointAt(Math.Exp(r)) is FixedPoint fp)
                    return new Criticality(fp.Gain, fp, null, null);
                (prevX, prev) = (x, v);
            }
            if (!double.IsNaN(prev)) { above |= prev > 0; below |= prev < 0; }
        }
        string range = FormattableString.Invariant($"q* in [{Math.Exp(lo):G6}, {qMax:G6}]");
        string reason = above && !below
            ? $"no critical gain: χ(q*) > 1 at every fixed point {range} (a gain that holds a fixed point makes gradients explode)"
            : below && !above
                ? $"no critical gain: χ(q*) < 1 at every fixed point {range} (a gain that holds a fixed point makes gradients vanish)"
                : $"no critical gain: no fixed point with χ(q*) = 1 for {range}";
        return new Criticality(null, null, LimitAtZero(), reason);
    }

    /// <summary>lim_{q*→0} g(q*) = lim √(q/E[φ(√q ξ)²]) = 1/√(½(φ′(0⁻)² + φ′(0⁺)²)) when σ_b = 0, φ(0) = 0 and the
    /// one-sided slopes at 0 are finite and not both 0; else null.</summary>
    public double? LimitAtZero()
    {
        if (BiasVariance != 0 || Math.Abs(Activation.Value(0)) >= 1e-12) return null;
        double left = Activation.Derivative(-1e-300), right = Activation.Derivative(1e-300);
        double m = 0.5 * (left * left + right * right);
        return m > 0 && double.IsFinite(m) ? 1 / Math.Sqrt(m) : null;
    }
}
