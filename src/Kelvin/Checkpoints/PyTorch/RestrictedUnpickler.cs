using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Kelvin.Checkpoints.PyTorch;

/// <summary>A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a view of a storage
/// (element offset, sizes and strides in elements).</summary>
internal sealed record PickledTensor(PickledStorage Storage, long Offset, long[] Size, long[] Stride);

/// <summary>A storage named by a persistent id ('storage', torch.XStorage, key, location, numel):
/// its element type (the class name, e.g. "FloatStorage"), its key (the zip entry data/KEY) and length.</summary>
internal sealed record PickledStorage(string Type, string Key, long Count);

/// <summary>A class or function named by GLOBAL that Kelvin allows (it is never called: REDUCE
/// interprets the few it knows).</summary>
internal sealed record PickledGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A pickled dict (or OrderedDict), in insertion order.</summary>
internal sealed class PickledDict
{
    public List<KeyValuePair<object?, object?>> Items { get; } = [];
    public void Set(object? key, object? value) => Items.Add(new(key, value));
}

/// <summary>
/// A pickle reader that understands only what a PyTorch state_dict needs, like
/// <c>torch.load(weights_only=True)</c>, and never executes code: the data opcodes of protocols 2–5
/// (None, bools, ints, floats, strings, bytes, tuples, lists, dicts, memo), persistent ids for
/// storages, and REDUCE / BUILD of an allow-list of globals interpreted by Kelvin itself:
/// collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_parameter(_with_state),
/// torch.*Storage and _codecs.encode. Any other global (and every other opcode) ends in a one-line
/// <see cref="KelvinException"/>.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state", "_codecs.encode", "builtins.set", "builtins.frozenset",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage",
        "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage",
    };

    private static readonly object Mark = new();
    private readonly byte[] _data;
    private readonly string _what;
    private int _pos;
    private readonly List<object?> _stack = [];
    private readonly Dictionary<long, object?> _memo = [];

    private RestrictedUnpickler(byte[] data, string what)
    {
        _data = data;
        _what = what;
    }

    /// <summary>The object pickled in <paramref name="data"/>.</summary>
    public static object? Load(byte[] data, string what) => new RestrictedUnpickler(data, what).Run();

    private KelvinException Fail(string message) => new($"{_what}: {message}");

    private object? Run()
    {
        while (true)
        {
            if (_pos >= _data.Length) throw Fail("the pickle ends without STOP (truncated)");
            byte op = _data[_pos++];
            switch (op)
            {
                case 0x80: Bytes(1); break;                                   // PROTO
                case 0x95: Bytes(8); break;                                   // FRAME
                case (byte)'.': return _stack.Count == 1 ? _stack[0] : throw Fail("the pickle leaves a malformed stack");
                case (byte)'(': _stack.Add(Mark); break;
                case (byte)'}': _stack.Add(new PickledDict()); break;
                case (byte)']': _stack.Add(new List<object?>()); break;
                case (byte)')': _stack.Add(Array.Empty<object?>()); break;
                case (byte)'t': _stack.Add(PopMark().ToArray()); break;
                case 0x85: _stack.Add(new[] { Pop() }); break;
                case 0x86: { var b = Pop(); var a = Pop(); _stack.Add(new[] { a, b }); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); _stack.Add(new[] { a, b, c }); break; }
                case (byte)'q': _memo[Bytes(1)[0]] = Top(); break;             // BINPUT
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4))] = Top(); break;
                case 0x94: _memo[_memo.Count] = Top(); break;                 // MEMOIZE
                case (byte)'h': _stack.Add(Get(Bytes(1)[0])); break;           // BINGET
                case (byte)'j': _stack.Add(Get(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))); break;
                case (byte)'J': _stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))); break;
                case (byte)'K': _stack.Add((long)Bytes(1)[0]); break;
                case (byte)'M': _stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2))); break;
                case 0x8a: _stack.Add(Long(Bytes(Bytes(1)[0]))); break;       // LONG1
                case (byte)'N': _stack.Add(null); break;
                case 0x88: _stack.Add(true); break;
                case 0x89: _stack.Add(false); break;
                case (byte)'G': _stack.Add(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8))); break;
                case (byte)'X': _stack.Add(Utf8(Bytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))))); break;
                case 0x8c: _stack.Add(Utf8(Bytes(Bytes(1)[0]))); break;       // SHORT_BINUNICODE
                case 0x8d: _stack.Add(Utf8(Bytes(Length(BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8)))))); break;
                case (byte)'T': _stack.Add(Encoding.Latin1.GetString(Bytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))))); break;
                case (byte)'U': _stack.Add(Encoding.Latin1.GetString(Bytes(Bytes(1)[0]))); break;
                case (byte)'B': _stack.Add(Bytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)))).ToArray()); break;
                case (byte)'C': _stack.Add(Bytes(Bytes(1)[0]).ToArray()); break;
                case (byte)'c': _stack.Add(Global(Line(), Line())); break;
                case 0x93: { var name = Pop(); var module = Pop(); _stack.Add(Global(module as string ?? "?", name as string ?? "?")); break; }
                case (byte)'R': { var args = Pop(); var f = Pop(); _stack.Add(Reduce(f, args)); break; }
                case (byte)'b': { Pop(); break; }                              // BUILD: state (e.g. _metadata) is ignored
                case (byte)'s': { var v = Pop(); var k = Pop(); AsDict(Top()).Set(k, v); break; }
                case (byte)'u': { var items = PopMark(); var d = AsDict(Top()); for (int i = 0; i + 1 < items.Count; i += 2) d.Set(items[i], items[i + 1]); break; }
                case (byte)'a': { var v = Pop(); AsList(Top()).Add(v); break; }
                case (byte)'e': { var items = PopMark(); AsList(Top()).AddRange(items); break; }
                case (byte)'Q': _stack.Add(PersistentLoad(Pop())); break;
                case (byte)'0': Pop(); break;
                case (byte)'1': PopMark(); break;
                case (byte)'2': _stack.Add(Top()); break;
                default: throw Fail($"pickle opcode 0x{op:x2} at byte {_pos - 1} is not allowed in a state_dict (Kelvin never runs code from a checkpoint)");
            }
        }
    }

    private ReadOnlySpan<byte> Bytes(int n)
    {
        if (n < 0 || n > _data.Length - _pos) throw Fail($"the pickle ends inside an opcode at byte {_pos} (truncated)");
        var span = _data.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    private int Length(ulong n) => n <= (ulong)(_data.Length - _pos) ? (int)n : throw Fail($"a pickled string claims {n} bytes but {_data.Length - _pos} remain");

    private string Utf8(ReadOnlySpan<byte> bytes)
    {
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { throw Fail("a pickled string is not valid UTF-8"); }
    }

    private string Line()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0 || end - _pos > 256) throw Fail("a GLOBAL name is not terminated (a truncated or corrupt pickle)");
        string s = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return s;
    }

    private object Long(ReadOnlySpan<byte> bytes)
    {
        var v = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return v >= long.MinValue && v <= long.MaxValue ? (long)v : throw Fail("a pickled integer does not fit 64 bits");
    }

    private object? Top() => _stack.Count > 0 ? _stack[^1] : throw Fail("the pickle reads an empty stack");

    private object? Pop()
    {
        var v = Top();
        _stack.RemoveAt(_stack.Count - 1);
        if (ReferenceEquals(v, Mark)) throw Fail("the pickle pops a MARK");
        return v;
    }

    private List<object?> PopMark()
    {
        int m = _stack.FindLastIndex(x => ReferenceEquals(x, Mark));
        if (m < 0) throw Fail("the pickle has no MARK to pop to");
        var items = _stack.GetRange(m + 1, _stack.Count - m - 1);
        _stack.RemoveRange(m, _stack.Count - m);
        return items;
    }

    private object? Get(long key) => _memo.TryGetValue(key, out var v) ? v : throw Fail($"the pickle reads memo {key}, which was never stored");

    private PickledDict AsDict(object? o) => o as PickledDict ?? throw Fail("SETITEM on something that is not a dict");
    private List<object?> AsList(object? o) => o as List<object?> ?? throw Fail("APPEND on something that is not a list");

    private PickledGlobal Global(string module, string name)
    {
        var g = new PickledGlobal(module, name);
        if (!Allowed.Contains(g.ToString()))
            throw Fail($"the pickle calls {g}, which is not part of a state_dict; Kelvin reads tensors only and never runs code from a checkpoint (save model.state_dict(), or safetensors)");
        return g;
    }

    private object? Reduce(object? f, object? argsObject)
    {
        if (f is not PickledGlobal g || argsObject is not object?[] args) throw Fail("REDUCE of something that is not an allowed global");
        switch (g.ToString())
        {
            case "collections.OrderedDict":
                return new PickledDict();
            case "builtins.set" or "builtins.frozenset":
                return new List<object?>();
            case "_codecs.encode":
                return args.Length > 0 && args[0] is string s ? Encoding.Latin1.GetBytes(s) : throw Fail("_codecs.encode without a string");
            case "torch._utils._rebuild_parameter" or "torch._utils._rebuild_parameter_with_state":
                return args.Length > 0 && args[0] is PickledTensor t ? t : throw Fail("a parameter that is not a tensor");
            case "torch._utils._rebuild_tensor_v2":
                if (args.Length < 4 || args[0] is not PickledStorage storage || args[1] is not long offset)
                    throw Fail("_rebuild_tensor_v2 with unexpected arguments");
                return new PickledTensor(storage, offset, Longs(args[2]), Longs(args[3]));
            default:
                throw Fail($"{g} cannot be called");
        }
    }

    private long[] Longs(object? o) => o is object?[] items && items.All(x => x is long v && v >= 0)
        ? [.. items.Cast<long>()] : throw Fail("a tensor size or stride is not a tuple of non-negative integers");

    private PickledStorage PersistentLoad(object? pid)
    {
        if (pid is not object?[] { Length: 5 } t || t[0] is not "storage" || t[1] is not PickledGlobal type || t[2] is not string key || t[4] is not long count || count < 0)
            throw Fail("a persistent id that is not a ('storage', type, key, location, numel) tuple");
        if (!type.Name.EndsWith("Storage", StringComparison.Ordinal)) throw Fail($"{type} is not a storage type");
        return new PickledStorage(type.Name, key, count);
    }
}
