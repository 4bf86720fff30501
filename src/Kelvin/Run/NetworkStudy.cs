using Kelvin.Data;
using Kelvin.Data.Shifts;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Engines;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Run;

/// <summary>The pooled weights of one layer at initialization and in the trained state (last
/// checkpoint of the training on D1): the two distributions whose entropies set ΔS_l.</summary>
public sealed record WeightSnapshot(string Layer, double[] Initial, double[] Trained);

/// <summary>
/// One network of `kelvin run`: an MLP with a given hidden activation trained on D1 (the training
/// transition, Type I), shifted to D2 and refreshed (the refresh transition, Type II), with the
/// weights of its first hidden-to-hidden layer kept for the entropy figure, and the trained network
/// measured as a heat engine (docs/theory.md §7, measured efficiency).
/// </summary>
/// <param name="Activation">the hidden activation (relu, tanh).</param>
/// <param name="Architecture">widths and activations, e.g. 64-64-64-10 relu.</param>
/// <param name="Init">the initialization scheme.</param>
/// <param name="Loss">the energy form.</param>
/// <param name="Experiment">scores and both transitions (global, per layer, T(t)).</param>
/// <param name="Weights">a layer's weights at init and trained.</param>
/// <param name="Engine">the trained network (member 0) measured as a heat engine on the evaluation set of D1.</param>
/// <param name="Task">classification (scores are accuracies) or regression (scores are R²).</param>
public sealed record NetworkStudy(string Activation, string Architecture, string Init, string Loss, RefreshExperiment Experiment,
                                  WeightSnapshot Weights, NetworkEngineReport Engine, TaskKind Task)
{
    /// <summary>Trains, shifts and refreshes a network with hidden activation <paramref name="activation"/>
    /// on <paramref name="split"/>, its temperatures in <paramref name="view"/>. <paramref name="progress"/> gets the fraction done in [0, 1].</summary>
    public static NetworkStudy Run(string activation, DataSplit split, RunProfile profile, ulong seed, Action<double>? progress = null, EntropyView view = EntropyView.Particle)
    {
        var data = split.Train;
        var act = ActivationCatalog.Parse(activation);
        var widths = new List<int> { data.FeatureCount };
        widths.AddRange(profile.Hidden);
        widths.Add(data.Outputs);
        var architecture = new MlpArchitecture(widths, profile.Hidden.Select(_ => act).ToList());
        // The standard scale of each activation: He for the scale-free relu, Xavier (Glorot) for tanh.
        var init = InitializationScheme.Parse(act is Relu ? "he-normal" : "xavier-normal");
        IEnergyForm loss = EnergyForms.DefaultFor(data.Task);
        var options = new TrainingOptions
        {
            Energy = loss, Optimizer = OptimizerSettings.Sgd(profile.LearningRate), BatchSize = profile.Batch,
            Epochs = profile.Epochs, Seed = seed, HookInterval = profile.CheckpointEvery,
        };
        var setup = new TrainingSetup(architecture, [init], options, profile.Members, profile.EvaluationSize);
        IDataShift shift = DataShifts.Create(profile.Shift, profile.ShiftSize);

        int phase = 0;
        WeightSnapshot? weights = null;
        NetworkEngineReport? engine = null;
        var experiment = RefreshExperiment.Run(setup, split, shift, TransitionSettings.Default with { View = view, Seed = seed },
            (done, total) => progress?.Invoke((phase + (total > 0 ? (double)done / total : 1)) / 2),
            (members, run) =>
            {
                phase = 1;
                weights = Snapshot(run);
                engine = NetworkEngine.Measure(members[0], RecordedTrainer.EvaluationSet(data, profile.EvaluationSize, seed));
            });
        return new NetworkStudy(act.Name, architecture.ToString(), init.ToString(), loss.Name, experiment, weights!, engine!, data.Task);
    }

    /// <summary>The hidden-to-hidden layer (the second dense layer when there is one, else the first).</summary>
    private static WeightSnapshot Snapshot(RecordedTraining run)
    {
        int layer = Math.Min(1, run.Layers.Count - 1);
        var first = run.Weights(0)[layer];
        var last = run.Weights(run.CheckpointCount - 1)[layer];
        return new WeightSnapshot(first.Name, first.Pooled.ToArray(), last.Pooled.ToArray());
    }
}
