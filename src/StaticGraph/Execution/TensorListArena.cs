namespace StaticGraph.Execution;

/// <summary>
/// The TensorLists of one top-level run, reused by the next run of the same frame. A run creates its lists in the
/// same order every time (steps run in plan order, loop iterations in sequence), so the n-th list a run asks for is
/// the n-th list of the previous run, already grown to the size it needs. Nested loops are safe: every list a run
/// creates is distinct (an inner loop's accumulators get a fresh list per outer iteration), and none is handed out
/// again before the run ends and <see cref="Reset"/> is called.
/// </summary>
internal sealed class TensorListArena
{
    private readonly List<TensorList> _lists = [];
    private int _next;

    /// <summary>An empty list nobody else holds in this run.</summary>
    public TensorList Rent()
    {
        if (_next == _lists.Count)
        {
            _lists.Add(new TensorList());
        }

        var list = _lists[_next++];
        list.Clear();
        return list;
    }

    /// <summary>Makes every list of the finished run available to the next one.</summary>
    public void Reset() => _next = 0;
}
