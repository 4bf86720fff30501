using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Entropy;
using Kelvin.Networks;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

public class SortedCheckpointsTests
{
    /// <summary>The bootstrap's resample by multiplicities is the gathered resample sorted, bit for bit,
    /// and so is its entropy, at every checkpoint and layer of a recorded run (ReLU weights: many exact
    /// zeros are not needed for this, so some are planted, with both signs).</summary>
    [Fact]
    public void ResampleByMultiplicitiesIsTheSortedGatherBitForBit()
    {
        var iris = DataSplit.Create(BundledDatasets.Load("iris"), 1).Train;
        var setup = new TrainingSetup(MlpArchitecture.Parse("4-16-3", "relu"), [InitializationScheme.Parse("he-normal")],
            new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.05), BatchSize = 16, Epochs = 2, Seed = 3, HookInterval = 4 }, 1);
        var (_, run) = RecordedTrainer.Train(setup, iris);
        for (int l = 0; l < run.Layers.Count; l++)
        {
            var w = run.MemberWeights(0, 0, l);
            w[0] = 0f; w[1] = -0f; w[2] = w[3];
        }
        var sorted = SortedCheckpoints.Of(run);
        var rng = new Rng(11);
        var estimator = new VasicekEntropy();
        // One resample buffer and one dequantization buffer per layer, reused by every replicate and
        // checkpoint (as the bootstrap does): the same bits as a fresh sort of fresh arrays.
        var buffers = run.Layers.Select(l => new double[l.WeightCount]).ToArray();
        var resolved = run.Layers.Select(l => new double[l.WeightCount]).ToArray();
        for (int b = 0; b < 5; b++)
            for (int l = 0; l < run.Layers.Count; l++)
            {
                int count = run.Layers[l].WeightCount;
                var indices = new int[count];
                for (int j = 0; j < count; j++) indices[j] = rng.NextInt(count);
                var counts = SortedCheckpoints.Multiplicities(indices);
                for (int i = 0; i < run.CheckpointCount; i++)
                {
                    var w = run.MemberWeights(0, i, l);
                    var gathered = indices.Select(j => (double)w[j]).ToArray();
                    var viaSort = StateEntropies.Particle("l", count, 1, gathered, estimator);   // sorts `gathered` in place
                    var emitted = sorted.Resample(i, l, counts, buffers[l]);
                    Assert.Same(buffers[l], emitted);
                    Assert.Equal(gathered.Select(BitConverter.DoubleToInt64Bits), emitted.Select(BitConverter.DoubleToInt64Bits));
                    var viaCounts = StateEntropies.ParticleSorted("l", count, 1, emitted, estimator, resolved[l]);
                    Assert.Equal(viaSort.Entropy, viaCounts.Entropy);
                    Assert.Equal(viaSort.TieFraction, viaCounts.TieFraction);
                }
            }
    }

    [Fact]
    public void AnUnsortedArrayIsRefused() =>
        Assert.Throws<ArgumentException>(() => SortedSample.OwnSorted([1.0, 0.5, 2.0]));
}
