namespace Kelvin.Data;

/// <summary>What a dataset's targets are.</summary>
public enum TaskKind
{
    /// <summary>Class labels 0..C−1; targets are one-hot rows of length C.</summary>
    Classification,
    /// <summary>Real-valued targets; one column per output.</summary>
    Regression,
}

/// <summary>
/// A dataset D = {(xᵢ, yᵢ)}, i = 1..n, in the layout the network engine consumes: features as a
/// row-major float32 matrix n × d, targets as a row-major float32 matrix n × outputs (one-hot rows
/// for classification, with the integer labels kept in <see cref="Labels"/>).
/// </summary>
public sealed class Dataset
{
    /// <summary>Builds a dataset, checking shapes and that every value is finite.</summary>
    public Dataset(string name, TaskKind task, float[] features, int n, int d, float[] targets, int outputs,
                   int[]? labels = null, IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        if (n <= 0 || d <= 0 || outputs <= 0) throw new KelvinException($"dataset '{name}' is empty (n = {n}, d = {d}, outputs = {outputs})");
        if (features.Length != n * d) throw new ArgumentException($"features hold {features.Length} values, expected n·d = {n * d}");
        if (targets.Length != n * outputs) throw new ArgumentException($"targets hold {targets.Length} values, expected n·outputs = {n * outputs}");
        if (task == TaskKind.Classification && (labels is null || labels.Length != n))
            throw new ArgumentException("a classification dataset needs one label per sample");
        for (int i = 0; i < features.Length; i++)
            if (!float.IsFinite(features[i])) throw new KelvinException($"dataset '{name}': feature value {features[i]} in row {i / d + 1}, column {i % d + 1}");
        for (int i = 0; i < targets.Length; i++)
            if (!float.IsFinite(targets[i])) throw new KelvinException($"dataset '{name}': target value {targets[i]} in row {i / outputs + 1}");
        Name = name; Task = task; Features = features; Count = n; FeatureCount = d; Targets = targets; Outputs = outputs;
        Labels = labels;
        FeatureNames = featureNames ?? Enumerable.Range(0, d).Select(j => $"x{j}").ToList();
        ClassNames = classNames ?? (task == TaskKind.Classification ? Enumerable.Range(0, outputs).Select(c => c.ToString()).ToList() : []);
    }

    public string Name { get; }
    public TaskKind Task { get; }
    /// <summary>Row-major n × d feature matrix.</summary>
    public float[] Features { get; }
    /// <summary>n, the number of samples.</summary>
    public int Count { get; }
    /// <summary>d, the number of features.</summary>
    public int FeatureCount { get; }
    /// <summary>Row-major n × outputs target matrix (one-hot for classification).</summary>
    public float[] Targets { get; }
    /// <summary>Number of outputs (classes C for classification).</summary>
    public int Outputs { get; }
    /// <summary>Class labels 0..C−1 (classification only).</summary>
    public int[]? Labels { get; }
    public IReadOnlyList<string> FeatureNames { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Row i of the features.</summary>
    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * FeatureCount, FeatureCount);

    /// <summary>The names of the features that take one value in every row (they carry no signal).</summary>
    public IReadOnlyList<string> ConstantFeatures()
    {
        var constant = new List<string>();
        for (int j = 0; j < FeatureCount; j++)
        {
            float first = Features[j];
            bool same = true;
            for (int i = 1; i < Count && same; i++) same = Features[(long)i * FeatureCount + j] == first;
            if (same) constant.Add(FeatureNames.Count > j ? FeatureNames[j] : $"feature {j + 1}");
        }
        return constant;
    }
    /// <summary>Row i of the targets.</summary>
    public ReadOnlySpan<float> TargetRow(int i) => Targets.AsSpan(i * Outputs, Outputs);

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new dataset.</summary>
    public Dataset Subset(IReadOnlyList<int> indices, string? name = null)
    {
        int m = indices.Count;
        var x = new float[m * FeatureCount];
        var y = new float[m * Outputs];
        int[]? labels = Labels is null ? null : new int[m];
        for (int r = 0; r < m; r++)
        {
            int i = indices[r];
            Row(i).CopyTo(x.AsSpan(r * FeatureCount, FeatureCount));
            TargetRow(i).CopyTo(y.AsSpan(r * Outputs, Outputs));
            if (labels is not null) labels[r] = Labels![i];
        }
        return new Dataset(name ?? Name, Task, x, m, FeatureCount, y, Outputs, labels, FeatureNames, ClassNames);
    }

    /// <summary>A classification dataset from features and integer labels 0..C−1 (one-hot targets).</summary>
    public static Dataset Classification(string name, float[] features, int n, int d, int[] labels, int classes,
                                         IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? classNames = null)
    {
        var y = new float[n * classes];
        for (int i = 0; i < n; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes) throw new KelvinException($"dataset '{name}': label {labels[i]} in row {i + 1} is outside 0..{classes - 1}");
            y[i * classes + labels[i]] = 1f;
        }
        return new Dataset(name, TaskKind.Classification, features, n, d, y, classes, labels, featureNames, classNames);
    }
}
