using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Networks.Kernels;
using Kelvin.Randomness;
using Xunit;

namespace Kelvin.Tests.Networks;

public class ChunkParallelEvaluationTests
{
    /// <summary>The chunk-per-worker evaluation of a small network (several chunks at once, serial
    /// products, results merged in chunk order) gives the energy and the gradient of one chunk after
    /// another bit for bit: a partial last chunk, two waves of chunks, every energy form, two hidden
    /// activations, 2, 3 and 8 workers.</summary>
    [Theory]
    [InlineData(1000, 2, "ce")]
    [InlineData(9 * Mlp.ChunkSize + 1, 3, "mse")]
    [InlineData(3 * Mlp.ChunkSize, 8, "mae")]
    public void ChunksOnSeveralWorkersGiveTheSerialBits(int n, int workers, string energy)
    {
        var rng = new Rng(17);
        var architecture = new MlpArchitecture([5, 24, 16, 3], [ActivationCatalog.Parse("tanh"), ActivationCatalog.Parse("relu")]);
        var x = new float[n * 5];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextGaussian();
        var labels = Enumerable.Range(0, n).Select(_ => rng.NextInt(3)).ToArray();
        var data = energy == "ce"
            ? Dataset.Classification("random", x, n, 5, labels, 3)
            : new Dataset("random", TaskKind.Regression, x, n, 5, Enumerable.Range(0, n * 3).Select(_ => (float)rng.NextGaussian()).ToArray(), 3);
        var form = EnergyForms.Parse(energy);
        var serial = Mlp.Initialize(architecture, InitializationScheme.Normal(0.4), new Rng(3));
        serial.Parallelism = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        var chunked = serial.Clone();
        chunked.Parallelism = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Assert.True(chunked.ParameterCount <= Mlp.ChunkParallelMaxParameters);
        Assert.True(Mlp.ChunkSize <= Gemm.KBlock); // a chunk's ∂W is one depth block: the identity the merge relies on

        var g1 = new float[serial.ParameterCount];
        var g2 = Enumerable.Repeat(float.NaN, serial.ParameterCount).ToArray(); // every entry must be written
        double e1 = serial.EnergyAndGradient(data, form, g1), e2 = chunked.EnergyAndGradient(data, form, g2);
        Assert.Equal(BitConverter.DoubleToInt64Bits(e1), BitConverter.DoubleToInt64Bits(e2));
        Assert.Equal(g1.Select(BitConverter.SingleToInt32Bits), g2.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(serial.Energy(data, form)), BitConverter.DoubleToInt64Bits(chunked.Energy(data, form)));
        // Again on the same instance (reused workspaces and slots), after a change of θ.
        for (int j = 0; j < serial.ParameterCount; j += 7) { serial.Parameters[j] *= 1.5f; chunked.Parameters[j] *= 1.5f; }
        e1 = serial.EnergyAndGradient(data, form, g1); e2 = chunked.EnergyAndGradient(data, form, g2);
        Assert.Equal(BitConverter.DoubleToInt64Bits(e1), BitConverter.DoubleToInt64Bits(e2));
        Assert.Equal(g1.Select(BitConverter.SingleToInt32Bits), g2.Select(BitConverter.SingleToInt32Bits));
    }
}
