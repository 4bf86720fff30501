using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Networks;
using Kelvin.Networks.Training;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

public class CancellationTests
{
    private static readonly Dataset Iris = BundledDatasets.Load("iris");

    private static TrainingSetup Setup() => new(MlpArchitecture.Parse("4-8-3", "relu"), InitializationScheme.HeNormal(),
        new TrainingOptions { Epochs = 3, BatchSize = 16, HookInterval = 2, Seed = 1 }, members: 1);

    private sealed class Collect<T> : IProgress<T>
    {
        public List<T> Reports { get; } = [];
        public void Report(T value) => Reports.Add(value);
    }

    [Fact]
    public void Training_reports_progress_and_stops_when_cancelled()
    {
        var progress = new Collect<TrainingStepProgress>();
        var (_, run) = RecordedTrainer.Train(Setup(), Iris, progress);
        long total = RecordedTrainer.StepsPerMember(Setup().Options, Iris.Count);
        Assert.Equal(run.CheckpointCount, progress.Reports.Count);
        Assert.Equal(new TrainingStepProgress(total, total), progress.Reports[^1]);

        using var cancel = new CancellationTokenSource();
        var reports = new Collect<TrainingStepProgress>();
        Assert.ThrowsAny<OperationCanceledException>(() => RecordedTrainer.Train(Setup(), Iris, new CancelAfter(cancel, 3, reports), cancel.Token));
        Assert.Equal(3, reports.Reports.Count);
    }

    [Fact]
    public void A_thermometer_read_honours_a_cancelled_token()
    {
        var t = new Thermometer();
        t.Record(0, 1.0, [LayerReading.Of("w", [1.0, 2.0, 4.0, 8.0])]);
        t.Record(1, 0.5, [LayerReading.Of("w", [1.0, 2.5, 4.0, 9.0])]);
        Assert.ThrowsAny<OperationCanceledException>(() => t.Read(new CancellationToken(canceled: true)));
        Assert.Equal(2, t.Read(CancellationToken.None).Records);
    }

    /// <summary>Cancels <paramref name="source"/> at the <paramref name="after"/>-th report.</summary>
    private sealed class CancelAfter(CancellationTokenSource source, int after, Collect<TrainingStepProgress> inner) : IProgress<TrainingStepProgress>
    {
        public void Report(TrainingStepProgress value)
        {
            inner.Report(value);
            if (inner.Reports.Count == after) source.Cancel();
        }
    }
}
