namespace Kelvin.Thermodynamics;

/// <summary>One recorded checkpoint of a training run: step t, energy E(t) and entropy S(t) (null for a point state).</summary>
public readonly record struct Checkpoint(long Step, double Energy, double? Entropy)
{
    /// <summary>The checkpoint as a state for <see cref="Transition"/>.</summary>
    public ThermodynamicState State => Entropy is double s ? ThermodynamicState.Of(Energy, s) : ThermodynamicState.Point(Energy);
}

/// <summary>One point of the instantaneous temperature curve: the window's end step and T with its regime.</summary>
public readonly record struct TemperaturePoint(long Step, long WindowStartStep, Temperature Temperature);

/// <summary>
/// The instantaneous temperature along a recorded run (docs/theory.md §3): for each checkpoint i ≥ w,
/// T(tᵢ) = ΔE/ΔS = (E(tᵢ) − E(tᵢ₋w)) / (S(tᵢ) − S(tᵢ₋w)) over a sliding window of w checkpoints,
/// computed by <see cref="Transition.Between(ThermodynamicState, ThermodynamicState, TransitionTolerance?)"/>
/// so every point carries its regime. The sign is +ΔE/ΔS, the transition temperature of the window
/// (docs/theory.md §3 writes −ΔE/ΔS, which contradicts its own T(a→b); see docs/thermodynamics.md).
/// </summary>
public sealed class TemperatureCurve
{
    private TemperatureCurve(IReadOnlyList<TemperaturePoint> points, int window)
    {
        Points = points;
        Window = window;
    }

    /// <summary>The curve over <paramref name="checkpoints"/> (in step order) with a window of
    /// <paramref name="window"/> checkpoints (≥ 1).</summary>
    /// <exception cref="KelvinException">for a window &lt; 1, fewer than window + 1 checkpoints, or steps out of order.</exception>
    public static TemperatureCurve From(IReadOnlyList<Checkpoint> checkpoints, int window = 1, TransitionTolerance? tolerance = null)
    {
        if (window < 1) throw new KelvinException($"the temperature window must be at least 1 checkpoint (got {window})");
        if (checkpoints.Count <= window)
            throw new KelvinException($"a temperature curve with window {window} needs at least {window + 1} checkpoints (got {checkpoints.Count})");
        for (int i = 1; i < checkpoints.Count; i++)
            if (checkpoints[i].Step <= checkpoints[i - 1].Step)
                throw new KelvinException($"checkpoint steps must increase (step {checkpoints[i].Step} follows {checkpoints[i - 1].Step})");
        var points = new List<TemperaturePoint>(checkpoints.Count - window);
        for (int i = window; i < checkpoints.Count; i++)
        {
            var a = checkpoints[i - window];
            var b = checkpoints[i];
            points.Add(new(b.Step, a.Step, Transition.Between(a.State, b.State, tolerance).Temperature));
        }
        return new TemperatureCurve(points, window);
    }

    /// <summary>The points T(t), one per checkpoint from the (w+1)-th on.</summary>
    public IReadOnlyList<TemperaturePoint> Points { get; }

    /// <summary>The window w, in checkpoints.</summary>
    public int Window { get; }

    /// <summary>
    /// The isothermality measure: the coefficient of variation sd(T)/|mean(T)| of the finite T(t)
    /// (sample standard deviation). 0 for a perfectly isothermal transition; null when fewer than two
    /// points are finite or their mean is 0.
    /// </summary>
    public double? CoefficientOfVariation => CoefficientOfVariationOf(Points.Select(p => p.Temperature));

    /// <summary>sd(T)/|mean(T)| of the finite <paramref name="temperatures"/> (sample standard
    /// deviation); null when fewer than two are finite or their mean is 0.</summary>
    public static double? CoefficientOfVariationOf(IEnumerable<Temperature> temperatures)
    {
        var finite = temperatures.Where(t => t.Value.HasValue).Select(t => t.Value!.Value).ToList();
        if (finite.Count < 2) return null;
        double mean = finite.Average();
        if (mean == 0) return null;
        double ss = 0;
        foreach (double t in finite) ss += (t - mean) * (t - mean);
        return Math.Sqrt(ss / (finite.Count - 1)) / Math.Abs(mean);
    }

    /// <summary>The number of points with a finite temperature.</summary>
    public int FiniteCount => Points.Count(p => p.Temperature.IsFinite);
}
