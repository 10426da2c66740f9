namespace StaticGraph.Execution.Passes;

/// <summary>
/// Variable reads without a copy. A variable's <c>read</c> Identity copies the variable's storage, so its readers see
/// the value as it was when the read ran even if an update writes the variable before they run. Where no step that
/// may write the variable runs between the read and the last reader of its value (the plan order is fixed, so the
/// compiler can tell), the copy is the storage itself: the read hands the variable's array on. A dense layer's
/// weight is read this way every step (12.8 MB for the CNN benchmark's 3136x1024 kernel).
/// </summary>
/// <remarks>A handed-on array is never written through the read's value: an in-place consumer writes its own planned
/// buffer instead (as for any constant or variable), a fetch copies it, and TensorLists and loops copy what they keep.
/// A step counts as a possible writer when it takes the variable's reference itself (other than another read) or is
/// stateful and reads a value of that variable (an Assign through a read writes the variable, as in TF).</remarks>
internal static class ForwardedReads
{
    /// <summary>The plan with each safe variable read's kernel replaced by one that hands the storage on.</summary>
    public static PlanGraph Forward(PlanGraph g)
    {
        var steps = g.Steps.ToArray();
        var root = VariableRoots(steps, g.Values.Length);
        var writers = new Dictionary<int, List<int>>();
        for (int t = 0; t < steps.Length; t++)
        {
            foreach (int v in steps[t].Inputs)
            {
                int r = root[v];
                bool writes = r >= 0 && ((v == r && !IsRead(steps[t])) || steps[t].Op.Def.IsStateful);
                if (writes)
                {
                    (writers.TryGetValue(r, out var list) ? list : writers[r] = []).Add(t);
                }
            }
        }

        var lastUse = Compiler.LastUses(steps, g.Values.Length, g.Fetches);
        var overridden = g.Overridden();
        bool changed = false;
        for (int s = 0; s < steps.Length; s++)
        {
            int r = IsRead(steps[s]) ? root[steps[s].Inputs[0]] : -1;
            if (r < 0 || overridden[steps[s].Outputs[0]])
            {
                continue;
            }

            int end = lastUse[steps[s].Outputs[0]];
            if (writers.TryGetValue(r, out var list) && list.Exists(t => t > s && t <= end))
            {
                continue;
            }

            steps[s] = steps[s] with { Kernel = HandOn, Rewritten = true };
            changed = true;
        }

        return changed ? g with { Steps = steps } : g;
    }

    // An Identity still running its own kernel on its one input.
    private static bool IsRead(Step step) => step.Op.Type == "Identity" && PlanGraph.IsOriginal(step);

    private static void HandOn(KernelContext ctx) => ctx.SetOutput(0, ctx.Input(0));

    /// <summary>Per value id, the variable (the value id of its VariableV2 output) the value is that variable or a
    /// chain of reads of; -1 for every other value.</summary>
    private static int[] VariableRoots(Step[] steps, int valueCount)
    {
        var root = new int[valueCount];
        Array.Fill(root, -1);
        foreach (var step in steps)
        {
            if (step.Op.Type is "VariableV2" or "Variable" && step.Outputs.Length == 1)
            {
                root[step.Outputs[0]] = step.Outputs[0];
            }
            else if (IsRead(step) && root[step.Inputs[0]] >= 0)
            {
                root[step.Outputs[0]] = root[step.Inputs[0]];
            }
        }

        return root;
    }
}
