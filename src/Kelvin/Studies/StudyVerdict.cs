using System.Globalization;

namespace Kelvin.Studies;

/// <summary>
/// The plain sentence a study states per axis, computed from the statistics (never written in
/// advance): a rank correlation "rises" when its 95% interval lies above 0 and its permutation p is
/// below 0.05, "falls" likewise below 0, and is "no monotone relation" otherwise (with 5–10 seeds the
/// seed bootstrap can be narrow when T's sign flips inside a level; the permutation test guards that);
/// a categorical axis "differs" when the Kruskal–Wallis permutation p is below 0.05.
/// </summary>
public static class StudyVerdict
{
    /// <summary>The significance level of the categorical verdict.</summary>
    public const double Alpha = 0.05;

    /// <summary>The direction the interval supports: +1 rises, −1 falls, 0 none (or no correlation).</summary>
    public static int Direction(RankCorrelation? c) =>
        c is null || c.PValue >= Alpha ? 0 : c.Low > 0 ? 1 : c.High < 0 ? -1 : 0;

    /// <summary>"T_I rises with label noise: ρ = 0.93 [0.88, 0.96] (permutation p = 0.0005, n = 30)",
    /// "… falls with …", or "no monotone relation between T_I and label noise: ρ = …". ρ is of the
    /// signed T; when <paramref name="levelSign"/> says T &lt; 0 at every level (−1), a rise is a fall
    /// of |T| and the sentence says so: "… (T_I &lt; 0 at every level: |T_I| falls)".</summary>
    public static string Monotone(string quantity, string factor, RankCorrelation? c, int levelSign = 0)
    {
        if (c is null) return $"no monotone relation between {quantity} and {factor}: ρ is undefined (too few finite temperatures, or constant values)";
        string stats = $"ρ = {F(c.Rho)} [{F(c.Low)}, {F(c.High)}] (permutation p = {P(c.PValue)}, n = {c.N})";
        string magnitude = levelSign < 0 ? $" ({quantity} < 0 at every level: |{quantity}| {(Direction(c) > 0 ? "falls" : "grows")})" : "";
        return Direction(c) switch
        {
            1 => $"{quantity} rises with {factor}: {stats}{magnitude}",
            -1 => $"{quantity} falls with {factor}: {stats}{magnitude}",
            _ => $"no monotone relation between {quantity} and {factor}: {stats}",
        };
    }

    /// <summary>"T_I changes sign between init scale 1 and 2" (every place where two neighbouring levels,
    /// ordered by value, have finite level temperatures of opposite signs), or null when it never does:
    /// a rank correlation over a sign change mixes T passing through ±∞ (ΔS crossing 0) with a trend.</summary>
    public static string? SignChange(string quantity, string factor, IReadOnlyList<(string Level, double X, double? T)> levels)
    {
        var finite = levels.Where(l => l.T is not null).OrderBy(l => l.X).ToList();
        var changes = finite.Zip(finite.Skip(1)).Where(p => Math.Sign(p.First.T!.Value) * Math.Sign(p.Second.T!.Value) < 0)
            .Select(p => $"{p.First.Level} and {p.Second.Level}").ToList();
        return changes.Count == 0 ? null : $"{quantity} changes sign between {factor} {string.Join(", between ", changes)}";
    }

    /// <summary>"T_I differs across dataset: Kruskal–Wallis H = 12.3 (permutation p = 0.0005, n = 20)"
    /// or "no difference in T_I across dataset detected: …".</summary>
    public static string Categorical(string quantity, string factor, (double H, double PValue)? k, int n)
    {
        if (k is not var (h, p)) return $"no difference in {quantity} across {factor} detected: fewer than 2 levels with finite temperatures";
        string stats = $"Kruskal–Wallis H = {F(h)} (permutation p = {P(p)}, n = {n})";
        return p < Alpha ? $"{quantity} differs across {factor}: {stats}" : $"no difference in {quantity} across {factor} detected: {stats}";
    }

    private static string F(double v)
    {
        string s = Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
        return s == "-0.00" ? "0.00" : s;
    }

    private static string P(double p) => p.ToString("G2", CultureInfo.InvariantCulture);
}
