using Kelvin.Data;
using Kelvin.Data.Shifts;
using Kelvin.Networks;
using Kelvin.Randomness;

namespace Kelvin.Trajectories;

/// <summary>
/// The refresh experiment (docs/theory.md §4): train on D1 from initialization (the training transition, Type
/// I), shift the data to D2, continue training on D2 (the refresh transition, Type II):
/// T_II = (E(Σ1; D2) − E(Σ2; D2)) / (S(Σ1) − S(Σ2)), Σ1 the state trained on D1 (the refresh phase's
/// first checkpoint), Σ2 the late iterates on D2; both energies on D2's evaluation set.
/// </summary>
public sealed record RefreshExperiment(
    double Score,
    TransitionAnalysis Training,
    double ShiftedScore,
    double RefreshedScore,
    TransitionAnalysis Refresh)
{
    /// <summary>The seed stream of the shift (the train and test parts use identical copies, so a
    /// covariate shift moves both by the same transform, a concept shift relabels both alike).</summary>
    public const ulong ShiftStream = 0x5A1F7;

    /// <summary>Runs the experiment on <paramref name="split"/>: scores are on the test part (D1's
    /// before the shift, D2's after it, before and after the refresh). <paramref name="trained"/>, when
    /// given, sees the members trained on D1 and their recorded training before the refresh changes them
    /// in place (e.g. to measure the trained networks or keep their weights).</summary>
    public static RefreshExperiment Run(TrainingSetup setup, DataSplit split, IDataShift shift, TransitionSettings? settings = null, Action<long, long>? progress = null,
                                        Action<IReadOnlyList<Mlp>, RecordedTraining>? trained = null)
    {
        var (members, phase1) = RecordedTrainer.Train(setup, split.Train, progress);
        trained?.Invoke(members, phase1);
        double score = TestScore.Of(members, split.Test);
        var training = TransitionAnalysis.Of(phase1, settings);

        ulong seed = setup.Options.Seed;
        var trainD2 = shift.Apply(split.Train, new Rng(seed, ShiftStream));
        var testD2 = shift.Apply(split.Test, new Rng(seed, ShiftStream));
        double shifted = TestScore.Of(members, testD2);
        var refreshSetup = setup with { Options = setup.Options with { Seed = seed ^ 0x2EF2E5A1UL } };
        var phase2 = RecordedTrainer.Continue(members, refreshSetup, trainD2, progress);
        return new RefreshExperiment(score, training, shifted, TestScore.Of(members, testD2), TransitionAnalysis.Of(phase2, settings));
    }
}
