using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;

namespace Kelvin.Tests.Networks;

public class MlpTests
{
    /// <summary>Two interleaved classes: inside or outside a circle of radius 1.2, plus noise features.</summary>
    internal static Dataset Rings(int n, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[n * 2];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double u = 2 * rng.NextGaussian(), v = 2 * rng.NextGaussian();
            while (Math.Abs(Math.Sqrt(u * u + v * v) - 1.7) < 0.15) { u = 2 * rng.NextGaussian(); v = 2 * rng.NextGaussian(); }
            x[2 * i] = (float)u; x[2 * i + 1] = (float)v;
            labels[i] = u * u + v * v < 1.7 * 1.7 ? 1 : 0;
        }
        return Dataset.Classification("rings", x, n, 2, labels, 2);
    }

    private static double Accuracy(Mlp net, Dataset data)
    {
        var p = net.Predict(data);
        int right = 0;
        for (int i = 0; i < data.Count; i++) if ((p[2 * i + 1] > p[2 * i] ? 1 : 0) == data.Labels![i]) right++;
        return (double)right / data.Count;
    }

    [Fact]
    public void LearnsATwoClassProblem()
    {
        var data = Rings(2000, 1);
        var net = Mlp.Initialize(MlpArchitecture.Parse("2-32-32-2", "relu"), [InitializationScheme.Parse("he-normal")], TrainingStreams.Initialization(9, 0));
        double before = Accuracy(net, data);
        var result = Trainer.Train(net, data, new TrainingOptions
        {
            Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Adam(0.01), BatchSize = 32, Epochs = 6, Seed = 9,
        });
        Assert.Equal(6 * 63, result.Steps);
        double after = Accuracy(net, data);
        Assert.True(after > 0.95, $"accuracy {after:P1} after training (before {before:P1})");
    }

    [Fact]
    public void TrainingIsBitIdenticalOnAnyThreadCountAndEnsembleSize()
    {
        var data = Rings(300, 2);
        var arch = MlpArchitecture.Parse("2-40-300-2", "tanh");
        var schemes = new[] { InitializationScheme.Parse("xavier-uniform") };
        var options = new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.05, 0.9), BatchSize = 100, Epochs = 2, Seed = 4 };

        var three = Ensemble.Initialize(arch, schemes, 4, 3);
        Ensemble.Train(three, data, options, parallel: new ParallelOptions { MaxDegreeOfParallelism = 8 });
        var two = Ensemble.Initialize(arch, schemes, 4, 2);
        Ensemble.Train(two, data, options, parallel: new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var single = Mlp.Initialize(arch, schemes, TrainingStreams.Initialization(4, 1));
        single.Parallelism = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        Trainer.Train(single, data, options, member: 1);

        Assert.Equal(three[0].Parameters, two[0].Parameters);
        Assert.Equal(three[1].Parameters, two[1].Parameters);
        Assert.Equal(three[1].Parameters, single.Parameters);
        Assert.NotEqual(three[0].Parameters, three[1].Parameters);
    }

    [Fact]
    public void DivergenceNamesTheStep()
    {
        var data = Rings(200, 3);
        var net = Mlp.Initialize(MlpArchitecture.Parse("2-16-2", "relu"), [InitializationScheme.Parse("normal:30")], new Rng(1));
        var e = Assert.Throws<KelvinException>(() => Trainer.Train(net, data, new TrainingOptions
        {
            Energy = MeanSquaredError.Instance, Optimizer = OptimizerSettings.Sgd(1e4), BatchSize = 10, Epochs = 50,
        }));
        Assert.Contains("diverged at step", e.Message);
    }

    [Fact]
    public void HookSeesStepZeroEveryKthAndTheLast()
    {
        var data = Rings(100, 4);
        var net = Mlp.Initialize(MlpArchitecture.Parse("2-4-2", "relu"), [InitializationScheme.Parse("he-normal")], new Rng(1));
        var steps = new List<long>();
        Trainer.Train(net, data, new TrainingOptions { Energy = CrossEntropy.Instance, BatchSize = 30, Epochs = 2, HookInterval = 3 },
                      hook: p => steps.Add(p.Step));
        Assert.Equal(new long[] { 0, 3, 6, 8 }, steps);
    }

    [Fact]
    public void PreActivationsEndInTheOutputs()
    {
        var data = Rings(300, 5);
        var net = Mlp.Initialize(MlpArchitecture.Parse("2-7-5-2", "gelu"), [InitializationScheme.Parse("he-normal")], new Rng(2));
        var z = net.PreActivations(data);
        Assert.Equal(3, z.Length);
        Assert.Equal(300 * 7, z[0].Length);
        Assert.Equal(net.Predict(data), z[2]);
        // z₁ = W₁x + b₁ by hand for one sample.
        var layer = net.Layers[0];
        double z0 = layer.Biases[0] + layer.Weights[0] * data.Features[2 * 17] + layer.Weights[1] * data.Features[2 * 17 + 1];
        Assert.Equal(z0, z[0][17 * 7], 5);
    }

    [Fact]
    public void LandscapeEvaluatesArbitraryParameters()
    {
        var data = Rings(100, 6);
        var net = Mlp.Initialize(MlpArchitecture.Parse("2-8-2", "relu"), [InitializationScheme.Parse("he-normal")], new Rng(3));
        var landscape = new EnergyLandscape(net.Architecture, data, CrossEntropy.Instance);
        var g1 = new float[net.ParameterCount];
        var g2 = new float[net.ParameterCount];
        Assert.Equal(net.EnergyAndGradient(data, CrossEntropy.Instance, g1), landscape.EnergyAndGradient(net.Parameters, g2));
        Assert.Equal(g1, g2);
        Assert.Equal(net.Energy(data, CrossEntropy.Instance), landscape.Energy(net.Parameters));
    }

    [Fact]
    public void LayerwiseInitializationUsesEachScheme()
    {
        var arch = MlpArchitecture.Parse("100-200-300", "relu");
        var net = Mlp.Initialize(arch, [InitializationScheme.Parse("uniform:0.5"), InitializationScheme.Parse("normal:0.01")], new Rng(8));
        Assert.All(net.Layers[0].Weights.ToArray(), w => Assert.InRange(w, -0.5f, 0.5f));
        Assert.True(net.Layers[0].Weights.ToArray().Max() > 0.45f);
        double sd = Math.Sqrt(net.Layers[1].Weights.ToArray().Select(w => (double)w * w).Average());
        Assert.InRange(sd, 0.0095, 0.0105);
        Assert.All(net.Layers[1].Biases.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void ATrainingStepDoesNotAllocate()
    {
        var data = Rings(64, 7);
        var net = Mlp.Initialize(MlpArchitecture.Parse("2-64-64-2", "tanh"), [InitializationScheme.Parse("he-normal")], new Rng(4));
        net.Parallelism = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        var gradient = new float[net.ParameterCount];
        foreach (IOptimizer optimizer in new IOptimizer[] { new Sgd(0.01, 0.9), new Adam(0.001) })
        {
            // Measured on a dedicated thread (warmed up there: its packing buffers are thread-static): a
            // thread-pool thread may run other tests' queued work while it waits, and their allocations would count.
            long allocated = -1;
            var thread = new Thread(() =>
            {
                // Warm-up past tiered compilation's call-count threshold (30), so no method is promoted mid-measurement.
                for (int i = 0; i < 50; i++) { net.EnergyAndGradient(data, CrossEntropy.Instance, gradient); optimizer.Step(net.Parameters, gradient); }
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++) { net.EnergyAndGradient(data, CrossEntropy.Instance, gradient); optimizer.Step(net.Parameters, gradient); }
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            thread.Start();
            thread.Join();
            Assert.Equal(0, allocated);
        }
    }
}
