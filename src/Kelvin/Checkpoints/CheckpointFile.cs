namespace Kelvin.Checkpoints;

/// <summary>
/// Opens a checkpoint of any supported format. The format is told by the first bytes: "\x93NUMPY"
/// is .npy, "PK\x03\x04" (or an empty zip's "PK\x05\x06") is .npz, an 8-byte length followed by
/// '{' is safetensors; otherwise the extension decides (.onnx, .safetensors, .npy, .npz), and a file
/// that matches nothing is refused.
/// </summary>
public static class CheckpointFile
{
    /// <summary>The supported formats, as named in messages and JSON.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["safetensors", "npy", "npz", "onnx"];

    /// <summary>Opens the file at <paramref name="path"/>.</summary>
    public static Checkpoint Open(string path)
    {
        if (!File.Exists(path)) throw new KelvinException($"checkpoint not found: {path}");
        var stream = File.OpenRead(path);
        try { return Open(stream, path, ownsStream: true); }
        catch { stream.Dispose(); throw; }
    }

    /// <summary>Opens <paramref name="stream"/> (seekable); <paramref name="fileName"/> supplies the
    /// extension when the bytes do not tell the format, and names the tensor of a lone .npy.</summary>
    public static Checkpoint Open(Stream stream, string fileName, bool ownsStream = false)
    {
        if (!stream.CanSeek) throw new KelvinException("a checkpoint must be read from a seekable file");
        string format = Detect(stream, fileName);
        stream.Position = 0;
        return format switch
        {
            "npy" => new NpyCheckpoint(stream, Path.GetFileNameWithoutExtension(fileName), ownsStream),
            "npz" => new NpzCheckpoint(stream, ownsStream),
            "safetensors" => new SafetensorsCheckpoint(stream, ownsStream),
            _ => new OnnxCheckpoint(stream, ownsStream),
        };
    }

    /// <summary>The format of <paramref name="stream"/>: by magic bytes first, then by extension.</summary>
    public static string Detect(Stream stream, string fileName)
    {
        Span<byte> head = stackalloc byte[9];
        stream.Position = 0;
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith(NpyHeader.Magic)) return "npy";
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return "npz";
        if (n == 9 && head[8] == (byte)'{') return "safetensors";
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".onnx" => "onnx",
            ".safetensors" => "safetensors",
            ".npy" => "npy",
            ".npz" => "npz",
            var ext => throw new KelvinException($"cannot tell the checkpoint format of '{Path.GetFileName(fileName)}' (extension '{ext}'): expected {string.Join(", ", Formats)}"),
        };
    }
}
