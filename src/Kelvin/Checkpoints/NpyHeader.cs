using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kelvin.Checkpoints;

/// <summary>
/// The header of a NumPy .npy array: the magic "\x93NUMPY", a version byte pair (1.0, 2.0 or 3.0), a
/// little-endian header length (2 bytes in v1, 4 in v2/v3) and a Python dict literal
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (16, 8), }</c>. Reads little-endian
/// float16/32/64 ('&lt;f2', '&lt;f4', '&lt;f8'; '|' or '=' also accepted for the byte order).
/// </summary>
public sealed partial record NpyHeader(TensorDType DType, bool FortranOrder, long[] Shape, int HeaderBytes, NpyInteger? Integer = null)
{
    /// <summary>True for an array of floats (<see cref="DType"/>); false for integers or booleans
    /// (<see cref="Integer"/>, and DType is then unused).</summary>
    public bool IsFloat => Integer is null;

    /// <summary>The largest header accepted (numpy writes well under 1 KB).</summary>
    public const int MaxHeaderBytes = 1 << 20;

    /// <summary>The 6-byte magic string of .npy files.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a header from the current position of <paramref name="stream"/>, of which at
    /// most <paramref name="available"/> bytes belong to this array.</summary>
    public static NpyHeader Read(Stream stream, long available, string what)
    {
        Span<byte> prefix = stackalloc byte[12];
        if (available < 10) throw new KelvinException($"{what}: {available} bytes is too short for a .npy header");
        ReadExactly(stream, prefix[..10], what);
        if (!prefix[..6].SequenceEqual(Magic)) throw new KelvinException($"{what}: not a .npy array (bad magic)");
        byte major = prefix[6];
        int fixedBytes;
        long headerLength;
        switch (major)
        {
            case 1:
                fixedBytes = 10;
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10]);
                break;
            case 2 or 3:
                if (available < 12) throw new KelvinException($"{what}: too short for a version-{major} .npy header");
                ReadExactly(stream, prefix[10..12], what);
                fixedBytes = 12;
                headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
                break;
            default:
                throw new KelvinException($"{what}: unsupported .npy version {major}.{prefix[7]}");
        }
        if (headerLength > MaxHeaderBytes || headerLength > available - fixedBytes)
            throw new KelvinException($"{what}: the .npy header claims {headerLength} bytes but at most {Math.Min(MaxHeaderBytes, available - fixedBytes)} are possible");
        var text = new byte[headerLength];
        ReadExactly(stream, text, what);
        string dict;
        try { dict = (major == 3 ? new UTF8Encoding(false, true) : Encoding.Latin1).GetString(text); }
        catch (DecoderFallbackException) { throw new KelvinException($"{what}: the .npy header is not valid UTF-8"); }
        var header = Parse(dict, fixedBytes + (int)headerLength, what);
        return header;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try { stream.ReadExactly(buffer); }
        catch (EndOfStreamException) { throw new KelvinException($"{what}: the file ends inside the .npy header (truncated)"); }
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    private static NpyHeader Parse(string dict, int headerBytes, string what)
    {
        var trimmed = dict.Trim();
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}'))
            throw new KelvinException($"{what}: the .npy header is not a dict literal");
        var descr = DescrPattern().Match(trimmed);
        var fortran = FortranPattern().Match(trimmed);
        var shape = ShapePattern().Match(trimmed);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new KelvinException($"{what}: the .npy header lacks descr, fortran_order or shape ({Shorten(trimmed)})");
        var dims = new List<long>();
        foreach (var part in shape.Groups[1].Value.Split(','))
        {
            var p = part.Trim().TrimEnd('L');
            if (p.Length == 0) continue;
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long d))
                throw new KelvinException($"{what}: the .npy shape has a bad dimension '{Shorten(part)}'");
            dims.Add(d);
        }
        string code = descr.Groups[1].Value;
        var integer = NpyInteger.Parse(code);
        return new NpyHeader(integer is null ? ParseDescr(code, what) : TensorDType.Float64, fortran.Groups[1].Value == "True", [.. dims], headerBytes, integer);
    }

    private static TensorDType ParseDescr(string descr, string what)
    {
        if (descr.Length >= 2 && descr[0] == '>' && descr[1..] is not ("f1" or "u1" or "i1"))
            throw new KelvinException($"{what}: big-endian .npy data ('{descr}') is not supported; save it little-endian");
        string code = descr.Length > 0 && descr[0] is '<' or '|' or '=' ? descr[1..] : descr;
        return code switch
        {
            "f2" => TensorDType.Float16,
            "f4" => TensorDType.Float32,
            "f8" => TensorDType.Float64,
            _ => throw new KelvinException($"{what}: unsupported .npy dtype '{Shorten(descr)}' (expected float16, float32 or float64)"),
        };
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    /// <summary>Reorders values stored in Fortran (column-major) order into C (row-major) order, in place.</summary>
    public static void FortranToC(Span<double> values, IReadOnlyList<long> shape)
    {
        if (shape.Count < 2) return;
        var fortran = values.ToArray();
        var c = values;
        int rank = shape.Count;
        var index = new long[rank];
        // Fortran strides: stride[0] = 1, stride[k] = stride[k-1]·shape[k-1].
        var stride = new long[rank];
        stride[0] = 1;
        for (int k = 1; k < rank; k++) stride[k] = stride[k - 1] * shape[k - 1];
        long f = 0;
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = fortran[f];
            for (int k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                f += stride[k];
                if (index[k] < shape[k]) break;
                f -= stride[k] * index[k];
                index[k] = 0;
            }
        }
    }
}
