using CsCheck;
using Kelvin.Checkpoints;
using Kelvin.Entropy;

namespace Kelvin.Tests.Checkpoints;

/// <summary>Mutated fixtures (bit flips, truncation, inserted bytes, header edits) may fail only
/// with a <see cref="KelvinException"/>: never another exception, a hang or a huge allocation.</summary>
public class FuzzTests
{
    private static readonly string[] Files =
    [
        "mlp-trained.safetensors", "mlp-trained-f16.safetensors", "mlp-trained-bf16.safetensors",
        "mlp-init.npz", "mlp-trained.npz", "mlp-trained.onnx", "fc2-weight-v3.npy", "fc2-weight-fortran.npy",
        "../torch/tied.pt", "../torch/cnn-trained-nested.pt",
    ];

    /// <summary>12 000 mutated files by default; KELVIN_FUZZ_ITER raises it for a longer local campaign.</summary>
    private static readonly long FuzzIterations =
        long.TryParse(Environment.GetEnvironmentVariable("KELVIN_FUZZ_ITER"), out long n) && n > 0 ? n : 12_000;

    /// <summary>The fixtures, then a Kelvin network with its metadata (written here, see <see cref="NetworkCheckpoint"/>).</summary>
    private static readonly byte[][] Originals = [.. Files.Select(CheckpointFixtures.Bytes), KelvinNetwork()];

    private static readonly string[] Names = [.. Files, "kelvin-net.safetensors"];

    private static byte[] KelvinNetwork()
    {
        var net = Kelvin.Networks.Mlp.Initialize(Kelvin.Networks.MlpArchitecture.Parse("4-6-3", "relu"),
            [Kelvin.Distributions.InitializationScheme.Parse("he-normal")], new Kelvin.Randomness.Rng(1, 0));
        using var bytes = new MemoryStream();
        NetworkCheckpoint.Save(bytes, net, new NetworkProvenance("ce", "iris", Energy: 1.25));
        return bytes.ToArray();
    }

    /// <summary>Characters that make header edits interesting: digits, JSON and dict punctuation, extremes.</summary>
    private static readonly byte[] HeaderBytes = "0123456789-[]{}\",:'()TF "u8.ToArray().Concat(new byte[] { 0x00, 0x7F, 0x80, 0xFF }).ToArray();

    private static byte[] Mutate(byte[] original, int kind, int position, int count, byte value)
    {
        var b = original.ToList();
        int at = position % b.Count;
        switch (kind)
        {
            case 0: // flip 1..8 bits, spread from the position
                for (int i = 0; i <= count % 8; i++) b[(at + 37 * i) % b.Count] ^= (byte)(1 << ((value + i) % 8));
                break;
            case 1: // truncate
                b.RemoveRange(at, b.Count - at);
                break;
            case 2: // insert 1..16 bytes
                b.InsertRange(at, Enumerable.Repeat(value, 1 + count % 16));
                break;
            case 3: // header edit: overwrite 1..4 bytes among the first 256 with header characters
                for (int i = 0; i <= count % 4; i++) b[(position + 7 * i) % Math.Min(256, b.Count)] = HeaderBytes[(value + i) % HeaderBytes.Length];
                break;
            default: // overwrite 8 bytes with an extreme little-endian integer (a length, an offset, a size)
                var extreme = BitConverter.GetBytes((count % 3) switch { 0 => long.MaxValue, 1 => (long)uint.MaxValue + value, _ => -1L - value });
                for (int i = 0; i < 8 && at + i < b.Count; i++) b[at + i] = extreme[i];
                break;
        }
        return [.. b];
    }

    private static void Exercise(byte[] bytes, string name)
    {
        try
        {
            using var c = CheckpointFile.Open(new MemoryStream(bytes, writable: false), name);
            foreach (var t in c.Tensors) c.ReadValues(t);
            CheckpointEntropy.OfLayers(c, ParameterSelection.Default, new VasicekEntropy(), maxParallelism: 1);
            NetworkCheckpoint.Read(c);
        }
        catch (KelvinException)
        {
            // the one allowed failure
        }
    }

    [Fact]
    public void Mutated_checkpoints_fail_only_with_KelvinException()
    {
        var gen = Gen.Select(Gen.Int[0, Names.Length - 1], Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 1000], Gen.Byte);
        gen.Sample((file, kind, position, count, value) =>
            Exercise(Mutate(Originals[file], kind, position, count, value), Names[file]), iter: FuzzIterations, threads: 1);
    }
}
