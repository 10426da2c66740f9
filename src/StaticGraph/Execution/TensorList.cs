namespace StaticGraph.Execution;

/// <summary>
/// The value behind a TensorList handle (DT_VARIANT): a stack of tensors. Pushes copy into element buffers the list
/// keeps when it is emptied or reset, so a list reused run after run (see <see cref="TensorListArena"/>) stops
/// allocating once it has grown to its longest run. A popped element stays the list's: it is valid until the next
/// push over it, which only comes after the arena hands the list out again in a later run.
/// </summary>
internal sealed class TensorList
{
    private readonly List<NDArray> _elements = [];

    /// <summary>Number of elements on the stack.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the list, keeping its element buffers for the next pushes.</summary>
    public void Clear() => Count = 0;

    /// <summary>Pushes a copy of <paramref name="value"/>, written into the buffer an earlier push left at this
    /// position when it is of the same dtype and large enough.</summary>
    public void Push(NDArray value)
    {
        if (Count < _elements.Count)
        {
            var spare = _elements[Count];
            if (spare.DType == value.DType && spare.RawData.Length >= value.Size)
            {
                spare.Rebind(spare.RawData, value.Shape);
                value.CopyTo(spare);
            }
            else
            {
                _elements[Count] = value.Clone();
            }
        }
        else
        {
            _elements.Add(value.Clone());
        }

        Count++;
    }

    /// <summary>Removes and returns the last element.</summary>
    public NDArray Pop()
    {
        if (Count == 0)
        {
            throw new InvalidArgumentException("Trying to pop from an empty list.");
        }

        return _elements[--Count];
    }
}
