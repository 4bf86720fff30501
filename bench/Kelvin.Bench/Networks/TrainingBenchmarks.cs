using BenchmarkDotNet.Attributes;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;

namespace Kelvin.Bench.Networks;

/// <summary>One training epoch on synthetic data (samples/s = samples ÷ mean time).</summary>
public class TrainingBenchmarks
{
    [Params("64-128-128-10/32/8192", "784-1024-1024-10/128/2048")]
    public string Setting { get; set; } = "";

    private Mlp _net = null!;
    private Dataset _data = null!;
    private TrainingOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parts = Setting.Split('/');
        var arch = MlpArchitecture.Parse(parts[0], "relu");
        _data = NetworkQuickBench.Synthetic(arch, int.Parse(parts[2]));
        _net = Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(1));
        _options = new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.01, 0.9), BatchSize = int.Parse(parts[1]) };
    }

    [Benchmark]
    public TrainingResult Epoch() => Trainer.Train(_net, _data, _options);
}
