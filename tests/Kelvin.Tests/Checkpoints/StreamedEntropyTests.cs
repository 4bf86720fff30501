using System.Text;
using Kelvin.Checkpoints;
using Kelvin.Entropy;
using Kelvin.Randomness;

namespace Kelvin.Tests.Checkpoints;

/// <summary>The counting-sort path for large 16-bit tensors gives the number of the whole-tensor path.</summary>
public class StreamedEntropyTests
{
    /// <summary>A safetensors file with one [rows, 100] tensor of Gaussian values (σ = <paramref name="scale"/>)
    /// rounded to <paramref name="dtype"/>, with some exact zeros of both signs.</summary>
    private static MemoryStream SixteenBitFile(string dtype, double scale, int rows, ulong seed)
    {
        int n = rows * 100;
        var rng = new Rng(seed);
        var data = new byte[2 * n];
        for (int i = 0; i < n; i++)
        {
            double x = i % 97 == 0 ? (i % 2 == 0 ? 0.0 : -0.0) : scale * rng.NextGaussian();
            ushort bits = dtype == "BF16" ? (ushort)(BitConverter.SingleToUInt32Bits((float)x) >> 16) : BitConverter.HalfToUInt16Bits((Half)x);
            data[2 * i] = (byte)bits; data[2 * i + 1] = (byte)(bits >> 8);
        }
        var header = Encoding.UTF8.GetBytes($"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":[{rows},100],\"data_offsets\":[0,{2 * n}]}}}}");
        var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes((ulong)header.Length));
        stream.Write(header);
        stream.Write(data);
        stream.Position = 0;
        return stream;
    }

    [Theory]
    [InlineData("BF16", 0.02, 300, "vasicek")]
    [InlineData("BF16", 1.0, 500, "ebrahimi")]
    [InlineData("F16", 0.5, 400, "vasicek")]
    [InlineData("F16", 0.001, 200, "ebrahimi")]
    public void StreamedIsBitIdenticalToTheWholeTensor(string dtype, double scale, int rows, string estimatorName)
    {
        using var file = new SafetensorsCheckpoint(SixteenBitFile(dtype, scale, rows, (ulong)rows), ownsStream: true);
        var tensor = file.Tensors[0];
        var estimator = EntropyEstimators.Parse(estimatorName);
        var whole = CheckpointEntropy.Of(tensor, file.ReadValues(tensor), estimator);
        var streamed = CheckpointEntropy.Streamed(file, tensor, SpacingEntropy.WeightOf(estimator)!, estimator.Name, new object());
        Assert.True(whole.TieFraction > 0.1, $"the sample should have many ties ({whole.TieFraction})");
        Assert.Equal(whole.Entropy, streamed.Entropy);
        Assert.Equal(whole.TieFraction, streamed.TieFraction);
        Assert.Equal(whole.ParameterCount, streamed.ParameterCount);
    }

    [Fact]
    public void ANonFiniteWeightIsNamedByItsIndex()
    {
        var stream = SixteenBitFile("BF16", 1, 10, 3);
        stream.Position = stream.Length - 2000 + 2 * 507;
        stream.Write([0xC0, 0x7F]);                          // bf16 NaN
        stream.Position = 0;
        using var file = new SafetensorsCheckpoint(stream, ownsStream: true);
        var e = Assert.Throws<KelvinException>(() => CheckpointEntropy.Streamed(file, file.Tensors[0], VasicekEntropy.Weight, "vasicek", new object()));
        Assert.Contains("weight 507", e.Message);
    }
}
