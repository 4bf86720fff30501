namespace Kelvin.Studies;

/// <summary>
/// The built-in studies, each a one-at-a-time design around a 32-32 relu network on digits trained
/// with SGD, shifted by a covariate shift and refreshed:
/// <list type="bullet">
/// <item><c>data</c>: label noise 0 … 0.5, training-set fraction, dataset (digits, fashion_mnist_1k, wine, breast_cancer);</item>
/// <item><c>complexity</c>: hidden width and depth;</item>
/// <item><c>optimizer</c>: learning rate η and batch size B (and T against η/B over both);</item>
/// <item><c>init</c>: the initialization's scale g around the activation's standard (He) scale.</item>
/// </list>
/// The quick variants keep every axis with fewer levels and epochs (aimed at under 3 minutes on 2 cores for data).
/// </summary>
public static class StudyCatalog
{
    /// <summary>The built-in names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["data", "complexity", "optimizer", "init"];

    /// <summary>Seeds per condition of the full studies.</summary>
    public const int FullSeeds = 10;

    private static readonly StudySettings FullBase = new(Epochs: 10);
    private static readonly StudySettings QuickBase = new(Epochs: 4, EvaluationSize: 256);

    /// <summary>The built-in design called <paramref name="name"/>, or null.</summary>
    public static StudyDesign? Find(string name, bool quick)
    {
        var b = quick ? QuickBase : FullBase;
        int seeds = quick ? StudyDesign.MinimumSeeds : FullSeeds;
        string n = quick ? name + "-quick" : name;
        StudyAxis A(string axis, params string[] levels) => new(axis, levels);
        return name switch
        {
            "data" => new StudyDesign(n, b, quick
                ? [A("label_noise", "0", "0.1", "0.2", "0.3", "0.4", "0.5"), A("train_fraction", "0.25", "0.5", "1"), A("dataset", "digits", "fashion_mnist_1k", "wine", "breast_cancer")]
                : [A("label_noise", "0", "0.1", "0.2", "0.3", "0.4", "0.5"), A("train_fraction", "0.125", "0.25", "0.5", "1"), A("dataset", "digits", "fashion_mnist_1k", "wine", "breast_cancer")],
                seeds),
            "complexity" => new StudyDesign(n, b, quick
                ? [A("width", "8", "32", "64"), A("depth", "1", "2", "3")]
                : [A("width", "8", "16", "32", "64", "128"), A("depth", "1", "2", "3", "4")],
                seeds),
            "optimizer" => new StudyDesign(n, b, quick
                ? [A("learning_rate", "0.01", "0.05", "0.2"), A("batch", "8", "32", "128")]
                : [A("learning_rate", "0.01", "0.02", "0.05", "0.1", "0.2"), A("batch", "8", "16", "32", "64", "128")],
                seeds),
            "init" => new StudyDesign(n, b, quick
                ? [A("init_scale", "0.25", "1", "4")]
                : [A("init_scale", "0.125", "0.25", "0.5", "1", "2", "4", "8")],
                seeds),
            _ => null,
        };
    }

    /// <summary>Resolves what the user named: a built-in (with --quick), or a .yaml/.yml/.json design file.</summary>
    public static StudyDesign Resolve(string spec, bool quick, int? seeds)
    {
        var design = Find(spec, quick)
            ?? (File.Exists(spec) || spec.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                || spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? StudyDesignFile.Load(spec)
                : throw new KelvinException($"unknown study '{spec}': expected {string.Join(", ", Names)} or a design file (.yaml, .yml, .json)"));
        return (seeds is int s ? design with { Seeds = s } : design).Validated();
    }
}
