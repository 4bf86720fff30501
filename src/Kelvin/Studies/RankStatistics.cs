using Kelvin.Randomness;

namespace Kelvin.Studies;

/// <summary>A rank correlation with its uncertainty: ρ, the bootstrap 95% interval [Low, High] and
/// the two-sided permutation p-value; N observations.</summary>
public sealed record RankCorrelation(double Rho, double Low, double High, double PValue, int N);

/// <summary>
/// Rank statistics of a study, all deterministic: ranks of tied values are their average rank
/// (ties broken by nothing but value, so the order of equal values does not matter); resampling draws
/// come from an explicit seed.
/// </summary>
public static class RankStatistics
{
    /// <summary>Bootstrap replicates and permutations used by <see cref="Correlate"/>.</summary>
    public const int Replicates = 2000;

    /// <summary>Ranks 1..n, ties sharing their average rank.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        int n = values.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var ranks = new double[n];
        for (int a = 0; a < n;)
        {
            int b = a;
            while (b + 1 < n && values[order[b + 1]] == values[order[a]]) b++;
            double rank = (a + b) / 2.0 + 1;
            for (int k = a; k <= b; k++) ranks[order[k]] = rank;
            a = b + 1;
        }
        return ranks;
    }

    /// <summary>Spearman's ρ: the Pearson correlation of the ranks (average ranks for ties);
    /// null when either variable is constant or there are fewer than 3 pairs.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length");
        if (x.Count < 3) return null;
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>
    /// ρ between <paramref name="x"/> and <paramref name="y"/>, with (i) a 95% percentile interval
    /// from <see cref="Replicates"/> bootstrap replicates that resample the groups (seeds) with
    /// replacement, keeping every observation of a drawn group together (observations of one seed are
    /// not independent: they share a data split), and (ii) the permutation p-value
    /// p = (1 + #{|ρ*| ≥ |ρ|}) / (1 + P) over P permutations of y. Null when ρ is undefined.
    /// </summary>
    public static RankCorrelation? Correlate(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<int> group, ulong seed)
    {
        if (Spearman(x, y) is not double rho) return null;
        var groups = group.Distinct().Order().ToArray();
        var members = groups.Select(g => Enumerable.Range(0, x.Count).Where(i => group[i] == g).ToArray()).ToArray();
        var rng = new Rng(seed, 0xB007);
        var boot = new List<double>(Replicates);
        var bx = new List<double>(); var by = new List<double>();
        for (int r = 0; r < Replicates; r++)
        {
            bx.Clear(); by.Clear();
            for (int g = 0; g < groups.Length; g++)
                foreach (int i in members[rng.NextInt(groups.Length)]) { bx.Add(x[i]); by.Add(y[i]); }
            if (Spearman(bx, by) is double b) boot.Add(b);
        }
        boot.Sort();
        var perm = new Rng(seed, 0x9E53);
        var shuffled = y.ToArray();
        int extreme = 0;
        for (int p = 0; p < Replicates; p++)
        {
            perm.Shuffle<double>(shuffled);
            if (Spearman(x, shuffled) is double s && Math.Abs(s) >= Math.Abs(rho) - 1e-12) extreme++;
        }
        double low = boot.Count > 0 ? Quantile(boot, 0.025) : rho, high = boot.Count > 0 ? Quantile(boot, 0.975) : rho;
        return new RankCorrelation(rho, low, high, (1.0 + extreme) / (1.0 + Replicates), x.Count);
    }

    /// <summary>
    /// Kruskal–Wallis H of <paramref name="y"/> across the levels <paramref name="level"/> (average
    /// ranks; H = 12/(n(n+1)) Σ_g R_g²/n_g − 3(n+1)) with its permutation p-value over
    /// <see cref="Replicates"/> shuffles of the level labels; null for fewer than 2 levels.
    /// </summary>
    public static (double H, double PValue)? KruskalWallis(IReadOnlyList<double> y, IReadOnlyList<int> level, ulong seed)
    {
        if (level.Distinct().Count() < 2) return null;
        var ranks = Ranks(y);
        double h = H(ranks, level);
        var labels = level.ToArray();
        var rng = new Rng(seed, 0x6B57);
        int extreme = 0;
        for (int p = 0; p < Replicates; p++)
        {
            rng.Shuffle<int>(labels);
            if (H(ranks, labels) >= h - 1e-12) extreme++;
        }
        return (h, (1.0 + extreme) / (1.0 + Replicates));
    }

    private static double H(double[] ranks, IReadOnlyList<int> level)
    {
        int n = ranks.Length;
        var sum = new Dictionary<int, (double R, int N)>();
        for (int i = 0; i < n; i++)
        {
            var (r, m) = sum.GetValueOrDefault(level[i]);
            sum[level[i]] = (r + ranks[i], m + 1);
        }
        double s = sum.Values.Sum(g => g.R * g.R / g.N);
        return 12.0 / (n * (n + 1.0)) * s - 3 * (n + 1.0);
    }

    private static double? Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? Math.Clamp(sab / Math.Sqrt(saa * sbb), -1, 1) : null;
    }

    /// <summary>The type-7 quantile of sorted values.</summary>
    private static double Quantile(List<double> sorted, double p)
    {
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h), hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
