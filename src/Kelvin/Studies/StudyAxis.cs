using System.Globalization;

namespace Kelvin.Studies;

/// <summary>
/// One factor a study varies, with the levels it takes, in order. A numeric axis (every level a
/// number) is tested for a monotone relation with T (Spearman ρ); a categorical one (e.g. dataset)
/// for any difference between levels (Kruskal–Wallis H).
/// </summary>
/// <param name="Name">a settings property in snake case: label_noise, train_fraction, dataset, width,
/// depth, activation, init_scale, learning_rate, batch, epochs, shift, shift_size, view (particle,
/// ensemble, thermal: a categorical axis; the ensemble view needs members ≥ 4 in the base).</param>
/// <param name="Levels">the values, as text (numbers in invariant culture).</param>
public sealed record StudyAxis(string Name, IReadOnlyList<string> Levels)
{
    /// <summary>Every axis name a design may use.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["label_noise", "train_fraction", "dataset", "width", "depth", "activation", "init_scale", "learning_rate", "batch", "epochs", "shift", "shift_size", "view"];

    /// <summary>True when every level parses as a number.</summary>
    public bool IsNumeric => Levels.All(l => TryNumber(l, out _));

    /// <summary>Level i as a number (numeric axes only).</summary>
    public double Number(int i) => TryNumber(Levels[i], out double v) ? v : throw new KelvinException($"axis {Name}: level '{Levels[i]}' is not a number");

    /// <summary>A person's name for the axis: "label noise".</summary>
    public string Label => Name.Replace('_', ' ');

    /// <summary><paramref name="settings"/> with this axis at <paramref name="level"/>.</summary>
    public StudySettings Apply(StudySettings settings, string level)
    {
        double D() => TryNumber(level, out double v) ? v : throw new KelvinException($"axis {Name}: level '{level}' is not a number");
        int I() => D() is var v && v == Math.Floor(v) && v >= 1 && v <= int.MaxValue ? (int)v : throw new KelvinException($"axis {Name}: level '{level}' is not a positive whole number");
        return (Name switch
        {
            "label_noise" => settings with { LabelNoise = D() },
            "train_fraction" => settings with { TrainFraction = D() },
            "dataset" => settings with { Dataset = level },
            "width" => settings with { Width = I() },
            "depth" => settings with { Depth = I() },
            "activation" => settings with { Activation = level },
            "init_scale" => settings with { InitScale = D() },
            "learning_rate" => settings with { LearningRate = D() },
            "batch" => settings with { Batch = I() },
            "epochs" => settings with { Epochs = I() },
            "shift" => settings with { Shift = level },
            "shift_size" => settings with { ShiftSize = D() },
            "view" => settings with { View = level },
            _ => throw new KelvinException($"unknown study axis '{Name}': expected one of {string.Join(", ", Names)}"),
        }).Validated();
    }

    /// <summary>Checks the name and that there are at least two distinct levels.</summary>
    public StudyAxis Validated()
    {
        if (!Names.Contains(Name)) throw new KelvinException($"unknown study axis '{Name}': expected one of {string.Join(", ", Names)}");
        if (Levels.Count < 2) throw new KelvinException($"axis {Name} needs at least 2 levels (got {Levels.Count})");
        if (Levels.Distinct().Count() != Levels.Count) throw new KelvinException($"axis {Name} repeats a level");
        return this;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
