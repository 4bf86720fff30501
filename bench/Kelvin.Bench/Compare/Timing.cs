using System.Diagnostics;

namespace Kelvin.Bench.Compare;

/// <summary>Wall-clock timing: one untimed warm-up, then the median of the repetitions.</summary>
public static class Timing
{
    /// <summary>Seconds of each of <paramref name="reps"/> runs of <paramref name="action"/> after one warm-up.</summary>
    public static double[] Seconds(int reps, Action action, bool warmUp = true)
    {
        if (warmUp) action();
        var times = new double[Math.Max(1, reps)];
        for (int r = 0; r < times.Length; r++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[r] = sw.Elapsed.TotalSeconds;
        }
        return times;
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
