using BenchmarkDotNet.Attributes;
using Kelvin.Networks.Kernels;
using Kelvin.Randomness;

namespace Kelvin.Bench.Networks;

/// <summary>sgemm C = A·B, Kelvin against OpenBLAS (when libopenblas.so.0 is installed).</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    [Params("256x128x784", "1024x1024x1024")]
    public string Shape { get; set; } = "";

    private float[] _a = [], _b = [], _c = [];
    private int _m, _n, _k;

    [GlobalSetup]
    public void Setup()
    {
        var s = Shape.Split('x').Select(int.Parse).ToArray();
        (_m, _n, _k) = (s[0], s[1], s[2]);
        var rng = new Rng(1);
        _a = Enumerable.Range(0, _m * _k).Select(_ => (float)rng.NextGaussian()).ToArray();
        _b = Enumerable.Range(0, _k * _n).Select(_ => (float)rng.NextGaussian()).ToArray();
        _c = new float[_m * _n];
    }

    [Benchmark(Baseline = true)]
    public void Kelvin() => Gemm.Multiply(_a, false, _b, false, _c, _m, _n, _k);

    [Benchmark]
    public void OpenBLAS()
    {
        if (!OpenBlas.IsAvailable) throw new InvalidOperationException("libopenblas.so.0 is absent: run bench/install-peers.sh");
        OpenBlas.Multiply(_a, false, _b, false, _c, _m, _n, _k);
    }
}
