using Kelvin.Randomness;
using Kelvin.Studies;

namespace Kelvin.Tests.Studies;

/// <summary>The verdict is computed from the data: a rising series reads "rises", the same values
/// shuffled read "no monotone relation"; ranks and ρ are the textbook ones.</summary>
public class VerdictTests
{
    /// <summary>6 levels × 6 seeds: T = level + noise, the seed shared by a row.</summary>
    private static (List<double> X, List<double> Y, List<int> Seed) Rising(double noise)
    {
        var rng = new Rng(11, 0);
        var (x, y, s) = (new List<double>(), new List<double>(), new List<int>());
        for (int level = 0; level < 6; level++)
            for (int seed = 0; seed < 6; seed++)
            {
                x.Add(level * 0.1);
                y.Add(0.02 * level + noise * rng.NextGaussian());
                s.Add(seed);
            }
        return (x, y, s);
    }

    [Fact]
    public void A_rising_series_rises_and_its_mirror_falls()
    {
        var (x, y, s) = Rising(0.01);
        var c = RankStatistics.Correlate(x, y, s, 5)!;
        Assert.True(c.Rho > 0.8 && c.Low > 0 && c.PValue < 0.01, c.ToString());
        Assert.StartsWith("T_I rises with label noise: ρ = ", StudyVerdict.Monotone("T_I", "label noise", c));
        var mirror = RankStatistics.Correlate(x, y.Select(v => -v).ToList(), s, 5)!;
        Assert.StartsWith("T_I falls with label noise: ρ = -", StudyVerdict.Monotone("T_I", "label noise", mirror));
        // a negative T that rises moves toward 0: the sentence says |T| falls
        Assert.EndsWith("(T_I < 0 at every level: |T_I| falls)", StudyVerdict.Monotone("T_I", "label noise", c, levelSign: -1));
    }

    [Fact]
    public void A_sign_change_between_levels_is_named()
    {
        var levels = new List<(string, double, double?)> { ("2", 2, 0.2), ("0.5", 0.5, -0.002), ("1", 1, -0.01), ("4", 4, null), ("8", 8, 6.6) };
        Assert.Equal("T_I changes sign between init scale 1 and 2", StudyVerdict.SignChange("T_I", "init scale", levels));
        Assert.Null(StudyVerdict.SignChange("T_I", "init scale", [("1", 1, -0.1), ("2", 2, -0.2)]));
    }

    [Fact]
    public void The_same_values_shuffled_have_no_monotone_relation()
    {
        var (x, y, s) = Rising(0.01);
        var shuffled = y.ToArray();
        new Rng(2024, 1).Shuffle<double>(shuffled);
        var c = RankStatistics.Correlate(x, shuffled, s, 5)!;
        Assert.True(c.Low <= 0 && c.High >= 0, c.ToString());
        Assert.StartsWith("no monotone relation between T_I and label noise: ρ = ", StudyVerdict.Monotone("T_I", "label noise", c));
    }

    [Fact]
    public void The_interval_contains_rho_and_the_statistics_repeat_for_a_seed()
    {
        var (x, y, s) = Rising(0.05);
        var a = RankStatistics.Correlate(x, y, s, 9)!;
        Assert.InRange(a.Rho, a.Low, a.High);
        Assert.Equal(a, RankStatistics.Correlate(x, y, s, 9));
    }

    [Fact]
    public void Ties_share_their_average_rank_and_rho_matches_the_formula()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4.0], RankStatistics.Ranks([1, 5, 5, 9]));
        Assert.Equal([2.0, 2.0, 2.0], RankStatistics.Ranks([3, 3, 3]));
        // without ties ρ = 1 − 6 Σ d² / (n(n² − 1)): ranks of y are 2,1,4,3,5 → Σd² = 4 → ρ = 0.8
        Assert.Equal(0.8, RankStatistics.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])!.Value, 12);
        Assert.Null(RankStatistics.Spearman([1, 2, 3], [7, 7, 7]));
    }

    [Fact]
    public void A_categorical_axis_differs_only_when_the_levels_differ()
    {
        var rng = new Rng(3, 0);
        var level = Enumerable.Range(0, 24).Select(i => i / 6).ToList();
        var apart = level.Select(l => l + 0.1 * rng.NextGaussian()).ToList();
        var same = level.Select(_ => rng.NextGaussian()).ToList();
        Assert.StartsWith("T_I differs across dataset", StudyVerdict.Categorical("T_I", "dataset", RankStatistics.KruskalWallis(apart, level, 1), 24));
        var k = RankStatistics.KruskalWallis(same, level, 1);
        Assert.True(k!.Value.PValue > StudyVerdict.Alpha, k.ToString());
        Assert.StartsWith("no difference in T_I across dataset detected", StudyVerdict.Categorical("T_I", "dataset", k, 24));
    }
}
