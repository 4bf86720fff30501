namespace Kelvin.Engines;

/// <summary>
/// How an activation's efficiency curve η_φ(q) is measured and classified: <see cref="Points"/>
/// log-spaced signal levels in [<see cref="QMin"/>, <see cref="QMax"/>]. The engine is Type A when
/// max η − min η ≤ <see cref="RelativeTolerance"/>·max |η|, or when max |η| ≤ <see cref="AbsoluteFloor"/>
/// (η ≡ 0, the pure conductor, where the relative test is 0/0); Type B otherwise.
/// </summary>
public sealed record EfficiencyScan
{
    /// <summary>Smallest signal level (default 1e−3).</summary>
    public double QMin { get; init; } = 1e-3;

    /// <summary>Largest signal level (default 1e3).</summary>
    public double QMax { get; init; } = 1e3;

    /// <summary>Number of log-spaced levels (default 61, ten per decade).</summary>
    public int Points { get; init; } = 61;

    /// <summary>Relative spread of η below which it counts as constant (default 1e−6; quadrature is good to ~1e−10).</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Efficiency below which an activation does no work at all (default 1e−12).</summary>
    public double AbsoluteFloor { get; init; } = 1e-12;

    /// <summary>The range of signal levels q a scan may cover, and the most levels it may have.</summary>
    public const double MinLevel = 1e-12, MaxLevel = 1e12;

    /// <summary>The most levels a scan may have.</summary>
    public const int MaxPoints = 10_001;

    /// <summary>Throws a one-line <see cref="KelvinException"/> for an unusable scan.</summary>
    public EfficiencyScan Validated()
    {
        if (!(QMin > 0) || !double.IsFinite(QMin)) throw new KelvinException($"qmin must be positive and finite (got {QMin})");
        if (!double.IsFinite(QMax)) throw new KelvinException($"qmax must be finite (got {QMax})");
        if (!(QMin < QMax)) throw new KelvinException($"qmin must be smaller than qmax (got {QMin} ≥ {QMax})");
        if (QMin < MinLevel || QMax > MaxLevel) throw new KelvinException($"signal levels must lie in [{MinLevel:0e0}, {MaxLevel:0e0}] (got qmin {QMin}, qmax {QMax}): beyond them the quadrature overflows or loses all digits");
        if (Points < 3) throw new KelvinException($"points must be at least 3 (got {Points})");
        if (Points > MaxPoints) throw new KelvinException($"points must be at most {MaxPoints} (got {Points})");
        if (!(RelativeTolerance > 0) || !(AbsoluteFloor >= 0)) throw new KelvinException("tolerances must be positive");
        return this;
    }

    /// <summary>The signal levels q_i = QMin·(QMax/QMin)^(i/(Points−1)).</summary>
    public double[] Levels()
    {
        double lo = Math.Log(QMin), hi = Math.Log(QMax);
        var q = new double[Points];
        for (int i = 0; i < Points; i++) q[i] = i == 0 ? QMin : i == Points - 1 ? QMax : Math.Exp(lo + (hi - lo) * i / (Points - 1));
        return q;
    }
}
