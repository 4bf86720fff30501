using Kelvin.Randomness;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

public class TransitionAnalysisTests
{
    private const int PerLayer = 400;
    private static readonly LayerSlice[] Layers = [new("dense1", 0, PerLayer), new("dense2", PerLayer, PerLayer)];

    private static double[] Initial()
    {
        var rng = new Rng(11);
        return Enumerable.Range(0, 2 * PerLayer).Select(_ => rng.NextGaussian()).ToArray();
    }

    /// <summary>Records θ(t) = path(t) for t = 0..10 on U = ½|θ − θ*|².</summary>
    private static TransitionAnalysis Run(double[] minimum, Func<int, double[]> path)
    {
        var recorder = new TrajectoryRecorder(QuadraticPotential.Isotropic(minimum, Layers));
        for (int t = 0; t <= 10; t++) recorder.Record(t, path(t));
        return TransitionAnalysis.Of(new RecordedTraining([recorder]), new TransitionSettings(LateIterates: 1));
    }

    [Fact]
    public void CondensationIsANormalPositiveTemperature()
    {
        var x0 = Initial();
        // weights shrink towards the minimum at 0: energy and entropy both fall
        var a = Run(new double[x0.Length], t => x0.Select(x => x * (1 - 0.05 * t)).ToArray());
        Assert.Equal(Regime.Normal, a.Global.Temperature.Regime);
        Assert.True(a.Global.Temperature.Value > 0);
        Assert.All(a.Layers, l => { Assert.Equal(Regime.Normal, l.Temperature.Regime); Assert.False(l.Heated); });
        // ΔS_l = n_l ln(0.5) exactly for a scale change (the estimator is scale-equivariant)
        Assert.All(a.Layers, l => Assert.Equal(PerLayer * Math.Log(0.5), l.EntropyChange!.Value, 1e-6));
        Assert.True(a.AllocationResidual < 1e-10);
        Assert.Equal(a.Global.EnergyChange, a.Layers.Sum(l => l.EnergyChange), 1e-9);
    }

    [Fact]
    public void SpreadingWhileReleasingEnergyIsANegativeTemperature()
    {
        var x0 = Initial();
        var a = Run(x0.Select(x => 3 * x).ToArray(), t => x0.Select(x => x * (1 + 0.2 * t)).ToArray());
        Assert.Equal(Regime.Negative, a.Global.Temperature.Regime);
        Assert.True(a.Global.EnergyChange < 0);
        Assert.All(a.Layers, l => Assert.True(l.Heated));
    }

    [Fact]
    public void PureTranslationIsIsentropicAllWork()
    {
        var x0 = Initial();
        // a concept-shift-like refresh: every weight moves by the same amount; the distribution's shape stays
        var a = Run(x0.Select(x => x + 0.25).ToArray(), t => x0.Select(x => x + 0.025 * t).ToArray());
        Assert.Equal(Regime.Isentropic, a.Global.Temperature.Regime);
        Assert.Null(a.Global.Temperature.Value);
        Assert.True(a.Global.EnergyChange < 0);
    }

    [Fact]
    public void CurveHasOnePointPerCheckpointAndIsothermalityIsTheCoefficientOfVariation()
    {
        var x0 = Initial();
        var a = Run(new double[x0.Length], t => x0.Select(x => x * (1 - 0.05 * t)).ToArray());
        Assert.Equal(11, a.Curve.Count);
        Assert.Null(a.Curve[0].Temperature);
        var ts = a.Curve.Skip(1).Select(p => p.Temperature!.Value.Value!.Value).ToArray();
        double mean = ts.Average(), sd = Math.Sqrt(ts.Sum(t => (t - mean) * (t - mean)) / (ts.Length - 1));
        Assert.Equal(sd / mean, a.Isothermality!.Value, 1e-12);
    }
}
