using Kelvin.Thermodynamics;

namespace Kelvin.Tests.Thermodynamics;

public class RegimeAndCurveTests
{
    [Fact]
    public void EveryRegimeIsReachedByAConstructedTransition()
    {
        // Condensation: energy released, entropy falls → T > 0.
        var condensing = Transition.Between(10, 5, 2, 1).Temperature;
        Assert.Equal(Regime.Normal, condensing.Regime);
        Assert.Equal(2.0, condensing.Value!.Value, 15);
        // Energy released while entropy rises → T < 0.
        var spreading = Transition.Between(10, 5, 2, 9).Temperature;
        Assert.Equal(Regime.Negative, spreading.Regime);
        Assert.Equal(-2.0, spreading.Value!.Value, 15);
        // Pure work.
        Assert.Equal(Regime.Isentropic, Transition.Between(10, 5, 2, 5).Temperature.Regime);
        // Nothing happened.
        Assert.Equal(Regime.NoTransition, Transition.Between(10, 5, 10, 5).Temperature.Regime);
        // Into a point state.
        var point = Transition.Between(ThermodynamicState.Of(10, 5), ThermodynamicState.Point(2));
        Assert.Equal(Regime.PointState, point.Temperature.Regime);
        Assert.Null(point.Temperature.Value);
        Assert.Null(point.EntropyChange);
        Assert.Equal(["normal", "negative", "isentropic", "point-state", "no-transition"], Enum.GetValues<Regime>().Select(r => r.Name()));
    }

    [Fact]
    public void ACurveWithConstantTemperatureIsIsothermal()
    {
        // E = T·S + c along the run, with S falling: T(t) = T at every point, whatever the window.
        const double t = 0.75;
        var run = Enumerable.Range(0, 12).Select(i => { double s = 100 - 3.0 * i * i; return new Checkpoint(i * 10, t * s + 4, s); }).ToList();
        foreach (int window in new[] { 1, 3 })
        {
            var curve = TemperatureCurve.From(run, window);
            Assert.Equal(12 - window, curve.Points.Count);
            Assert.All(curve.Points, p => Assert.Equal(t, p.Temperature.Value!.Value, 12));
            Assert.All(curve.Points, p => Assert.Equal(Regime.Normal, p.Temperature.Regime));
            Assert.Equal(0, curve.CoefficientOfVariation!.Value, 10);
            // The windowed T is the transition T of the same window.
            var last = curve.Points[^1];
            Assert.Equal(Transition.Between(run[^(window + 1)].State, run[^1].State).Temperature, last.Temperature);
            Assert.Equal(run[^(window + 1)].Step, last.WindowStartStep);
        }
    }

    [Fact]
    public void CurveCarriesDegenerateRegimesAndMeasuresTheSpread()
    {
        var run = new List<Checkpoint>
        {
            new(0, 10, 50), new(1, 8, 49), new(2, 6, 49), new(3, 5, 47), new(4, 4, null),
        };
        var curve = TemperatureCurve.From(run);
        Assert.Equal([Regime.Normal, Regime.Isentropic, Regime.Normal, Regime.PointState], curve.Points.Select(p => p.Temperature.Regime));
        Assert.Equal(2, curve.FiniteCount);
        // T = 2 and 0.5: CV = sd/mean = 1.0607/1.25.
        Assert.Equal(Math.Sqrt(1.125) / 1.25, curve.CoefficientOfVariation!.Value, 12);
        Assert.Throws<KelvinException>(() => TemperatureCurve.From(run, 0));
        Assert.Throws<KelvinException>(() => TemperatureCurve.From(run, 5));
        Assert.Throws<KelvinException>(() => TemperatureCurve.From([new(1, 1, 1), new(1, 2, 2)]));
    }
}
