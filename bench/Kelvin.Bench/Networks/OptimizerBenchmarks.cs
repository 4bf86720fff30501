using BenchmarkDotNet.Attributes;
using Kelvin.Networks.Optimizers;
using Kelvin.Randomness;

namespace Kelvin.Bench.Networks;

/// <summary>One optimizer update of the 784-1024-1024-10 network's 1 863 690 parameters, on one core
/// and on all (ParallelSlices); the bits are the same either way (OptimizerTests).</summary>
public class OptimizerBenchmarks
{
    [Params("sgd", "sgd:0.9", "adam")]
    public string Optimizer { get; set; } = "";

    [Params(1, 0)]
    public int Threads { get; set; }

    private IOptimizer _optimizer = null!;
    private float[] _theta = [], _gradient = [];

    [GlobalSetup]
    public void Setup()
    {
        const int n = 1_863_690;
        var rng = new Rng(7);
        _theta = new float[n];
        _gradient = new float[n];
        for (int i = 0; i < n; i++) { _theta[i] = (float)(0.05 * rng.NextGaussian()); _gradient[i] = (float)(1e-3 * rng.NextGaussian()); }
        _optimizer = OptimizerSettings.Parse(Optimizer, 1e-6).Create(Threads > 0 ? new ParallelOptions { MaxDegreeOfParallelism = Threads } : null);
    }

    [Benchmark]
    public void Step() => _optimizer.Step(_theta, _gradient);
}
