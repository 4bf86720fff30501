using System.IO.Compression;

namespace Kelvin.Checkpoints.Models;

/// <summary>An n-dimensional array of data read from .npy or an .npz entry: its shape and values as
/// float64 in C order (floats, integers and booleans are all accepted, e.g. images and class labels).</summary>
public sealed record DataArray(long[] Shape, double[] Values)
{
    /// <summary>The largest array read (elements): data for an energy must fit in memory.</summary>
    public const long MaxElements = 1L << 28;

    /// <summary>Reads the .npy file at <paramref name="path"/>.</summary>
    public static DataArray ReadNpy(string path)
    {
        if (!File.Exists(path)) throw new KelvinException($"data file not found: {path}");
        using var s = File.OpenRead(path);
        return Read(s, s.Length, $"npy '{Path.GetFileName(path)}'");
    }

    /// <summary>The arrays of the .npz file at <paramref name="path"/>, by name, in archive order.</summary>
    public static List<(string Name, DataArray Array)> ReadNpz(string path)
    {
        if (!File.Exists(path)) throw new KelvinException($"data file not found: {path}");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var result = new List<(string, DataArray)>();
            foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
            {
                using var s = e.Open();
                result.Add((e.FullName[..^4], Read(s, e.Length, $"npz '{Path.GetFileName(path)}' entry '{e.FullName}'")));
            }
            return result;
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not FileNotFoundException)
        {
            throw new KelvinException($"{path}: not a readable .npz ({e.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static DataArray Read(Stream s, long available, string what)
    {
        var header = NpyHeader.Read(s, available, what);
        long count = TensorShape.ElementCount(what, header.Shape);
        if (count > MaxElements) throw new KelvinException($"{what}: {count} elements is more than Kelvin loads as data ({MaxElements})");
        int size = header.IsFloat ? header.DType.Size() : header.Integer!.Size;
        if (count * size > available - header.HeaderBytes) throw new KelvinException($"{what}: shape {TensorShape.Format(header.Shape)} needs {count * size} bytes but the array holds fewer (truncated)");
        var values = new double[count];
        if (header.IsFloat) StreamBytes.ReadValuesInto(s, -1, header.DType, values, what);
        else
        {
            var bytes = new byte[count * size];
            try { s.ReadExactly(bytes); }
            catch (EndOfStreamException) { throw new KelvinException($"{what}: the data ends early (truncated)"); }
            for (long i = 0; i < count; i++) values[i] = header.Integer!.Decode(bytes.AsSpan((int)(i * size), size));
        }
        if (header.FortranOrder) NpyHeader.FortranToC(values, header.Shape);
        for (long i = 0; i < count; i++)
            if (!double.IsFinite(values[i])) throw new KelvinException($"{what}: value {i} is {values[i]}");
        return new DataArray(header.Shape, values);
    }
}
