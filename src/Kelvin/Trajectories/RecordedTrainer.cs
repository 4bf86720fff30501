using Kelvin.Data;
using Kelvin.Networks;
using Kelvin.Networks.Training;
using Kelvin.Randomness;

namespace Kelvin.Trajectories;

/// <summary>
/// Trains an ensemble while a <see cref="TrajectoryRecorder"/> per member records it on a fixed
/// evaluation set (the training data, or a seeded subset of <see cref="TrainingSetup.EvaluationSize"/>
/// samples): U, layer weights and the loss change allocation at step 0, every k-th step and the last.
/// </summary>
public static class RecordedTrainer
{
    /// <summary>Initializes K members (Type I state) and trains them on <paramref name="data"/>.</summary>
    public static (Mlp[] Members, RecordedTraining Run) Train(TrainingSetup setup, Dataset data, Action<long, long>? progress = null) =>
        Train(setup, data, progress, CancellationToken.None);

    /// <summary>Initializes K members and trains them on <paramref name="data"/>, reporting the steps
    /// done to <paramref name="progress"/>; <paramref name="cancel"/> is checked at every checkpoint.</summary>
    /// <exception cref="OperationCanceledException">when <paramref name="cancel"/> fires.</exception>
    public static (Mlp[] Members, RecordedTraining Run) Train(TrainingSetup setup, Dataset data, IProgress<TrainingStepProgress>? progress, CancellationToken cancel = default) =>
        Train(setup, data, progress is null ? null : (done, total) => progress.Report(new(done, total)), cancel);

    private static (Mlp[] Members, RecordedTraining Run) Train(TrainingSetup setup, Dataset data, Action<long, long>? progress, CancellationToken cancel)
    {
        setup.Validate();
        var members = Ensemble.Initialize(setup.Architecture, setup.Initialization, setup.Options.Seed, setup.Members);
        return (members, Continue(members, setup, data, progress, cancel));
    }

    /// <summary>Continues training <paramref name="members"/> in place on <paramref name="data"/>
    /// (e.g. the refresh on shifted data), recording from their current state. The progress callback
    /// gets (steps done, total steps) summed over members; it may be called from several threads.</summary>
    public static RecordedTraining Continue(IReadOnlyList<Mlp> members, TrainingSetup setup, Dataset data, Action<long, long>? progress = null) =>
        Continue(members, setup, data, progress, CancellationToken.None);

    /// <summary>Continues training <paramref name="members"/> (see the other overload), reporting the steps
    /// done to <paramref name="progress"/>; <paramref name="cancel"/> is checked at every checkpoint.</summary>
    /// <exception cref="OperationCanceledException">when <paramref name="cancel"/> fires.</exception>
    public static RecordedTraining Continue(IReadOnlyList<Mlp> members, TrainingSetup setup, Dataset data, IProgress<TrainingStepProgress>? progress, CancellationToken cancel = default) =>
        Continue(members, setup, data, progress is null ? null : (done, total) => progress.Report(new(done, total)), cancel);

    private static RecordedTraining Continue(IReadOnlyList<Mlp> members, TrainingSetup setup, Dataset data, Action<long, long>? progress, CancellationToken cancel)
    {
        setup.Validate();
        var evaluation = EvaluationSet(data, setup.EvaluationSize, setup.Options.Seed);
        var serial = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        var recorders = new TrajectoryRecorder[members.Count];
        for (int k = 0; k < recorders.Length; k++)
            recorders[k] = new TrajectoryRecorder(new NetworkPotential(setup.Architecture, evaluation, setup.Options.EnergyFor(data.Task), members.Count > 1 ? serial : null), setup.Tolerance, setup.Rule);

        long perMember = StepsPerMember(setup.Options, data.Count), total = perMember * members.Count, done = 0;
        var theta = new double[members.Count][];
        Ensemble.Train(members, data, setup.Options, p =>
        {
            cancel.ThrowIfCancellationRequested();
            var buffer = theta[p.Member] ??= new double[p.Network.ParameterCount];
            var parameters = p.Network.Parameters;
            for (int j = 0; j < buffer.Length; j++) buffer[j] = parameters[j];
            var rec = recorders[p.Member];
            long previous = rec.Checkpoints.Count > 0 ? rec.Checkpoints[^1].Step : 0;
            rec.Record(p.Step, buffer);
            if (progress is not null) progress(Interlocked.Add(ref done, p.Step - previous), total);
        });
        return new RecordedTraining(recorders);
    }

    /// <summary>Optimizer steps of one member: epochs·⌈n/B⌉, capped by MaxSteps.</summary>
    public static long StepsPerMember(TrainingOptions options, int samples)
    {
        long batch = Math.Min(options.BatchSize, samples);
        long steps = options.Epochs * ((samples + batch - 1) / batch);
        return options.MaxSteps is long cap ? Math.Min(cap, steps) : steps;
    }

    /// <summary>The fixed evaluation set: <paramref name="data"/> itself when it has at most
    /// <paramref name="size"/> samples, else that many drawn without replacement by the seed.</summary>
    public static Dataset EvaluationSet(Dataset data, int size, ulong seed)
    {
        if (data.Count <= size) return data;
        var pick = new Rng(seed, 0xE7A1).Permutation(data.Count).Take(size).Order().ToList();
        return data.Subset(pick, data.Name + "-eval");
    }
}

/// <summary>Optimizer steps done so far, summed over ensemble members, out of the total.</summary>
public readonly record struct TrainingStepProgress(long StepsDone, long TotalSteps);
