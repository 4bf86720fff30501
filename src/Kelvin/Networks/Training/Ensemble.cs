using Kelvin.Data;
using Kelvin.Distributions;

namespace Kelvin.Networks.Training;

/// <summary>
/// K independent networks (a state represented by samples, docs/theory.md §2): member k is initialized from
/// <see cref="TrainingStreams.Initialization"/>(seed, k) and shuffles with its own streams, so member k
/// is the same network whatever K is and however many threads train the ensemble.
/// </summary>
public static class Ensemble
{
    /// <summary>K freshly initialized members (Type I state).</summary>
    public static Mlp[] Initialize(MlpArchitecture architecture, IReadOnlyList<InitializationScheme> schemes, ulong seed, int members)
    {
        if (members < 1) throw new KelvinException($"an ensemble needs at least one member, got {members}");
        var nets = new Mlp[members];
        for (int k = 0; k < members; k++) nets[k] = Mlp.Initialize(architecture, schemes, TrainingStreams.Initialization(seed, k));
        return nets;
    }

    /// <summary>
    /// Trains every member in place, members in parallel (one member per thread; each member's matrix
    /// products then run single-threaded). The hook is called from several threads at once, each call
    /// for one member (<see cref="TrainingProgress.Member"/>); it must be thread-safe. On divergence
    /// the error of the lowest-numbered failing member is thrown.
    /// </summary>
    public static TrainingResult[] Train(IReadOnlyList<Mlp> members, Dataset data, TrainingOptions options,
                                         Action<TrainingProgress>? hook = null, ParallelOptions? parallel = null)
    {
        var results = new TrainingResult[members.Count];
        var errors = new Exception?[members.Count];
        if (members.Count == 1)
        {
            results[0] = Trainer.Train(members[0], data, options, 0, hook);
            return results;
        }
        var serial = new ParallelOptions { MaxDegreeOfParallelism = 1 };
        Parallel.For(0, members.Count, parallel ?? new ParallelOptions(), k =>
        {
            var net = members[k];
            var saved = net.Parallelism;
            net.Parallelism = serial;
            try { results[k] = Trainer.Train(net, data, options, k, hook); }
            catch (Exception e) { errors[k] = e; }
            finally { net.Parallelism = saved; }
        });
        foreach (var e in errors)
            if (e is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        return results;
    }
}
