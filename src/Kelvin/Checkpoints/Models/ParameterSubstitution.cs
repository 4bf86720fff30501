namespace Kelvin.Checkpoints.Models;

/// <summary>
/// The parameters of two checkpoints put into one ONNX model by initializer name: θ_before and
/// θ_after as name → float32 values for every float32 initializer of the model (a tensor the
/// checkpoints do not hold keeps the model's own value, see <see cref="Kept"/>), and the layers,
/// the substituted tensors grouped by module (the name up to its last '.': conv1.weight and
/// conv1.bias form layer conv1; a BatchNorm's weight, bias and running statistics form one layer).
/// </summary>
public sealed record ParameterSubstitution(
    IReadOnlyDictionary<string, float[]> Before,
    IReadOnlyDictionary<string, float[]> After,
    IReadOnlyList<ModelLayer> Layers,
    IReadOnlyList<string> Kept)
{
    /// <summary>Matches the float tensors of <paramref name="before"/> and <paramref name="after"/>
    /// to the initializers of <paramref name="model"/>; a tensor without an initializer of its name
    /// or shape, or held by one checkpoint only, is a one-line error listing them. A tied tensor the
    /// graph holds under its twin's name only (see <see cref="DuplicateTensors"/>) is taken as that twin.</summary>
    public static ParameterSubstitution Of(OnnxModel model, CheckpointFile before, CheckpointFile after)
    {
        // A tied tensor (the same storage or values as another under a second name) that the graph
        // holds once, under the other name (PyTorch's exporter keeps one initializer), is not missing.
        var tied = DuplicateTensors.Find(before, before.Tensors).Concat(DuplicateTensors.Find(after, after.Tensors))
            .Where(d => model.Find(d.Name) is null && model.Find(d.SameAs) is not null).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var unmatched = before.Tensors.Concat(after.Tensors).Select(t => t.Name).Distinct().Where(n => model.Find(n) is null && !tied.Contains(n)).ToList();
        if (unmatched.Count > 0)
            throw new KelvinException($"{unmatched.Count} checkpoint tensor(s) match no float32 initializer of {model.Name} by name: {List(unmatched)} (the model's: {List(model.Parameters.Select(p => p.Name).ToList())})");
        var namesA = before.Tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var namesB = after.Tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var onlyOne = namesA.Where(n => !namesB.Contains(n)).Concat(namesB.Where(n => !namesA.Contains(n))).ToList();
        if (onlyOne.Count > 0) throw new KelvinException($"tensor(s) in only one checkpoint: {List(onlyOne)}");
        var a = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var b = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var kept = new List<string>();
        var groups = new List<(string Name, List<CheckpointTensor> Tensors)>();
        foreach (var p in model.Parameters)
        {
            if (before.Find(p.Name) is not { } ta)
            {
                a[p.Name] = b[p.Name] = model.Default(p.Name);
                kept.Add(p.Name);
                continue;
            }
            var tb = after.Find(p.Name)!;
            foreach (var (t, side) in new[] { (ta, "BEFORE"), (tb, "AFTER") })
                if (!t.Shape.SequenceEqual(p.Shape))
                    throw new KelvinException($"tensor '{p.Name}' has shape {TensorShape.Format(t.Shape)} in {side} but {TensorShape.Format(p.Shape)} in {model.Name}");
            a[p.Name] = Array.ConvertAll(before.ReadValues(ta), v => (float)v);
            b[p.Name] = Array.ConvertAll(after.ReadValues(tb), v => (float)v);
            string module = p.Name.Contains('.') ? p.Name[..p.Name.LastIndexOf('.')] : p.Name;
            var g = groups.FindIndex(x => x.Name == module);
            if (g < 0) groups.Add((module, [p]));
            else groups[g].Tensors.Add(p);
        }
        return new ParameterSubstitution(a, b, [.. groups.Select(g => new ModelLayer(g.Name, [.. g.Tensors.Select(t => t.Name)]))], kept);
    }

    private static string List(IReadOnlyCollection<string> names) =>
        string.Join(", ", names.Take(8)) + (names.Count > 8 ? $", … ({names.Count} in all)" : "");
}

/// <summary>A layer of a model: a module's substituted tensors (weights, biases, norm statistics).</summary>
public sealed record ModelLayer(string Name, IReadOnlyList<string> Tensors);
