using System.Collections;

namespace StaticGraph;

/// <summary>
/// A tuple of states, one per layer of a <see cref="MultiRNNCell"/> (TF1's plain Python tuple of states):
/// <c>state[0]</c> is the first layer's state. Flattens as the layers' flat states one after the other.
/// </summary>
public sealed class RnnStateTuple : RnnState, IReadOnlyList<RnnState>
{
    private readonly RnnState[] _items;

    /// <summary>A tuple of <paramref name="states"/>.</summary>
    public RnnStateTuple(IEnumerable<RnnState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        _items = [.. states];
        if (_items.Any(s => s is null))
        {
            throw new ArgumentException("A state tuple cannot hold null states.", nameof(states));
        }
    }

    /// <summary>The number of tensors of all layers together.</summary>
    public override int TensorCount => _items.Sum(s => s.TensorCount);

    /// <summary>The number of layers (entries of the tuple).</summary>
    public int Count => _items.Length;

    /// <summary>The state of layer <paramref name="index"/>.</summary>
    public RnnState this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<RnnState> GetEnumerator() => ((IEnumerable<RnnState>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>TF1's text: the tuple of the layers' states.</summary>
    public override string ToString() => $"({string.Join(", ", _items.Select(s => s.ToString()))})";

    internal override bool SameStructure(RnnState other) =>
        other is RnnStateTuple t && t._items.Length == _items.Length && _items.Zip(t._items).All(p => p.First.SameStructure(p.Second));

    internal override void AppendTo(List<Tensor> list)
    {
        foreach (var item in _items)
        {
            item.AppendTo(list);
        }
    }

    internal override RnnState PackFrom(IReadOnlyList<Tensor> flat, ref int index)
    {
        var items = new RnnState[_items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = _items[i].PackFrom(flat, ref index);
        }

        return new RnnStateTuple(items);
    }
}
