namespace StaticGraph.Execution.Passes;

/// <summary>In-place execution: an elementwise step (a fused step, or an op with
/// <see cref="Ops.OpDef.Fusible"/>) writes its output into the buffer of an input that dies at that step, when the
/// input has the output's dtype and static shape and is the plan's own (produced by a step; not fed, fetched, or
/// overridden by a feed) or donated by the caller (<see cref="PlanGraph.Donated"/>). An op declaring
/// <see cref="Ops.OpDef.InPlaceInput"/> (or a rewritten step with <see cref="Step.InPlaceInput"/>) may do the same
/// with that one input, and one declaring <see cref="Ops.OpDef.InPlaceAnyShape"/> as well wherever the element counts
/// may agree (a reshape). Constants and variables never lose their storage this way: a step that hands one out does
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
            bool original = PlanGraph.IsOriginal(step);
            int only = original ? step.Op.Def.InPlaceInput : step.InPlaceInput;
            if (!(step.Elementwise || (original && step.Op.Def.Fusible is not null) || only >= 0) || step.Outputs.Length != 1)
            {
                continue;
            }

            var output = g.Values[step.Outputs[0]];
            bool anyShape = original && only >= 0 && step.Op.Def.InPlaceAnyShape;
            for (int k = only >= 0 ? only : 0; k < (only >= 0 ? only + 1 : step.Inputs.Length); k++)
            {
                int v = step.Inputs[k];
                // A donated argument is the output itself (its NDArray, shape included), so only same-shape steps take it.
                bool owned = (!pinned[v] && producer[v] >= 0) || (!anyShape && g.Donated.Contains(v) && !g.Fetches.Contains(v));
                bool fits = anyShape
                    ? !(g.Values[v].Shape.IsFullyDefined && output.Shape.IsFullyDefined) || g.Values[v].Shape.NumElements == output.Shape.NumElements
                    : g.Values[v].Shape.Equals(output.Shape) && output.Shape.HasRank;
                if (lastUse[v] == s && owned && g.Values[v].DType == output.DType && fits)
                {
                    steps[s] = step with { InPlace = [k], InPlaceAnyShape = anyShape };
                    changed = true;
                    break;
                }
            }
        }

        return changed ? g with { Steps = steps } : g;
    }
}
