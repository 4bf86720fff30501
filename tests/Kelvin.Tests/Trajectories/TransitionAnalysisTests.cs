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

public class TransitionUncertaintyTests
{
    private const int PerLayer = 300;
    private static readonly LayerSlice[] Layers = [new("dense1", 0, PerLayer), new("dense2", PerLayer, PerLayer)];

    /// <summary>K members, each θ_k(t) = x_k·(1 − 0.05t) + small per-step jitter, on U = ½|θ|²; 11 checkpoints.</summary>
    private static RecordedTraining Shrinking(int members)
    {
        var recorders = new List<TrajectoryRecorder>();
        for (int k = 0; k < members; k++)
        {
            var rng = new Rng(100 + (ulong)k);
            var x = Enumerable.Range(0, 2 * PerLayer).Select(_ => rng.NextGaussian()).ToArray();
            var recorder = new TrajectoryRecorder(QuadraticPotential.Isotropic(new double[2 * PerLayer], Layers));
            for (int t = 0; t <= 10; t++) recorder.Record(t, x.Select(v => v * (1 - 0.05 * t) + 0.01 * rng.NextGaussian()).ToArray());
            recorders.Add(recorder);
        }
        return new RecordedTraining(recorders);
    }

    [Fact]
    public void MembersGiveAJackknifeStandardErrorOnEveryTemperature()
    {
        var a = TransitionAnalysis.Of(Shrinking(4), new TransitionSettings(LateIterates: 4));
        Assert.Equal(UncertaintyMethod.Members, a.GlobalEstimate.Method);
        Assert.Equal(4, a.GlobalEstimate.Replicates);
        Assert.Equal(EntropyView.Particle, a.GlobalEstimate.View);
        Assert.True(a.GlobalEstimate.StandardError > 0);
        Assert.True(a.GlobalEstimate.SignResolved);
        Assert.Equal(a.Global.Temperature, a.GlobalEstimate.Temperature);
        Assert.All(a.Layers, l => Assert.True(l.Estimate!.StandardError > 0));
        Assert.All(a.Curve.Skip(1), p => Assert.NotNull(p.Estimate));
        Assert.All(a.LayerCurves, c => Assert.All(c.Skip(1), t => Assert.Equal(UncertaintyMethod.Members, t!.Method)));
        Assert.Equal(new LateWindow(7, 10, 1, 4), a.Window);
    }

    [Fact]
    public void OneRunGetsALabelledBootstrapThatIsReproducible()
    {
        var settings = new TransitionSettings(LateIterates: 4, BootstrapReplicates: 50, Seed: 9);
        var a = TransitionAnalysis.Of(Shrinking(1), settings);
        Assert.Equal(UncertaintyMethod.Bootstrap, a.GlobalEstimate.Method);
        Assert.Equal(50, a.GlobalEstimate.Replicates);
        Assert.True(a.GlobalEstimate.StandardError > 0);
        Assert.Equal(a.GlobalEstimate, TransitionAnalysis.Of(Shrinking(1), settings).GlobalEstimate);
        Assert.NotEqual(a.GlobalEstimate.StandardError, TransitionAnalysis.Of(Shrinking(1), settings with { Seed = 10 }).GlobalEstimate.StandardError);
    }

    [Fact]
    public void TheEnsembleViewLeavesOneMemberOutAndNeedsFourMembers()
    {
        var a = TransitionAnalysis.Of(Shrinking(5), new TransitionSettings(LateIterates: 4, View: EntropyView.Ensemble));
        Assert.Equal(EntropyView.Ensemble, a.View);
        Assert.Equal(UncertaintyMethod.Members, a.GlobalEstimate.Method);
        // every weight shrinks by 1 − 0.05t across members too: ΔS_l ≈ n_l·ln(0.55..0.65) over the late mean
        Assert.All(a.Layers, l => Assert.InRange(l.EntropyChange!.Value / PerLayer, Math.Log(0.5), Math.Log(0.7)));
        Assert.Throws<KelvinException>(() => TransitionAnalysis.Of(Shrinking(3), new TransitionSettings(View: EntropyView.Ensemble)));
    }

    [Fact]
    public void TheThermalViewReadsEachRunsLateCloudAndTheCurveInTheParticleView()
    {
        var a = TransitionAnalysis.Of(Shrinking(2), new TransitionSettings(LateIterates: 4, View: EntropyView.Thermal));
        Assert.Equal(EntropyView.Thermal, a.GlobalEstimate.View);
        Assert.Equal(EntropyView.Particle, a.CurveView);
        // the late cloud (drift 0.05 per step plus jitter 0.01) is far narrower than the N(0, 1) init: ΔS ≪ 0
        Assert.True(a.Global.EntropyChange < -PerLayer);
        Assert.Equal(Regime.Normal, a.Global.Temperature.Regime);
        Assert.Throws<KelvinException>(() => TransitionAnalysis.Of(Shrinking(2), new TransitionSettings(LateIterates: 3, View: EntropyView.Thermal)));
    }
}
