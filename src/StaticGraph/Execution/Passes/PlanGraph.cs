namespace StaticGraph.Execution.Passes;

/// <summary>
/// A plan before buffers are assigned: bound steps over numbered values. Passes are pure functions from one
/// <see cref="PlanGraph"/> to another; the compiler assigns buffer slots to the last one.
/// </summary>
/// <param name="Steps">The steps in execution order.</param>
/// <param name="Values">The tensor behind each value id (its dtype, static shape and producer). A fed output of a
/// step that still runs has a scratch value id whose tensor is the fed tensor.</param>
/// <param name="Fetches">The value id of each fetch (-1 for an operation target's slot).</param>
/// <param name="Feeds">The value ids set from the feed dictionary before the steps run.</param>
/// <param name="Targets">Operations run for their effects: their steps are never removed.</param>
internal sealed record PlanGraph(Step[] Steps, Tensor[] Values, int[] Fetches, int[] Feeds, IReadOnlyList<Operation> Targets)
{
    /// <summary>Fed values the caller hands over: it never reads them after the run, and nothing else holds their
    /// buffers, so a step may write its output over one where it dies (a loop's carried variables).</summary>
    public IReadOnlySet<int> Donated { get; init; } = new HashSet<int>();

    /// <summary>How many step inputs read each value.</summary>
    public int[] ReadCounts()
    {
        var reads = new int[Values.Length];
        foreach (var step in Steps)
        {
            foreach (int v in step.Inputs)
            {
                reads[v]++;
            }
        }

        return reads;
    }

    /// <summary>Values the feed dictionary sets: fed values, and outputs of a step that stand for a fed tensor (the
    /// feed overrides them, so no pass may compute them differently or read them).</summary>
    public bool[] Overridden()
    {
        var fed = new HashSet<Tensor>(Feeds.Select(v => Values[v]));
        return Values.Select(fed.Contains).ToArray();
    }

    /// <summary>Values whose buffer outlives the run or comes from outside: fetched and overridden values.</summary>
    public bool[] Pinned()
    {
        var pinned = Overridden();
        foreach (int v in Fetches)
        {
            if (v >= 0)
            {
                pinned[v] = true;
            }
        }

        return pinned;
    }

    /// <summary>The index of the step producing each value (-1 for fed values).</summary>
    public int[] ProducerSteps()
    {
        var producer = new int[Values.Length];
        Array.Fill(producer, -1);
        for (int s = 0; s < Steps.Length; s++)
        {
            foreach (int v in Steps[s].Outputs)
            {
                producer[v] = s;
            }
        }

        return producer;
    }

    /// <summary>True when <paramref name="step"/> still runs its operation's own kernel on the operation's own inputs
    /// (no pass has replaced it), so what the op definition says about the kernel holds.</summary>
    public static bool IsOriginal(Step step) => !step.Rewritten && step.Inputs.Length == step.Op.Inputs.Count;
}
