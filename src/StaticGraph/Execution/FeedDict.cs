using System.Collections;

namespace StaticGraph;

/// <summary>
/// Values to feed into a run, keyed by <see cref="Tensor"/> (any tensor, not only placeholders: feeding an
/// intermediate tensor overrides it), by tensor name (<c>"x:0"</c>), or by an RNN state (an
/// <see cref="LSTMStateTuple"/>, a MultiRNNCell's tuple) fed with one value per tensor:
/// <c>new FeedDict { [x] = batchX, ["y:0"] = batchY, [initialState] = [c, h] }</c>.
/// </summary>
public sealed class FeedDict : IEnumerable<KeyValuePair<object, NDArray>>
{
    private readonly List<KeyValuePair<object, NDArray>> _items = [];

    // Keys resolved against a graph, kept until a key is added: a training loop that only replaces values resolves
    // its names once, not per run.
    private Resolution? _resolved;

    /// <summary>Feeds <paramref name="key"/> (replacing an earlier value for it).</summary>
    public NDArray this[Tensor key]
    {
        get => Find(key);
        set => Set(key ?? throw new ArgumentNullException(nameof(key)), value);
    }

    /// <summary>Feeds the tensor named <paramref name="name"/> (<c>op:index</c>; a bare op name means output 0).</summary>
    public NDArray this[string name]
    {
        get => Find(name);
        set => Set(name ?? throw new ArgumentNullException(nameof(name)), value);
    }

    /// <summary>Feeds each tensor of <paramref name="state"/> with the value at the same position of
    /// <paramref name="value"/>, in <see cref="RnnState.Flatten"/> order ([c, h] for an LSTM state; what
    /// <c>sess.Run(state)</c> returns, for feeding a final state back as the next initial state).</summary>
    public NDArray[] this[RnnState state]
    {
        get => [.. (state ?? throw new ArgumentNullException(nameof(state))).Flatten().Select(Find)];
        set
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentNullException.ThrowIfNull(value);
            var tensors = state.Flatten();
            if (tensors.Length != value.Length)
            {
                throw new ArgumentException(
                    $"The state {state} holds {tensors.Length} tensors but {value.Length} values were given to feed it.", nameof(value));
            }

            for (int i = 0; i < tensors.Length; i++)
            {
                Set(tensors[i], value[i]);
            }
        }
    }

    /// <summary>Number of entries.</summary>
    public int Count => _items.Count;

    /// <summary>Adds an entry (collection-initializer form).</summary>
    public void Add(Tensor key, NDArray value) => this[key] = value;

    /// <summary>Feeds an RNN state (collection-initializer form; see the <see cref="RnnState"/> indexer).</summary>
    public void Add(RnnState key, NDArray[] value) => this[key] = value;

    private void Set(object key, NDArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (int i = 0; i < _items.Count; i++)
        {
            if (_items[i].Key.Equals(key))
            {
                _items[i] = new(key, value);
                return;
            }
        }

        _items.Add(new(key, value));
        _resolved = null;
    }

    private NDArray Find(object key)
    {
        foreach (var kv in _items)
        {
            if (kv.Key.Equals(key))
            {
                return kv.Value;
            }
        }

        throw new KeyNotFoundException($"No feed for '{key}'.");
    }

    /// <summary>Resolves every key to a tensor of <paramref name="graph"/>: <see cref="Resolution.Keys"/>[i] is the
    /// tensor of entry i (read its value with <see cref="ValueAt"/>); cached until a key is added.</summary>
    internal Resolution Resolve(Graph graph)
    {
        var cached = _resolved;
        if (cached is not null && cached.Graph == graph && cached.Keys.Length == _items.Count)
        {
            return cached;
        }

        var keys = new Tensor[_items.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            var key = _items[i].Key;
            var t = key switch
            {
                Tensor tensor => tensor,
                string name => graph.GetTensorByName(name.Contains(':', StringComparison.Ordinal) ? name : name + ":0"),
                _ => throw new InvalidArgumentException($"Cannot interpret feed key {key}."),
            };
            keys[i] = t.Graph == graph
                ? t
                : throw new InvalidArgumentException($"Cannot feed tensor '{t.Name}': it is not an element of this session's graph.");
        }

        var distinct = keys.Distinct().OrderBy(t => t.Op.Id).ThenBy(t => t.ValueIndex).ToArray();
        return _resolved = new Resolution(graph, keys, distinct);
    }

    /// <summary>The value of entry <paramref name="i"/>.</summary>
    internal NDArray ValueAt(int i) => _items[i].Value;

    /// <summary>Feed keys resolved against one graph: per entry, and distinct in graph order (the plan signature).</summary>
    internal sealed record Resolution(Graph Graph, Tensor[] Keys, Tensor[] Distinct);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<object, NDArray>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
