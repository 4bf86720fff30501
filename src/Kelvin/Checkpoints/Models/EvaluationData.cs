using Kelvin.Data;

namespace Kelvin.Checkpoints.Models;

/// <summary>
/// The data a model's energy is measured on: n inputs x_i (each of <see cref="SampleShape"/>, float32
/// in C order) and targets y_i (a class label, a scalar, or a vector per sample).
/// <para>Sources (<see cref="Load"/>): <c>--data X.npy --target y.npy</c>; <c>--data D.npz</c> with
/// <c>--target NAME</c> naming its target array (default "y"; the inputs are the array "x", or the
/// only other array); <c>--data D.csv --target COLUMN</c> (the other columns, in order, are the
/// features).</para>
/// </summary>
public sealed record EvaluationData(string Source, long[] SampleShape, float[] Inputs, long[] TargetShape, double[] Targets)
{
    /// <summary>n, the number of samples.</summary>
    public int Count => (int)(TargetShape.Length == 0 ? 0 : TargetShape[0]);

    /// <summary>Elements per input sample, Π <see cref="SampleShape"/>.</summary>
    public long SampleSize => SampleShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Loads data and targets (see the type's remarks).</summary>
    public static EvaluationData Load(string data, string? target)
    {
        string ext = Path.GetExtension(data).ToLowerInvariant();
        switch (ext)
        {
            case ".npy":
                if (target is null || !target.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
                    throw new KelvinException("--data X.npy needs --target Y.npy (the targets of the same samples)");
                return Of(data, DataArray.ReadNpy(data), DataArray.ReadNpy(target));
            case ".npz":
                var arrays = DataArray.ReadNpz(data);
                string y = target ?? "y";
                var t = arrays.FirstOrDefault(a => a.Name == y);
                if (t.Array is null) throw new KelvinException($"{data}: no array '{y}' for the targets (arrays: {string.Join(", ", arrays.Select(a => a.Name))}); name it with --target");
                var others = arrays.Where(a => a.Name != y).ToList();
                var x = others.FirstOrDefault(a => a.Name == "x");
                if (x.Array is null && others.Count == 1) x = others[0];
                if (x.Array is null) throw new KelvinException($"{data}: cannot tell the input array (expected 'x' or exactly one array besides '{y}')");
                return Of(data, x.Array, t.Array);
            case ".csv":
                if (target is null) throw new KelvinException("--data FILE.csv needs --target COLUMN");
                var set = CsvDatasetReader.Read(data, target, TaskKind.Regression);
                return new EvaluationData(data, [set.FeatureCount], set.Features, [set.Count], [.. set.Targets.Select(v => (double)v)]);
            default:
                throw new KelvinException($"--data {Path.GetFileName(data)}: expected .npy, .npz or .csv");
        }
    }

    private static EvaluationData Of(string source, DataArray x, DataArray y)
    {
        if (x.Shape.Length < 1 || y.Shape.Length < 1) throw new KelvinException($"{source}: inputs and targets need a leading sample dimension");
        if (x.Shape[0] != y.Shape[0]) throw new KelvinException($"{source}: {x.Shape[0]} inputs but {y.Shape[0]} targets");
        if (x.Shape[0] == 0) throw new KelvinException($"{source}: no samples");
        return new EvaluationData(source, x.Shape[1..], Array.ConvertAll(x.Values, v => (float)v), y.Shape, y.Values);
    }
}
