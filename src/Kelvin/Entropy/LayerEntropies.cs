namespace Kelvin.Entropy;

/// <summary>
/// Entropies of many independent samples (the layers of a network, the parameters of an ensemble)
/// in parallel, deterministically: unit i is estimated alone and its result lands in slot i, so the
/// numbers do not depend on the thread count or the scheduling.
/// </summary>
public static class LayerEntropies
{
    /// <summary>h of each of <paramref name="samples"/> by <paramref name="estimator"/>, in input order.
    /// <paramref name="maxDegreeOfParallelism"/> (null: all cores) only changes the speed.</summary>
    public static double[] Estimate(IEntropyEstimator estimator, IReadOnlyList<double[]> samples, int? maxDegreeOfParallelism = null) =>
        Map(samples.Count, i => estimator.Estimate(SortedSample.From(samples[i])), maxDegreeOfParallelism);

    /// <summary>f(0..count−1) evaluated in parallel, results in index order (exceptions rethrown, the
    /// first in index order, unwrapped).</summary>
    public static T[] Map<T>(int count, Func<int, T> f, int? maxDegreeOfParallelism = null)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, count, options, i =>
        {
            try { results[i] = f(i); }
            catch (Exception e) { errors[i] = e; }
        });
        foreach (var e in errors)
            if (e is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        return results;
    }
}
