using Kelvin.Thermodynamics;

namespace Kelvin.Studies;

/// <summary>One level of an axis: T_I and T_II across the seeds (ratio of the seeds' mean ΔE and ΔS,
/// SE by the jackknife over seeds, <see cref="TemperatureEstimate.FromMembers"/>; null with fewer than
/// 2 seeds with finite ΔS), T_l per layer of the training transition (the same estimate over the
/// layer's allocated ΔE_l and ΔS_l), the mean test score and the number of cells found.</summary>
public sealed record LevelSummary(string Level, double? X, TemperatureEstimate? Training, TemperatureEstimate? Refresh,
                                  IReadOnlyList<(string Layer, TemperatureEstimate? Temperature)> Layers, Estimate? Score, int Cells);

/// <summary>One axis analysed for one temperature: the verdict and its statistics.</summary>
/// <param name="Quantity">"T_I" or "T_II".</param>
/// <param name="Correlation">Spearman ρ of T against the level over every cell (numeric axes).</param>
/// <param name="KruskalWallis">H and p across levels (categorical axes).</param>
/// <param name="N">cells with a finite temperature (the others are degenerate and left out).</param>
/// <param name="Verdict">the sentence (<see cref="StudyVerdict"/>).</param>
public sealed record AxisTest(string Quantity, RankCorrelation? Correlation, (double H, double PValue)? KruskalWallis, int N, string Verdict);

/// <summary>An axis: its levels and the tests of T_I and T_II against it.</summary>
public sealed record AxisAnalysis(string Axis, string Label, bool Numeric, IReadOnlyList<LevelSummary> Levels, AxisTest Training, AxisTest Refresh);

/// <summary>
/// The analysis of a study (docs/theory.md's claim that T indicates the data distribution and the training
/// complexity, put to a test): per axis, per level, T mean ± SE across seeds; Spearman ρ of the cells'
/// T against the level, with a 95% interval from a bootstrap over seeds and a permutation p; the
/// verdict. Cells whose T is degenerate (no finite value) are left out of ρ and counted.
/// </summary>
public sealed record StudyAnalysis(StudyDesign Design, int Cells, int Missing, IReadOnlyList<AxisAnalysis> Axes, AxisAnalysis? LearningRateOverBatch)
{
    /// <summary>The design's axes, then T against η/B when the design varies the learning rate or batch.</summary>
    public IEnumerable<AxisAnalysis> AllAxes => LearningRateOverBatch is { } r ? [.. Axes, r] : Axes;

    /// <summary>The seed of the bootstrap and permutation draws (the design's first seed).</summary>
    private static ulong StatisticsSeed(StudyDesign d) => d.Seed ^ 0x57A7_5EEDUL;

    /// <summary>Analyses the cells found in <paramref name="results"/> (by key).</summary>
    public static StudyAnalysis Of(StudyDesign design, IReadOnlyDictionary<string, CellResult> results)
    {
        var cells = design.Cells();
        int missing = cells.Count(c => !results.ContainsKey(c.Key));
        var axes = design.Axes.Select(a => Axis(design, a, results)).ToList();
        return new StudyAnalysis(design, cells.Count, missing, axes, RateOverBatch(design, results));
    }

    private static AxisAnalysis Axis(StudyDesign d, StudyAxis axis, IReadOnlyDictionary<string, CellResult> results)
    {
        var levels = new List<LevelSummary>();
        var points = new List<(double X, int Level, int Seed, CellResult R)>();
        for (int i = 0; i < axis.Levels.Count; i++)
        {
            var settings = axis.Apply(d.Base, axis.Levels[i]);
            var found = Enumerable.Range(0, d.Seeds)
                .Select(s => (Seed: s, R: results.GetValueOrDefault(StudyCell.KeyOf(settings, d.SeedOf(s)))))
                .Where(p => p.R is not null).ToList();
            double? x = axis.IsNumeric ? axis.Number(i) : null;
            levels.Add(Summarize(axis.Levels[i], x, found.Select(p => p.R!).ToList()));
            points.AddRange(found.Select(p => (x ?? i, i, p.Seed, p.R!)));
        }
        return new AxisAnalysis(axis.Name, axis.Label, axis.IsNumeric, levels,
            Test(d, "T_I", axis.Name, axis.Label, axis.IsNumeric, points, r => r.Training, levels, l => l.Training),
            Test(d, "T_II", axis.Name, axis.Label, axis.IsNumeric, points, r => r.Refresh, levels, l => l.Refresh));
    }

    /// <summary>The test of one temperature against one axis; the resampling seed derives from the
    /// design's seed, the axis and the quantity (FNV-1a of their names), never from the run.</summary>
    private static AxisTest Test(StudyDesign d, string quantity, string name, string label, bool numeric,
                                 IReadOnlyList<(double X, int Level, int Seed, CellResult R)> points, Func<CellResult, CellTransition> pick,
                                 IReadOnlyList<LevelSummary> levels, Func<LevelSummary, TemperatureEstimate?> level)
    {
        var finite = points.Where(p => pick(p.R).Temperature is not null).ToList();
        var t = finite.Select(p => pick(p.R).Temperature!.Value).ToList();
        ulong seed = StatisticsSeed(d) ^ Fnv(name + "/" + quantity);
        if (numeric)
        {
            var c = RankStatistics.Correlate(finite.Select(p => p.X).ToList(), t, finite.Select(p => p.Seed).ToList(), seed);
            var perLevel = levels.Select(l => (l.Level, l.X ?? 0, level(l)?.Temperature.Value)).ToList();
            string verdict = StudyVerdict.Monotone(quantity, label, c, Sign(levels, level));
            if (StudyVerdict.SignChange(quantity, label, perLevel) is { } change) verdict += $" ({change})";
            return new AxisTest(quantity, c, null, finite.Count, verdict);
        }
        var k = RankStatistics.KruskalWallis(t, finite.Select(p => p.Level).ToList(), seed);
        return new AxisTest(quantity, null, k, finite.Count, StudyVerdict.Categorical(quantity, label, k, finite.Count));
    }

    /// <summary>T against η/B over every cell of the learning-rate and batch axes (the optimizer study's question).</summary>
    private static AxisAnalysis? RateOverBatch(StudyDesign d, IReadOnlyDictionary<string, CellResult> results)
    {
        var axes = d.Axes.Where(a => a.Name is "learning_rate" or "batch").ToList();
        if (axes.Count == 0) return null;
        var byRatio = new SortedDictionary<double, List<(int Seed, CellResult R)>>();
        foreach (var a in axes)
            foreach (string level in a.Levels)
            {
                var s = a.Apply(d.Base, level);
                for (int k = 0; k < d.Seeds; k++)
                    if (results.GetValueOrDefault(StudyCell.KeyOf(s, d.SeedOf(k))) is { } r)
                    {
                        var list = byRatio.TryGetValue(s.LearningRate / s.Batch, out var l) ? l : byRatio[s.LearningRate / s.Batch] = [];
                        if (!list.Any(p => p.R.Key == r.Key)) list.Add((k, r));
                    }
            }
        var ratios = byRatio.Keys.ToList();
        var levels = ratios.Select(x => Summarize(Reports.ReportFormat.Number(x), x, byRatio[x].Select(p => p.R).ToList())).ToList();
        var points = ratios.SelectMany((x, i) => byRatio[x].Select(p => (x, i, p.Seed, p.R))).ToList();
        const string name = "learning_rate_over_batch", label = "η/B";
        return new AxisAnalysis(name, label, true, levels,
            Test(d, "T_I", name, label, true, points, r => r.Training, levels, l => l.Training),
            Test(d, "T_II", name, label, true, points, r => r.Refresh, levels, l => l.Refresh));
    }

    /// <summary>−1 when every level's T is finite and negative, +1 when every one is positive, else 0.</summary>
    private static int Sign(IReadOnlyList<LevelSummary> levels, Func<LevelSummary, TemperatureEstimate?> pick)
    {
        var t = levels.Select(l => pick(l)?.Temperature.Value).ToList();
        return t.All(v => v < 0) ? -1 : t.All(v => v > 0) ? 1 : 0;
    }

    private static LevelSummary Summarize(string level, double? x, IReadOnlyList<CellResult> cells) =>
        new(level, x, Across(cells, c => c.Training), Across(cells, c => c.Refresh), LayersAcross(cells),
            cells.Count > 0 ? Estimate.MeanOf(cells.Select(c => c.TestScore).ToArray()) : null, cells.Count);

    /// <summary>T across seeds: ratio of mean ΔE to mean ΔS with the jackknife SE; null with fewer than 2 seeds with finite ΔS.</summary>
    private static TemperatureEstimate? Across(IReadOnlyList<CellResult> cells, Func<CellResult, CellTransition> pick)
    {
        var ok = cells.Where(c => pick(c).EntropyChange is not null).ToList();
        if (ok.Count < 2) return null;
        return TemperatureEstimate.FromMembers(ok.Select(c => pick(c).EnergyChange).ToArray(), ok.Select(c => pick(c).EntropyChange!.Value).ToArray(),
            EntropyViews.Parse(ok[0].View));
    }

    /// <summary>T_l across seeds for each layer name of the first cell (cells of one level share the architecture).</summary>
    private static IReadOnlyList<(string, TemperatureEstimate?)> LayersAcross(IReadOnlyList<CellResult> cells) =>
        cells.Count == 0 ? [] : cells[0].Layers.Select((layer, l) => (layer.Name, Across(cells.Where(c => c.Layers.Count > l).ToList(),
            c => new CellTransition(c.Layers[l].EnergyChange, c.Layers[l].EntropyChange, c.Layers[l].Temperature, c.Layers[l].Regime, null)))).ToList();

    private static ulong Fnv(string s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s) { h ^= c; h *= 1099511628211UL; }
        return h;
    }
}
