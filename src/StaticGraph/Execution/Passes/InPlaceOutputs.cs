namespace StaticGraph.Execution.Passes;

/// <summary>In-place execution: an elementwise step (a fused step, or an op with
/// <see cref="Ops.OpDef.Fusible"/>) writes its output into the buffer of an input that dies at that step, when the
/// input has the output's dtype and static shape and is the plan's own (produced by a step; not fed, fetched, or
/// overridden by a feed). Constants and variables never lose their storage this way: a step that hands one out does
/// not write its planned buffer, and the output goes to that buffer, not to the value's own array. At run time the
/// kernel context checks the input really has the output's shape, so a broadcast the static shapes allowed gets a
/// buffer of its own.</summary>
internal static class InPlaceOutputs
{
    /// <summary>The plan with <see cref="Step.InPlace"/> set where an output can take over a dying input's buffer.</summary>
    public static PlanGraph Assign(PlanGraph g)
    {
        var lastUse = Compiler.LastUses(g.Steps, g.Values.Length, g.Fetches);
        var pinned = g.Pinned();
        var producer = g.ProducerSteps();
        var steps = g.Steps.ToArray();
        bool changed = false;
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            if (!(step.Elementwise || (PlanGraph.IsOriginal(step) && step.Op.Def.Fusible is not null)) || step.Outputs.Length != 1)
            {
                continue;
            }

            var output = g.Values[step.Outputs[0]];
            for (int k = 0; k < step.Inputs.Length; k++)
            {
                int v = step.Inputs[k];
                if (lastUse[v] == s && !pinned[v] && producer[v] >= 0 && g.Values[v].DType == output.DType
                    && g.Values[v].Shape.Equals(output.Shape) && output.Shape.HasRank)
                {
                    steps[s] = step with { InPlace = [k] };
                    changed = true;
                    break;
                }
            }
        }

        return changed ? g with { Steps = steps } : g;
    }
}
