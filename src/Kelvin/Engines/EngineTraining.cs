using Kelvin.Data;
using Kelvin.Networks;
using Kelvin.Networks.Training;
using Kelvin.Trajectories;

namespace Kelvin.Engines;

/// <summary>A network measured as a heat engine before and after training (<see cref="EngineTraining"/>).</summary>
/// <param name="Initial">The report of the freshly initialized network (Type I state).</param>
/// <param name="Trained">The report of the same network after training.</param>
/// <param name="Network">The trained network.</param>
/// <param name="Evaluation">The evaluation rows both reports were measured on.</param>
/// <param name="Steps">Optimizer steps taken.</param>
public sealed record EngineTrainingResult(NetworkEngineReport Initial, NetworkEngineReport Trained, Mlp Network, Dataset Evaluation, long Steps);

/// <summary>
/// Trains one network of a <see cref="TrainingSetup"/> (ensemble member 0: the same network whatever K
/// is) and measures it with <see cref="NetworkEngine"/> on the setup's fixed evaluation set
/// (<see cref="RecordedTrainer.EvaluationSet"/>) before and after training. Deterministic for a seed.
/// </summary>
public static class EngineTraining
{
    /// <summary>Initializes, measures, trains on <paramref name="train"/>, measures again. The progress
    /// callback gets (steps done, total steps).</summary>
    public static EngineTrainingResult Run(TrainingSetup setup, Dataset train, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(train);
        var evaluation = RecordedTrainer.EvaluationSet(train, setup.EvaluationSize, setup.Options.Seed);
        Mlp network = Ensemble.Initialize(setup.Architecture, setup.Initialization, setup.Options.Seed, 1)[0];
        var initial = NetworkEngine.Measure(network, evaluation);
        long total = RecordedTrainer.StepsPerMember(setup.Options, train.Count);
        var result = Trainer.Train(network, train, setup.Options, 0, progress is null ? null : p => progress(p.Step, total));
        return new EngineTrainingResult(initial, NetworkEngine.Measure(network, evaluation), network, evaluation, result.Steps);
    }
}
