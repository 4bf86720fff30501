namespace Kelvin.Checkpoints;

/// <summary>A weight that is another weight under a second name (tied weights, e.g. an embedding
/// shared with the output head): counted once, under <paramref name="SameAs"/>, and noted.</summary>
public sealed record DuplicateTensor(string Name, string SameAs, string Reason);

/// <summary>
/// Finds weights that hold the same parameters under two names, so that the entropy counts them once
/// (S is a sum over distinct parameters; a tied matrix is one set of particles). Two kinds:
/// <list type="bullet">
/// <item>shared storage (torch.save keeps one storage for tied tensors): the same storage, offset
/// and element count, through any view (a transpose is the same parameters);</item>
/// <item>identical values in formats that store copies (safetensors, .npz, ONNX): the same element
/// count and the same values in the same order (a 64-bit hash, then an exact comparison).</item>
/// </list>
/// The later name (in file order) is the duplicate. Only weights whose element count and first 64
/// values another weight shares are read whole, one at a time.
/// </summary>
public static class DuplicateTensors
{
    /// <summary>The duplicates among <paramref name="weights"/> of <paramref name="file"/>.</summary>
    public static IReadOnlyList<DuplicateTensor> Find(CheckpointFile file, IReadOnlyList<CheckpointTensor> weights)
    {
        var result = new List<DuplicateTensor>();
        var seenStorage = new Dictionary<object, string>();
        var rest = new List<CheckpointTensor>();
        foreach (var w in weights)
        {
            if (file.StorageIdentity(w) is { } key)
            {
                if (seenStorage.TryGetValue(key, out var first)) { result.Add(new(w.Name, first, "shares storage")); continue; }
                seenStorage[key] = w.Name;
            }
            rest.Add(w);
        }
        foreach (var group in rest.GroupBy(w => w.Count).Where(g => g.Count() > 1))
        {
            // A fingerprint of the first values first (a seek in safetensors): distinct tensors differ
            // there, so only candidates are read whole.
            var head = new double[Math.Min(FingerprintValues, group.Key)];
            var candidates = group.GroupBy(w => { file.ReadLeading(w, head); return Hash(head); }).Where(g => g.Count() > 1).SelectMany(g => g);
            var byHash = new Dictionary<ulong, List<CheckpointTensor>>();
            foreach (var w in candidates)
            {
                ulong h = Hash(file.ReadValues(w));
                if (!byHash.TryGetValue(h, out var same)) byHash[h] = same = [];
                var original = same.FirstOrDefault(o => file.ReadValues(o).AsSpan().SequenceEqual(file.ReadValues(w)));
                if (original is not null) result.Add(new(w.Name, original.Name, "identical values"));
                else same.Add(w);
            }
        }
        return result;
    }

    /// <summary>How many leading values fingerprint a tensor before it is read whole.</summary>
    private const int FingerprintValues = 64;

    /// <summary>FNV-1a over the bit patterns of the values, in order.</summary>
    private static ulong Hash(ReadOnlySpan<double> values)
    {
        ulong h = 14695981039346656037UL;
        foreach (double v in values)
        {
            h ^= (ulong)BitConverter.DoubleToInt64Bits(v);
            h *= 1099511628211UL;
        }
        return h;
    }
}
