using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

public class ThermometerTests
{
    /// <summary>One full-batch gradient descent run of a hand-written network, recorded every
    /// <paramref name="every"/> steps by Kelvin's recorder (Simpson allocation on the network as a
    /// potential) and by two thermometers (recorded gradients; forward passes of a loss function).</summary>
    private static (TransitionAnalysis Kelvin, ThermometerResult Gradient, ThermometerResult Forward) Run(int every)
    {
        var net = TinyTanhNetwork.Toy(samples: 128, hidden: 8, seed: 3);
        var theta = net.Initialize(seed: 4);
        var recorder = new TrajectoryRecorder(net);
        var byGradient = new Thermometer(EntropyView.Particle);
        var byForward = new Thermometer(EntropyView.Particle, loss: p => net.Loss(Flatten(p)));
        var g = new double[theta.Length];
        for (int step = 0; step <= 300; step++)
        {
            double u = net.Evaluate(theta, g);
            if (step % every == 0)
            {
                recorder.Record(step, theta);
                byGradient.Record(step, u, Readings(net, theta, g));
                byForward.Record(step, u, Readings(net, theta, null));
            }
            for (int j = 0; j < theta.Length; j++) theta[j] -= 0.2 * g[j];
        }
        return (TransitionAnalysis.Of(new RecordedTraining([recorder])), byGradient.Result, byForward.Result);
    }

    private static IEnumerable<LayerReading> Readings(TinyTanhNetwork net, double[] theta, double[]? gradient) =>
        net.Layers.Select(s =>
        {
            var p = theta.AsSpan(s.Offset, s.Length);
            var g = gradient is null ? default : gradient.AsSpan(s.Offset, s.Length);
            return LayerReading.Of(s.Name, p[..s.WeightCount], g.IsEmpty ? default : g[..s.WeightCount],
                p[s.WeightCount..], g.IsEmpty ? default : g[s.WeightCount..]);
        });

    private static double[] Flatten(IReadOnlyList<LayerParameters> layers) =>
        layers.SelectMany(l => l.Weights.ToArray().Concat(l.Biases.ToArray())).ToArray();

    [Fact]
    public void A_hand_written_loop_measures_what_Kelvins_recorder_measures()
    {
        var (kelvin, gradient, forward) = Run(every: 1);
        foreach (var result in new[] { gradient, forward })
        {
            Assert.Equal(kelvin.Global.Temperature.Regime, result.Global.Temperature.Regime);
            Assert.Equal(kelvin.Global.Temperature.Value!.Value, result.Global.Temperature.Value!.Value, 12);
            Assert.Equal(kelvin.Global.EntropyChange!.Value, result.Global.EntropyChange.Value, 10);
            Assert.Equal(kelvin.Global.EnergyChange, result.Global.EnergyChange.Value, 12);
            Assert.Equal(kelvin.Curve.Count, result.Curve.Count);
            Assert.Equal(kelvin.Isothermality, result.Isothermality);
            double dE = Math.Abs(kelvin.Global.EnergyChange);
            for (int l = 0; l < 2; l++)
            {
                var k = kelvin.Layers[l];
                var t = result.Layers[l];
                Assert.Equal(k.Name, t.Name);
                Assert.Equal(k.EntropyChange!.Value, t.EntropyChange!.Value, 10);
                Assert.InRange(Math.Abs(t.EnergyChange!.Value - k.EnergyChange), 0, 1e-3 * dE);
                Assert.Equal(k.Temperature.Regime, t.Temperature!.Temperature.Regime);
                Assert.InRange(Math.Abs(t.Temperature.Temperature.Value!.Value / k.Temperature.Value!.Value - 1), 0, 1e-2);
            }
            Assert.True(result.AllocationResidual < 1e-2);
        }
        Assert.Equal(LossAllocationMode.Gradient, gradient.Allocation);
        Assert.Equal(LossAllocationMode.Forward, forward.Allocation);
    }

    [Fact]
    public void Every_temperature_carries_a_half_sample_standard_error()
    {
        var (_, result, _) = Run(every: 10);
        Assert.Equal(31, result.Records);
        Assert.Equal(UncertaintyMethod.Bootstrap, result.Global.Method);
        Assert.Equal(ThermometerSettings.Default.Replicates, result.Global.Replicates);
        Assert.True(result.Global.StandardError > 0);
        Assert.True(result.Global.EntropyChange.StdErr > 0);
        Assert.Equal(0, result.Global.EnergyChange.StdErr, 12);
        foreach (var layer in result.Layers)
        {
            Assert.NotNull(layer.Temperature);
            Assert.True(layer.Temperature!.StandardError > 0, layer.Name);
            Assert.Equal(layer.EntropyChange!.Value, layer.Temperature.EntropyChange.Value, 12);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_standard_errors()
    {
        var a = Run(every: 20).Gradient;
        var b = Run(every: 20).Gradient;
        Assert.Equal(a.Global.StandardError, b.Global.StandardError);
        Assert.Equal(a.Layers[0].Temperature!.StandardError, b.Layers[0].Temperature!.StandardError);
    }

    [Fact]
    public void Layers_by_name_in_float32_or_float64_without_gradients_give_the_global_temperature_and_every_layer_entropy()
    {
        var rng = new Random(5);
        var singles = new Thermometer();
        var doubles = new Thermometer();
        float[] w = Enumerable.Range(0, 200).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        for (int step = 0; step < 6; step++)
        {
            for (int j = 0; j < w.Length; j++) w[j] *= 1.1f; // the weights spread: ΔS = 200·ln 1.1 per step
            double loss = 1.0 / (step + 1);
            singles.Record(step, loss, new Dictionary<string, float[]> { ["a"] = w, ["b"] = w.Select(v => -v).ToArray() });
            doubles.Record(step, loss, new Dictionary<string, double[]> { ["a"] = w.Select(v => (double)v).ToArray(), ["b"] = w.Select(v => -(double)v).ToArray() });
        }
        var s = singles.Result;
        var d = doubles.Result;
        Assert.Equal(LossAllocationMode.None, s.Allocation);
        Assert.Null(s.AllocationResidual);
        Assert.All(s.Layers, l => { Assert.Null(l.Temperature); Assert.Null(l.EnergyChange); Assert.True(l.Heated); });
        Assert.Equal(s.Global.Temperature, d.Global.Temperature);
        // Late state = mean of records 1..5, S grows by 200·ln 1.1 per record and layer.
        double expected = 2 * 200 * Math.Log(1.1) * 3;
        Assert.Equal(expected, s.Global.EntropyChange.Value, 1);
        Assert.Equal(Regime.Negative, s.Global.Temperature.Regime);
    }

    [Fact]
    public void Bad_records_are_one_line_errors_that_speak_of_parameters()
    {
        var t = new Thermometer();
        var layer = LayerReading.Of("w", [1.0, 2.0, 3.0]);
        Assert.Throws<KelvinException>(() => t.Record(0, double.NaN, [layer]));
        t.Record(0, 1, [layer]);
        Assert.Throws<KelvinException>(() => t.Result); // one record is no transition
        Assert.Throws<KelvinException>(() => t.Record(0, 1, [layer]));
        Assert.Throws<KelvinException>(() => t.Record(1, 1, [LayerReading.Of("w", [1.0, 2.0])]));
        Assert.Throws<KelvinException>(() => t.Record(1, 1, [LayerReading.Of("v", [1.0, 2.0, 3.0])]));
        Assert.Throws<KelvinException>(() => t.Record(1, 1, [LayerReading.Of("w", [1.0, 2.0, 3.0], gradient: [0.1, 0.2, 0.3])]));
        Assert.Throws<KelvinException>(() => LayerReading.Of("w", [1.0, double.PositiveInfinity]));
        Assert.Throws<KelvinException>(() => LayerReading.Of("w", [1.0, 2.0], gradient: [1.0]));
        Assert.Throws<KelvinException>(() => new Thermometer().Record(0, 1, [layer, layer]));
        Assert.Throws<KelvinException>(() => new Thermometer(EntropyView.Ensemble));
        Assert.Throws<KelvinException>(() => new Thermometer(EntropyView.Thermal));
        var e = Assert.Throws<KelvinException>(() => new Thermometer(settings: new ThermometerSettings(Replicates: 1)));
        Assert.DoesNotContain("--", e.Message);
    }

    [Fact]
    public void A_non_finite_loss_from_the_loss_function_stops_with_the_reason()
    {
        var t = new Thermometer(loss: _ => double.NaN);
        Assert.Throws<KelvinException>(() => t.Record(0, 1, [LayerReading.Of("w", [1.0, 2.0, 3.0])]));
    }
}

public class ThermometerStandardErrorTests
{
    /// <summary>The half-sample SE of ΔS is calibrated: across independent runs (fresh weights each), the
    /// spread of the measured ΔS matches the SE each run reports.</summary>
    [Fact]
    public void The_reported_entropy_standard_error_matches_the_spread_across_independent_runs()
    {
        const int runs = 60, n = 1000;
        var changes = new double[runs];
        var errors = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            var rng = new Kelvin.Randomness.Rng(100, (ulong)r);
            var w0 = new double[n];
            var w1 = new double[n];
            for (int j = 0; j < n; j++)
            {
                w0[j] = rng.NextGaussian();
                w1[j] = 1.5 * w0[j] + 0.5 * rng.NextGaussian();
            }
            var t = new Thermometer(settings: new ThermometerSettings(LateIterates: 1, Seed: (ulong)r));
            t.Record(0, 1.0, [LayerReading.Of("w", w0)]);
            t.Record(1, 0.5, [LayerReading.Of("w", w1)]);
            var g = t.Result.Global;
            changes[r] = g.EntropyChange.Value;
            errors[r] = g.EntropyChange.StdErr;
        }
        double spread = Kelvin.Estimate.MeanOf(changes).StdErr * Math.Sqrt(runs);
        double reported = errors.Average();
        // Exact ΔS = n·½ ln(1.5² + 0.5²) = 1000 · 0.4581; the SD of an SD estimate from 60 runs is ~9%.
        Assert.Equal(n * 0.5 * Math.Log(2.5), changes.Average(), 3 * spread / Math.Sqrt(runs) + 2);
        Assert.InRange(reported / spread, 0.7, 1.4);
    }
}
