using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Trajectories;
using Kelvin.Data.Shifts;

namespace Kelvin.Tests.Trajectories;

public class RecordedTrainerTests
{
    private static readonly DataSplit Iris = DataSplit.Create(BundledDatasets.Load("iris"), 1);

    private static TrainingSetup Setup(int members) => new(
        MlpArchitecture.Parse("4-16-3", "relu"), [InitializationScheme.Parse("he-normal")],
        new TrainingOptions { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.05), BatchSize = 16, Epochs = 4, Seed = 5, HookInterval = 3 },
        members);

    [Fact]
    public void TrainingOnIrisIsRecordedAndReadAsATransition()
    {
        var (members, run) = RecordedTrainer.Train(Setup(1), Iris.Train);
        Assert.Equal(0, run.Steps[0]);
        Assert.Equal(RecordedTrainer.StepsPerMember(Setup(1).Options, Iris.Train.Count), run.Steps[^1]);
        var a = TransitionAnalysis.Of(run);
        Assert.True(a.Global.EnergyChange < 0);
        Assert.Equal(2, a.Layers.Count);
        Assert.True(a.AllocationResidual < 0.01, $"residual {a.AllocationResidual}");
        Assert.Equal(a.Global.EnergyChange, a.Layers.Sum(l => l.EnergyChange), 0.01 * Math.Abs(a.Global.EnergyChange));
        Assert.InRange(TestScore.Of(members, Iris.Test), 0.5, 1.0);
    }

    [Fact]
    public void TheTrapezoidDefaultAllocatesLikeSimpsonWithFewerEvaluations()
    {
        var (_, trapezoid) = RecordedTrainer.Train(Setup(1), Iris.Train);
        var (_, simpson) = RecordedTrainer.Train(Setup(1) with { Rule = AllocationRule.Simpson }, Iris.Train);
        Assert.True(trapezoid.Evaluations < simpson.Evaluations, $"{trapezoid.Evaluations} vs {simpson.Evaluations}");
        Assert.True(trapezoid.AllocationResidual < 0.01, $"residual {trapezoid.AllocationResidual}");
        for (int l = 0; l < trapezoid.Layers.Count; l++)
        {
            double t = trapezoid.Allocation(trapezoid.CheckpointCount - 1, l), s = simpson.Allocation(simpson.CheckpointCount - 1, l);
            Assert.True(Math.Abs(t - s) <= 0.02 * Math.Abs(s), $"layer {l}: ΔE_l {t} vs Simpson {s}");
        }
    }

    [Fact]
    public void MemberZeroIsTheSameWhetherTrainedAloneOrInAParallelEnsemble()
    {
        var (_, alone) = RecordedTrainer.Train(Setup(1), Iris.Train);
        var (_, ensemble) = RecordedTrainer.Train(Setup(3), Iris.Train);
        Assert.Equal(3, ensemble.MemberCount);
        for (int i = 0; i < alone.CheckpointCount; i++)
            Assert.Equal(alone.MemberEnergy(0, i), ensemble.MemberEnergy(0, i));
        var (_, again) = RecordedTrainer.Train(Setup(3), Iris.Train);
        for (int i = 0; i < again.CheckpointCount; i++)
        {
            Assert.Equal(ensemble.Energy(i), again.Energy(i));
            Assert.Equal(ensemble.Allocation(i, 1), again.Allocation(i, 1));
        }
    }

    [Fact]
    public void RefreshStartsFromTheTrainedStateOnTheShiftedData()
    {
        var r = RefreshExperiment.Run(Setup(1), Iris, new ConceptShift(1));
        Assert.True(r.ShiftedScore < r.Score);              // every label moved to another class
        Assert.True(r.Refresh.Global.From.Energy > r.Training.Global.To.Energy);
        Assert.True(r.Refresh.Global.EnergyChange < 0);
        Assert.Equal(r.Training.Layers.Count, r.Refresh.Layers.Count);
    }
}
