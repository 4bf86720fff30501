using Kelvin.Randomness;

namespace Kelvin.Data;

/// <summary>A train/test split of one dataset, with the feature (and, for regression, target)
/// standardization fitted on the training part only and applied to both.</summary>
public sealed record DataSplit(Dataset Train, Dataset Test, Standardizer Standardizer)
{
    /// <summary>The default held-out fraction.</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>Splits <paramref name="data"/> by <paramref name="seed"/>: classification splits are
    /// stratified (each class contributes round(fraction·n_c) test samples, at least one when it has
    /// two or more); regression takes round(fraction·n) samples at random. Then standardizes.</summary>
    public static DataSplit Create(Dataset data, ulong seed, double testFraction = DefaultTestFraction, bool standardize = true)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new KelvinException($"the test fraction must lie in (0, 1) (got {testFraction})");
        var (train, test) = Indices(data, seed, testFraction);
        if (train.Count == 0 || test.Count == 0) throw new KelvinException($"dataset '{data.Name}' has too few samples ({data.Count}) for a train/test split");
        var rawTrain = data.Subset(train, data.Name);
        var rawTest = data.Subset(test, data.Name + "-test");
        var standardizer = standardize ? Standardizer.Fit(rawTrain) : Standardizer.Identity(rawTrain);
        return new DataSplit(standardizer.Apply(rawTrain), standardizer.Apply(rawTest), standardizer);
    }

    /// <summary>The train and test row indices, each in increasing order.</summary>
    public static (List<int> Train, List<int> Test) Indices(Dataset data, ulong seed, double testFraction)
    {
        var rng = new Rng(seed, 0x5917);
        var train = new List<int>();
        var test = new List<int>();
        IEnumerable<int[]> groups = data.Task == TaskKind.Classification
            ? Enumerable.Range(0, data.Outputs).Select(c => Enumerable.Range(0, data.Count).Where(i => data.Labels![i] == c).ToArray())
            : [Enumerable.Range(0, data.Count).ToArray()];
        foreach (int[] group in groups)
        {
            rng.Shuffle<int>(group);
            int m = (int)Math.Round(testFraction * group.Length, MidpointRounding.AwayFromZero);
            if (m == 0 && group.Length >= 2) m = 1;
            if (m == group.Length) m = group.Length - 1;
            test.AddRange(group.Take(m));
            train.AddRange(group.Skip(m));
        }
        train.Sort(); test.Sort();
        return (train, test);
    }
}
