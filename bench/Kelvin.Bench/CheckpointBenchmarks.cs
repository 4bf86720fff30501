using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Kelvin.Checkpoints;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Bench;

/// <summary>
/// Per-layer entropies of a 100-million-weight safetensors checkpoint (10 layers of 10⁷ float32
/// weights, 400 MB) written to the temp directory in setup and deleted afterwards. Memory is that of
/// the layers in flight (about 16 bytes per weight of each: the float64 values and their sorted
/// copy), not of the model. Run: `dotnet run -c Release --project bench/Kelvin.Bench -- --filter '*CheckpointFile*'`.
/// scripts/bench-checkpoint.sh measures the same through the CLI with peak memory (max RSS).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private const int Layers = 10, Rows = 10_000, Columns = 1_000;
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "kelvin-bench-100M.safetensors");
        var tensors = Enumerable.Range(0, Layers).Select(l => new WritableTensor($"layer{l}.weight", [Rows, Columns], () =>
        {
            var rng = new Rng(42, (ulong)l);
            var w = new double[Rows * Columns];
            double sigma = Math.Sqrt(2.0 / Columns);
            for (int i = 0; i < w.Length; i++) w[i] = sigma * rng.NextGaussian();
            return w;
        })).ToList();
        SafetensorsWriter.Write(_path, tensors, TensorDType.Float32, new Dictionary<string, string> { ["purpose"] = "kelvin benchmark" });
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public double? LayerEntropies100M()
    {
        using var c = CheckpointFile.Open(_path);
        return CheckpointEntropy.OfLayers(c, ParameterSelection.Default, new VasicekEntropy()).Total;
    }
}
