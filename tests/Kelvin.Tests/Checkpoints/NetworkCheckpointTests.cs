using Kelvin.Checkpoints;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Entropy;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Checkpoints;

/// <summary>Kelvin networks saved as safetensors: exact round trip, and the per-layer temperatures
/// that `compare` derives from their metadata by the straight-path allocation.</summary>
public class NetworkCheckpointTests
{
    private static readonly NetworkProvenance Iris = new("ce", "iris", Seed: 3);

    /// <summary>An iris network at initialization and after a few epochs of SGD, with their
    /// evaluation energies recorded as `kelvin train` records them.</summary>
    private static (Mlp Init, Mlp Trained, Dataset Evaluation) InitAndTrained()
    {
        var evaluation = Iris.EvaluationSet();
        var init = Mlp.Initialize(MlpArchitecture.Parse("4-12-8-3", "tanh/relu"), [InitializationScheme.Parse("he-normal")], new Rng(3, 0));
        var trained = init.Clone();
        Ensemble.Train([trained], evaluation, new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.05), BatchSize = 16, Epochs = 15, Seed = 3 });
        return (init, trained, evaluation);
    }

    private static string Save(Mlp network, NetworkProvenance provenance)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kelvin-net-{Guid.NewGuid():N}.safetensors");
        NetworkCheckpoint.Save(path, network, provenance);
        return path;
    }

    [Fact]
    public void A_saved_network_reopens_with_identical_weights_and_predictions()
    {
        var (_, net, evaluation) = InitAndTrained();
        var provenance = Iris with { Energy = net.Energy(evaluation, CrossEntropy.Instance) };
        string path = Save(net, provenance);
        try
        {
            var back = NetworkCheckpoint.Load(path);
            Assert.Equal(net.Architecture.ToString(), back.Network.Architecture.ToString());
            Assert.Equal(["tanh", "relu", "identity"], back.Network.Architecture.Activations.Select(a => a.Name));
            Assert.Equal(provenance, back.Provenance);
            Assert.Equal(net.Parameters.Select(BitConverter.SingleToInt32Bits), back.Network.Parameters.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(net.Predict(evaluation), back.Network.Predict(evaluation));

            using var file = CheckpointFile.Open(path);
            Assert.Equal(["dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias", "dense3.weight", "dense3.bias"], file.Tensors.Select(t => t.Name));
            Assert.Equal([12L, 4], file.Find("dense1.weight")!.Shape);
            Assert.Equal(["dense1.weight", "dense2.weight", "dense3.weight"], ParameterSelection.Default.Weights(file).Select(t => t.Name));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Other_checkpoints_are_not_Kelvin_networks_and_user_activations_cannot_be_saved()
    {
        using (var fixture = CheckpointFixtures.Open("mlp-trained.safetensors"))
            Assert.Null(NetworkCheckpoint.Read(fixture));
        Assert.Throws<KelvinException>(() => NetworkCheckpoint.Load(CheckpointFixtures.PathOf("mlp-trained.safetensors")));
        var user = new Mlp(new MlpArchitecture([2, 3, 1], [new UserActivation("cube", x => x * x * x, x => 3 * x * x)]));
        Assert.Throws<KelvinException>(() => NetworkCheckpoint.Save(new MemoryStream(), user, Iris));
    }

    [Fact]
    public void A_network_whose_tensors_disagree_with_its_widths_is_refused()
    {
        var net = new Mlp(MlpArchitecture.Parse("4-5-3", "relu"));
        using var bytes = new MemoryStream();
        NetworkCheckpoint.Save(bytes, net, Iris);
        // Claim a far larger first layer: refused by the shape check, before a network of that size exists.
        byte[] lying = bytes.ToArray();
        int at = lying.AsSpan().IndexOf("\"4-5-3\""u8);
        Assert.True(at > 0);
        lying[at + 3] = (byte)'9';
        using var file = CheckpointFile.Open(new MemoryStream(lying), "net.safetensors");
        var error = Assert.Throws<KelvinException>(() => NetworkCheckpoint.Read(file));
        Assert.Contains("dense1.weight", error.Message);
    }

    [Fact]
    public void Comparing_two_Kelvin_networks_gives_layer_temperatures_that_add_up()
    {
        var (init, trained, evaluation) = InitAndTrained();
        double e0 = init.Energy(evaluation, CrossEntropy.Instance), e1 = trained.Energy(evaluation, CrossEntropy.Instance);
        string a = Save(init, Iris with { Energy = e0 }), b = Save(trained, Iris with { Energy = e1 });
        try
        {
            using var before = CheckpointFile.Open(a);
            using var after = CheckpointFile.Open(b);
            var estimator = new VasicekEntropy();
            var r = CheckpointComparison.Compare(before, after, ParameterSelection.Default, estimator);

            Assert.Equal(EnergySource.Recomputed, r.EnergySource);
            var path = r.Path!;
            Assert.Equal(e0, path.EnergyBefore, 1e-6);
            Assert.Equal(e1, path.EnergyAfter, 1e-6);
            Assert.True(path.EnergyChange < 0);
            Assert.True(path.RelativeResidual <= 1e-3, $"residual {path.RelativeResidual}");
            Assert.Equal(path.EnergyChange, path.Allocation.Allocated, Math.Abs(path.EnergyChange) * 1e-3);

            Assert.Equal(path.EnergyChange, r.Transition!.EnergyChange, 12);
            var temperatures = r.LayerTemperatures!;
            Assert.Equal(3, temperatures.Count);
            for (int l = 0; l < 3; l++)
            {
                var t = temperatures[l]!;
                Assert.Equal($"dense{l + 1}", t.Name);
                Assert.Equal(path.Allocation.LayerChanges[l], t.EnergyChange);
                Assert.Equal(r.Layers[l].EntropyChange!.Value, t.EntropyChange!.Value, 1e-12);
                Assert.Equal(t.EnergyChange / t.EntropyChange!.Value, t.Temperature.Value!.Value, 1e-12);
            }

            // Given energies set the global T; the layers keep the path's ΔE_l.
            var given = CheckpointComparison.Compare(before, after, ParameterSelection.Default, estimator, 2.0, 1.0);
            Assert.Equal(EnergySource.Given, given.EnergySource);
            Assert.Equal(-1.0 / given.EntropyChange!.Value, given.Transition!.Temperature.Value!.Value, 1e-12);
            Assert.Equal(temperatures.Select(t => t!.EnergyChange), given.LayerTemperatures!.Select(t => t!.EnergyChange));
        }
        finally { File.Delete(a); File.Delete(b); }
    }

    [Fact]
    public void Networks_saved_with_different_or_unbundled_data_get_no_path_and_no_stored_energies()
    {
        var (init, trained, _) = InitAndTrained();
        string a = Save(init, Iris with { Energy = 1.0 }), b = Save(trained, Iris with { Seed = 4, Energy = 0.5 });
        string c = Save(trained, Iris with { Dataset = "no-such-dataset", Energy = 0.5 });
        string d = Save(init, Iris with { Dataset = "no-such-dataset", Energy = 1.0 });
        try
        {
            using var before = CheckpointFile.Open(a);
            using var after = CheckpointFile.Open(b);
            var r = CheckpointComparison.Compare(before, after, ParameterSelection.Default, new VasicekEntropy());
            Assert.Null(r.Path);
            Assert.Null(r.LayerTemperatures);
            Assert.Null(r.Transition);
            Assert.Contains("not saved with the same", r.PathNote);

            // Same data that is not bundled: the metadata's path is never opened and its stored energies
            // are never used (they may be stale or forged), so there is no temperature, and the note says why.
            using var before2 = CheckpointFile.Open(d);
            using var after2 = CheckpointFile.Open(c);
            var s = CheckpointComparison.Compare(before2, after2, ParameterSelection.Default, new VasicekEntropy());
            Assert.Equal(EnergySource.None, s.EnergySource);
            Assert.Null(s.Transition);
            Assert.Contains("not a bundled dataset", s.PathNote);
            Assert.Contains("not a bundled dataset", s.TemperatureNote);
            Assert.Null(s.LayerTemperatures);
        }
        finally { foreach (var f in new[] { a, b, c, d }) File.Delete(f); }
    }
}
