using System.Text.Json;

namespace Kelvin.Checkpoints;

/// <summary>
/// A checkpoint split into shards, as Hugging Face saves large models: an index
/// (model.safetensors.index.json or pytorch_model.bin.index.json) whose "weight_map" names the shard
/// file of every tensor, next to the shards. Each shard's header is read when the index is opened;
/// values are read lazily, one tensor at a time, from the shard that holds it. Tensors are listed
/// shard by shard (shards in the order the index first names them), each in its file order.
/// </summary>
public sealed class ShardedCheckpoint : CheckpointFile
{
    /// <summary>The files a folder is looked up for, in order of preference.</summary>
    public static IReadOnlyList<string> FolderFiles { get; } =
        ["model.safetensors.index.json", "model.safetensors", "pytorch_model.bin.index.json", "pytorch_model.bin"];

    private static readonly string[] Extensions = [".safetensors", ".pt", ".pth", ".bin", ".onnx", ".npz", ".npy"];

    private readonly List<CheckpointFile> _shards = [];
    private readonly List<(CheckpointFile Shard, CheckpointTensor Tensor)> _sources = [];
    private readonly string _format;

    public override string Format => _format;

    /// <summary>The shard files, in the order their tensors are listed.</summary>
    public IReadOnlyList<string> ShardFiles { get; }

    private ShardedCheckpoint(string indexPath)
    {
        var map = ReadWeightMap(indexPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(indexPath))!;
        var files = map.Values.Distinct(StringComparer.Ordinal).ToList();
        ShardFiles = files;
        var tensors = new List<CheckpointTensor>();
        var skipped = new List<SkippedTensor>();
        try
        {
            foreach (string file in files)
            {
                if (file.Contains('/') || file.Contains('\\') || file.Contains(".."))
                    throw new KelvinException($"{Path.GetFileName(indexPath)}: shard '{file}' is not a file name in the index's folder");
                var shard = CheckpointFile.Open(Path.Combine(folder, file));
                _shards.Add(shard);
                foreach (var t in shard.Tensors)
                {
                    if (!map.TryGetValue(t.Name, out var owner) || owner != file) continue;
                    tensors.Add(t);
                    _sources.Add((shard, t));
                }
                skipped.AddRange(shard.Skipped.Where(s => map.TryGetValue(s.Name, out var owner) && owner == file));
            }
            var found = tensors.Select(t => t.Name).Concat(skipped.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
            var missing = map.Keys.Where(k => !found.Contains(k)).ToList();
            if (missing.Count > 0)
                throw new KelvinException($"{Path.GetFileName(indexPath)}: {missing.Count} tensor(s) of the index are not in their shard: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}");
            _format = $"sharded {_shards[0].Format} ({files.Count} shards)";
            Skipped = skipped;
            SetTensors(tensors);
        }
        catch
        {
            foreach (var s in _shards) s.Dispose();
            throw;
        }
    }

    /// <summary>Opens the sharded checkpoint described by the index file at <paramref name="indexPath"/>.</summary>
    public static ShardedCheckpoint OpenIndex(string indexPath) => new(indexPath);

    /// <summary>The checkpoint file inside <paramref name="folder"/>: the first of <see cref="FolderFiles"/>
    /// present, else the folder's only checkpoint file; otherwise a one-line error.</summary>
    public static string Resolve(string folder)
    {
        foreach (string name in FolderFiles)
            if (File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        var candidates = Directory.GetFiles(folder).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new KelvinException($"{folder}: a folder without a checkpoint (expected {string.Join(", ", FolderFiles)} or one checkpoint file)"),
            _ => throw new KelvinException($"{folder}: {candidates.Count} checkpoint files and no index ({string.Join(", ", FolderFiles.Where(f => f.EndsWith(".json")))}); name the file"),
        };
    }

    private static Dictionary<string, string> ReadWeightMap(string indexPath)
    {
        string name = Path.GetFileName(indexPath);
        var info = new FileInfo(indexPath);
        if (info.Length > 100_000_000) throw new KelvinException($"{name}: {info.Length} bytes is too large for an index");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new KelvinException($"{name}: no \"weight_map\" object (not a sharded-checkpoint index)");
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in map.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) throw new KelvinException($"{name}: weight_map entry '{p.Name}' is not a file name");
                if (!result.TryAdd(p.Name, p.Value.GetString()!)) throw new KelvinException($"{name}: tensor '{p.Name}' is listed twice");
            }
            if (result.Count == 0) throw new KelvinException($"{name}: the weight_map is empty");
            return result;
        }
        catch (JsonException e)
        {
            throw new KelvinException($"{name}: not valid JSON ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    protected internal override object? StorageIdentity(int index)
    {
        var (shard, tensor) = _sources[index];
        return shard.StorageIdentity(tensor) is { } key ? (shard, key) : null;
    }

    protected override void ReadCore(int index, Span<double> destination)
    {
        var (shard, tensor) = _sources[index];
        shard.ReadValues(tensor, destination);
    }

    protected override void ReadLeadingCore(int index, Span<double> destination)
    {
        var (shard, tensor) = _sources[index];
        shard.ReadLeading(tensor, destination);
    }

    /// <summary>Ranges are read from the shards when every shard reads ranges (safetensors shards do).</summary>
    public override bool CanReadRanges => _shards.All(s => s.CanReadRanges);

    protected override void ReadRangeCore(int index, long start, Span<double> destination)
    {
        var (shard, tensor) = _sources[index];
        shard.ReadRange(tensor, start, destination);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) foreach (var s in _shards) s.Dispose();
    }
}
