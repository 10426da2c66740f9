using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace StaticGraph.Examples.Data;

/// <summary>
/// A minimal unpickler for the Python pickles that data sets ship (CIFAR-10's <c>cifar-10-batches-py</c>: dicts of
/// byte strings, int lists and numpy arrays), protocols 0–5 as far as those files use them. Python values map to
/// <c>null</c> (None), <see cref="bool"/>, <see cref="long"/> (int), <see cref="double"/> (float), <see cref="string"/>
/// (str), <c>byte[]</c> (bytes, and Python 2 str read with <c>encoding='bytes'</c>), <c>List&lt;object?&gt;</c> (list),
/// <c>object?[]</c> (tuple), <c>Dictionary&lt;string, object?&gt;</c> (dict with str or bytes keys, bytes keys
/// decoded as Latin-1) and <see cref="NDArray"/> (a little-endian numpy array of bool, uint8, int32, int64, float32 or
/// float64). Only the callables numpy and Python 3's protocol 2 use (<c>numpy.core.multiarray._reconstruct</c>,
/// <c>numpy.ndarray</c>, <c>numpy.dtype</c>, <c>_codecs.encode</c>) are accepted; any other global, opcode or
/// malformed input raises an <see cref="InvalidDataException"/> naming the source and the byte offset.
/// </summary>
public sealed class Pickle
{
    private readonly byte[] _bytes;
    private readonly string _source;
    private readonly List<object?> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;

    private Pickle(byte[] bytes, string source) => (_bytes, _source) = (bytes, source);

    /// <summary>The value pickled in the file at <paramref name="path"/>.</summary>
    public static object? Load(string path) => Loads(File.ReadAllBytes(path), path);

    /// <summary>The value pickled in <paramref name="bytes"/>; <paramref name="source"/> names it in errors.</summary>
    public static object? Loads(byte[] bytes, string source = "pickle")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new Pickle(bytes, source).Run();
    }

    // A global the unpickler knows how to call (REDUCE) or build (BUILD).
    private sealed record Global(string Module, string Name)
    {
        public override string ToString() => $"{Module}.{Name}";
    }

    // numpy.dtype(descr, False, True) awaiting its BUILD state, which carries the byte order.
    private sealed class NumpyDType(string descr)
    {
        public string Descr { get; } = descr;

        public string ByteOrder { get; set; } = "=";
    }

    // numpy.core.multiarray._reconstruct(ndarray, (0,), b'b'): an empty array that BUILD fills.
    private sealed class PendingArray;

    private object? Run()
    {
        while (true)
        {
            int at = _pos;
            byte op = Byte();
            if (op == (byte)'.')
            {
                if (_stack.Count != 1)
                {
                    throw Error(at, $"STOP with {_stack.Count} values on the stack (expected 1)");
                }

                return _stack[0];
            }

            Step(op, at);
        }
    }

    private void Step(byte op, int at)
    {
        switch (op)
        {
            case 0x80: Byte(); break;                                   // PROTO n
            case 0x95: Take(8); break;                                  // FRAME length: frames only group opcodes
            case (byte)'(': _marks.Push(_stack.Count); break;           // MARK
            case (byte)'0': Pop(at); break;                             // POP
            case (byte)'1': PopMark(at); break;                         // POP_MARK
            case (byte)'2': Push(Peek(at)); break;                      // DUP
            case (byte)'N': Push(null); break;
            case 0x88: Push(true); break;                               // NEWTRUE
            case 0x89: Push(false); break;                              // NEWFALSE
            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;   // BININT
            case (byte)'K': Push((long)Byte()); break;                  // BININT1
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
            case (byte)'I': Push(Line() switch { "00" => false, "01" => true, var t => TextInt(t, at) }); break; // INT
            case 0x8A: Push(Long1(at)); break;                          // LONG1
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;          // BINFLOAT
            case (byte)'U': Push(Take(Byte()).ToArray()); break;        // SHORT_BINSTRING (Python 2 str, read as bytes)
            case (byte)'T': Push(Take(Length32(at)).ToArray()); break;  // BINSTRING
            case (byte)'C': Push(Take(Byte()).ToArray()); break;        // SHORT_BINBYTES
            case (byte)'B': Push(Take(Length32(at)).ToArray()); break;  // BINBYTES
            case 0x8E: Push(Take(Length64(at)).ToArray()); break;       // BINBYTES8
            case 0x8C: Push(Encoding.UTF8.GetString(Take(Byte()))); break;        // SHORT_BINUNICODE
            case (byte)'X': Push(Encoding.UTF8.GetString(Take(Length32(at)))); break; // BINUNICODE
            case 0x8D: Push(Encoding.UTF8.GetString(Take(Length64(at)))); break;  // BINUNICODE8
            case (byte)']': Push(new List<object?>()); break;           // EMPTY_LIST
            case (byte)'l': Push(new List<object?>(PopMark(at))); break;           // LIST
            case (byte)'a': AppendTo(at, [Pop(at)]); break;              // APPEND
            case (byte)'e': AppendTo(at, PopMark(at)); break;            // APPENDS
            case (byte)')': Push(Array.Empty<object?>()); break;        // EMPTY_TUPLE
            case (byte)'t': Push(PopMark(at)); break;                   // TUPLE
            case 0x85: Push(PopN(1, at)); break;                        // TUPLE1
            case 0x86: Push(PopN(2, at)); break;                        // TUPLE2
            case 0x87: Push(PopN(3, at)); break;                        // TUPLE3
            case (byte)'}': Push(new Dictionary<string, object?>(StringComparer.Ordinal)); break; // EMPTY_DICT
            case (byte)'d': Push(SetItems(new Dictionary<string, object?>(StringComparer.Ordinal), PopMark(at), at)); break; // DICT
            case (byte)'s': SetItems(Peek(at, 2), PopN(2, at), at); break;  // SETITEM
            case (byte)'u': { var items = PopMark(at); SetItems(Peek(at), items, at); break; }  // SETITEMS
            case (byte)'c': Push(Known(Line(), Line(), at)); break;     // GLOBAL "module\nname\n"
            case 0x93: { var name = Pop(at); Push(Known(Pop(at) as string, name as string, at)); break; } // STACK_GLOBAL
            case (byte)'R': { var args = Pop(at) as object?[]; Push(Call(Pop(at), args, at)); break; }   // REDUCE
            case (byte)'b': { var state = Pop(at); Build(state, at); break; }   // BUILD
            case (byte)'q': _memo[Byte()] = Peek(at); break;            // BINPUT
            case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(at); break; // LONG_BINPUT
            case (byte)'p': _memo[TextInt(Line(), at)] = Peek(at); break;           // PUT
            case 0x94: _memo[_memo.Count] = Peek(at); break;            // MEMOIZE
            case (byte)'h': Push(Memo(Byte(), at)); break;              // BINGET
            case (byte)'j': Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)); break;   // LONG_BINGET
            case (byte)'g': Push(Memo(TextInt(Line(), at), at)); break;              // GET
            default: throw Error(at, $"unsupported pickle opcode 0x{op:X2} ('{(char)op}')");
        }
    }

    private Global Known(string? module, string? name, int at)
    {
        var global = new Global(module ?? "?", name ?? "?");
        return global.ToString() switch
        {
            "numpy.core.multiarray._reconstruct" or "numpy._core.multiarray._reconstruct" or "numpy.ndarray"
                or "numpy.dtype" or "_codecs.encode" => global,
            _ => throw Error(at, $"unsupported global {global} (only numpy arrays, dtypes and byte strings are read)"),
        };
    }

    private object Call(object? callable, object?[]? args, int at)
    {
        if (callable is not Global global || args is null)
        {
            throw Error(at, "REDUCE needs a known global and an argument tuple");
        }

        switch (global.Name)
        {
            case "_reconstruct":
                return new PendingArray();
            case "dtype" when args is [var descr, ..] && Text(descr) is string d:
                return new NumpyDType(d);
            case "encode" when args is [string text, string codec] && codec.Replace("-", "", StringComparison.Ordinal) == "latin1":
                return Encoding.Latin1.GetBytes(text);   // Python 3 protocol 2 writes bytes as _codecs.encode(str, 'latin1')
            default:
                throw Error(at, $"cannot call {global} with ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "None"))})");
        }
    }

    private void Build(object? state, int at)
    {
        var target = Peek(at);
        switch (target, state)
        {
            case (NumpyDType dtype, object?[] { Length: >= 2 } s) when Text(s[1]) is string order:
                dtype.ByteOrder = order;
                break;
            case (PendingArray pending, object?[] { Length: 5 } s):
                var array = ArrayFromState(s, at);
                _stack[^1] = array;
                foreach (var key in _memo.Where(e => ReferenceEquals(e.Value, pending)).Select(e => e.Key).ToArray())
                {
                    _memo[key] = array;   // a BINPUT before BUILD memoized the empty array; later BINGETs want the filled one
                }

                break;
            default:
                throw Error(at, $"cannot BUILD a {target?.GetType().Name ?? "None"} from a {state?.GetType().Name ?? "None"}");
        }
    }

    // Python 2 pickles read with encoding='bytes' pass numpy's dtype strings ('u1', '|') as bytes.
    private static string? Text(object? value) => value switch
    {
        string s => s,
        byte[] b => Encoding.ASCII.GetString(b),
        _ => null,
    };

    // numpy's ndarray.__setstate__ tuple: (version, shape, dtype, is_fortran, raw data bytes).
    private NDArray ArrayFromState(object?[] state, int at)
    {
        if (state is not [_, object?[] dims, NumpyDType dtype, bool fortran, byte[] raw])
        {
            throw Error(at, "a numpy array state must be (version, shape, dtype, is_fortran, bytes); object arrays are not supported");
        }

        if (fortran && dims.Length > 1)
        {
            throw Error(at, "Fortran-ordered numpy arrays are not supported");
        }

        var shape = dims.Select(d => d is long n and >= 0 and <= int.MaxValue ? (int)n : throw Error(at, $"bad array dimension {d}")).ToArray();
        // numpy writes '|' for one-byte types and '<', '>' or '=' (native: little-endian here) for the others.
        string order = dtype.ByteOrder is "=" ? "<" : dtype.ByteOrder;
        return Npz.Decode(raw, order + dtype.Descr, shape, $"{_source} (byte {at})");
    }

    private Dictionary<string, object?> SetItems(object? dict, object?[] items, int at)
    {
        if (dict is not Dictionary<string, object?> d || items.Length % 2 != 0)
        {
            throw Error(at, "SETITEM(S) needs a dict and key/value pairs");
        }

        for (int i = 0; i < items.Length; i += 2)
        {
            string key = items[i] switch
            {
                string s => s,
                byte[] b => Encoding.Latin1.GetString(b),
                var other => throw Error(at, $"dict key of type {other?.GetType().Name ?? "None"} (only str and bytes keys are supported)"),
            };
            d[key] = items[i + 1];
        }

        return d;
    }

    private void AppendTo(int at, object?[] items)
    {
        if (Peek(at) is not List<object?> list)
        {
            throw Error(at, "APPEND(S) needs a list");
        }

        list.AddRange(items);
    }

    private long TextInt(string text, int at) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw Error(at, $"'{text}' is not an integer");

    private long Long1(int at)
    {
        var digits = Take(Byte());
        if (digits.Length > 8)
        {
            throw Error(at, $"LONG1 of {digits.Length} bytes does not fit 64 bits");
        }

        long value = 0;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | digits[i];
        }

        int shift = 64 - (8 * digits.Length);   // sign-extend the little-endian two's complement
        return digits.Length == 0 ? 0 : (value << shift) >> shift;
    }

    private object? Memo(long key, int at) =>
        _memo.TryGetValue(key, out var value) ? value : throw Error(at, $"memo key {key} was never stored");

    private void Push(object? value) => _stack.Add(value);

    private object? Peek(int at, int depth = 0) =>
        _stack.Count > depth ? _stack[^(depth + 1)] : throw Error(at, "stack underflow");

    private object? Pop(int at)
    {
        var value = Peek(at);
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    private object?[] PopN(int n, int at)
    {
        if (_stack.Count - (_marks.Count > 0 ? _marks.Peek() : 0) < n)
        {
            throw Error(at, "stack underflow");
        }

        var items = _stack.GetRange(_stack.Count - n, n).ToArray();
        _stack.RemoveRange(_stack.Count - n, n);
        return items;
    }

    private object?[] PopMark(int at)
    {
        if (_marks.Count == 0)
        {
            throw Error(at, "no MARK to pop to");
        }

        int mark = _marks.Pop();
        var items = _stack.GetRange(mark, _stack.Count - mark).ToArray();
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private byte Byte() => Take(1)[0];

    private int Length32(int at)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        return n >= 0 ? n : throw Error(at, $"negative length {n}");
    }

    private int Length64(int at)
    {
        long n = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        return n is >= 0 and <= int.MaxValue ? (int)n : throw Error(at, $"length {n} out of range");
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n > _bytes.Length - _pos)
        {
            throw Error(_pos, $"truncated: {n} bytes needed, {_bytes.Length - _pos} left");
        }

        _pos += n;
        return _bytes.AsSpan(_pos - n, n);
    }

    private string Line()
    {
        int end = Array.IndexOf(_bytes, (byte)'\n', _pos);
        if (end < 0)
        {
            throw Error(_pos, "truncated: a text argument lacks its newline");
        }

        string line = Encoding.ASCII.GetString(_bytes, _pos, end - _pos);
        _pos = end + 1;
        return line;
    }

    private InvalidDataException Error(int at, string what) => new($"{_source}: {what} at byte {at}.");
}
