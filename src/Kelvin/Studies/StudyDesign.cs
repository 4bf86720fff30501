namespace Kelvin.Studies;

/// <summary>
/// A study: a base condition, the axes varied one at a time around it (each axis's levels with every
/// other factor at the base), and the seeds every condition is repeated with. Cells are the distinct
/// (settings, seed) pairs: a condition shared by two axes (typically the base) is trained once.
/// </summary>
/// <param name="Name">the study's name (a built-in's, or the design file's).</param>
/// <param name="Base">the shared settings.</param>
/// <param name="Axes">the factors, each varied with the others at the base.</param>
/// <param name="Seeds">repetitions per condition (at least <see cref="MinimumSeeds"/>).</param>
/// <param name="Seed">the first seed; repetition s uses Seed + s.</param>
public sealed record StudyDesign(string Name, StudySettings Base, IReadOnlyList<StudyAxis> Axes, int Seeds, ulong Seed = 1)
{
    /// <summary>The only mode: each axis varied alone around the base condition.</summary>
    public const string Mode = "one-at-a-time";

    /// <summary>The fewest seeds per condition: below 5 a rank interval over seeds means little.</summary>
    public const int MinimumSeeds = 5;

    /// <summary>The seed of repetition <paramref name="s"/>.</summary>
    public ulong SeedOf(int s) => Seed + (ulong)s;

    /// <summary>Every condition, axis by axis, level by level.</summary>
    public IReadOnlyList<StudyCondition> Conditions() =>
        Axes.SelectMany(a => a.Levels.Select(l => new StudyCondition(a.Name, l, a.Apply(Base, l)))).ToList();

    /// <summary>The distinct cells, in a fixed order: conditions in order, seeds within each, a
    /// (settings, seed) pair seen before skipped.</summary>
    public IReadOnlyList<StudyCell> Cells()
    {
        var seen = new HashSet<string>();
        var cells = new List<StudyCell>();
        foreach (var c in Conditions())
            for (int s = 0; s < Seeds; s++)
                if (seen.Add(StudyCell.KeyOf(c.Settings, SeedOf(s))))
                    cells.Add(new StudyCell(cells.Count, c.Settings, SeedOf(s)));
        return cells;
    }

    /// <summary>Checks the design (name, seeds, axes, every condition's settings).</summary>
    public StudyDesign Validated()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new KelvinException("a study design needs a name");
        if (Seeds < MinimumSeeds) throw new KelvinException($"a study needs at least {MinimumSeeds} seeds per condition (got {Seeds})");
        if (Axes.Count == 0) throw new KelvinException("a study design needs at least one axis");
        if (Axes.Select(a => a.Name).Distinct().Count() != Axes.Count) throw new KelvinException("a study design names an axis twice");
        foreach (var a in Axes) a.Validated();
        Base.Validated();
        _ = Conditions();
        return this;
    }
}
