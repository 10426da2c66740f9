namespace StaticGraph.IO;

/// <summary>One LevelDB block: entries (shared key length, unshared length, value length as varints, the unshared key
/// bytes, the value), a restart point every <c>restartInterval</c> entries where the key is stored whole, then the
/// restart offsets and their count as fixed32.</summary>
internal sealed class BlockBuilder(int restartInterval)
{
    private readonly List<byte> _buffer = [];
    private readonly List<uint> _restarts = [0];
    private byte[] _lastKey = [];
    private int _counter;

    public bool IsEmpty => _buffer.Count == 0;

    public int EstimatedSize => _buffer.Count + (_restarts.Count * 4) + 4;

    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        int shared = 0;
        if (_counter < restartInterval)
        {
            int min = Math.Min(_lastKey.Length, key.Length);
            while (shared < min && _lastKey[shared] == key[shared])
            {
                shared++;
            }
        }
        else
        {
            _restarts.Add((uint)_buffer.Count);
            _counter = 0;
        }

        Coding.PutVarint64(_buffer, (ulong)shared);
        Coding.PutVarint64(_buffer, (ulong)(key.Length - shared));
        Coding.PutVarint64(_buffer, (ulong)value.Length);
        _buffer.AddRange(key[shared..]);
        _buffer.AddRange(value);
        _lastKey = key.ToArray();
        _counter++;
    }

    public byte[] Finish()
    {
        var result = new List<byte>(EstimatedSize);
        result.AddRange(_buffer);
        foreach (var r in _restarts)
        {
            Coding.PutFixed32(result, r);
        }

        Coding.PutFixed32(result, (uint)_restarts.Count);
        return [.. result];
    }

    public void Reset()
    {
        _buffer.Clear();
        _restarts.Clear();
        _restarts.Add(0);
        _lastKey = [];
        _counter = 0;
    }
}
