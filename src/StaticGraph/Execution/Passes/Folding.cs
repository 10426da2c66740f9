namespace StaticGraph.Execution.Passes;

/// <summary>
/// The bookkeeping of a pass that folds a step into the one step reading its output (a product into its sum, a bias
/// into its ReLU): who produces and reads each value, and which steps are gone. The folded step takes the reader's
/// place; the pass checks what else must hold between the two.
/// </summary>
internal sealed class Folding(PlanGraph g)
{
    private readonly int[] _reads = g.ReadCounts();
    private readonly int[] _producer = g.ProducerSteps();
    private readonly bool[] _pinned = g.Pinned();
    private readonly bool[] _removed = new bool[g.Steps.Length];

    /// <summary>The steps, with merged ones in place.</summary>
    public Step[] Steps { get; } = g.Steps.ToArray();

    /// <summary>The index of the step producing <paramref name="v"/> when that step still runs an op of
    /// <paramref name="type"/> on its own inputs and <paramref name="v"/> has exactly one reader and is not fetched,
    /// fed or overridden; -1 otherwise.</summary>
    public int SoleProducer(int v, string type)
    {
        int p = _producer[v];
        return p >= 0 && !_removed[p] && Steps[p].Op.Type == type && PlanGraph.IsOriginal(Steps[p]) && _reads[v] == 1 && !_pinned[v] ? p : -1;
    }

    /// <summary>Drops step <paramref name="folded"/> and puts <paramref name="merged"/> in place of step
    /// <paramref name="reader"/>.</summary>
    public void Merge(int folded, int reader, Step merged)
    {
        _removed[folded] = true;
        Steps[reader] = merged;
    }

    /// <summary>The plan with the merges made (the plan itself when there were none).</summary>
    public PlanGraph Result() => _removed.Any(r => r) ? g with { Steps = Steps.Where((_, s) => !_removed[s]).ToArray() } : g;
}
