namespace StaticGraph.Execution.Passes;

/// <summary>Dead-step removal: a step stays when it is stateful, a target, a control input of a step that stays, or
/// when a fetch or a staying step reads one of its outputs; every other step computes values nobody reads (left
/// behind by common-subexpression elimination and constant folding) and is dropped.</summary>
internal static class DeadSteps
{
    /// <summary>The plan without steps whose outputs are never read.</summary>
    public static PlanGraph Remove(PlanGraph g)
    {
        var read = new bool[g.Values.Length];
        foreach (int v in g.Fetches)
        {
            if (v >= 0)
            {
                read[v] = true;
            }
        }

        var keepOps = new HashSet<Operation>(g.Targets);
        var keep = new bool[g.Steps.Length];
        for (int s = g.Steps.Length - 1; s >= 0; s--)
        {
            var step = g.Steps[s];
            keep[s] = step.Op.Def.IsStateful || keepOps.Contains(step.Op) || step.Outputs.Any(v => read[v]);
            if (!keep[s])
            {
                continue;
            }

            foreach (int v in step.Inputs)
            {
                read[v] = true;
            }

            keepOps.UnionWith(step.Op.ControlInputs);
        }

        return keep.All(k => k) ? g : g with { Steps = g.Steps.Where((_, s) => keep[s]).ToArray() };
    }
}
