using StaticGraph.Execution.Passes;

namespace StaticGraph.Execution;

/// <summary>
/// Compiles a (fetches, feeds, targets) signature into a <see cref="Plan"/>: prune to what the fetches need,
/// order (graph order is topological), validate (every needed placeholder is fed), number the values, plan buffer
/// slots by liveness, and bind kernels.
/// </summary>
internal static class Compiler
{
    public static Plan Compile(Graph graph, IReadOnlyList<Tensor?> fetches, IReadOnlyList<Operation> targets,
        IReadOnlyCollection<Tensor> feeds, SessionState state, IReadOnlyCollection<Tensor>? donated = null)
    {
        var fed = new HashSet<Tensor>(feeds);
        var needed = Prune(graph, fetches, targets, fed);
        var twinOf = RunTwins(needed);
        var order = twinOf.Count == 0 ? needed.OrderBy(op => op.Id).ToArray() : TopologicalOrder(needed, twinOf);
        Validate(order);

        // Number every value the plan touches: fed tensors first, then each step's outputs.
        var valueOf = new Dictionary<Tensor, int>();
        var values = new List<Tensor>();
        int Number(Tensor t)
        {
            if (twinOf.TryGetValue(t.Op, out var twin))
            {
                t = twin.Outputs[t.ValueIndex];
            }

            if (!valueOf.TryGetValue(t, out int v))
            {
                v = values.Count;
                valueOf[t] = v;
                values.Add(t);
            }

            return v;
        }

        int Scratch(Tensor t)
        {
            values.Add(t);
            return values.Count - 1;
        }

        var feedValues = feeds.Select(Number).ToArray();
        var steps = new List<Step>();
        foreach (var op in order)
        {
            var inputs = op.Inputs.Select(Number).ToArray();
            // A fed output of a step that still runs (another output is needed) goes to a scratch value nothing
            // reads, so the kernel never overwrites the feed.
            var outputs = op.Outputs.Select(t => fed.Contains(t) ? Scratch(t) : Number(t)).ToArray();
            steps.Add(new Step(op, Bind(op, state), inputs, outputs));
        }

        var fetchValues = fetches.Select(t => t is null ? -1 : Number(t)).ToArray();
        bool hasDeadness = order.Any(op => op.Type == "Switch");
        var plan = new PlanGraph(steps.ToArray(), values.ToArray(), fetchValues, feedValues, targets.ToArray())
        {
            Donated = (donated ?? []).Select(t => valueOf[t]).ToHashSet(),
        };
        return Assemble(Optimize(plan, state, hasDeadness), hasDeadness);
    }

    /// <summary>Runs the enabled passes in order: fold constants, merge duplicates, drop what nobody reads, fold a
    /// bias into the ReLU that reads it, fuse elementwise chains, fold products into the sums that read them, let
    /// elementwise steps write over inputs that die there, pair independent products to run side by side, then let
    /// variable reads skip their copy.</summary>
    internal static PlanGraph Optimize(PlanGraph plan, SessionState state, bool hasDeadness)
    {
        var passes = state.Passes;
        if (passes.HasFlag(PlanPasses.FoldConstants))
        {
            plan = ConstantSteps.Fold(plan);
        }

        if (passes.HasFlag(PlanPasses.MergeCommonSubexpressions))
        {
            plan = CommonSubexpressions.Merge(plan);
        }

        if (passes.HasFlag(PlanPasses.RemoveDeadSteps))
        {
            plan = DeadSteps.Remove(plan);
        }

        // Deadness (legacy Switch/Merge) decides per step at run time whether it runs; fused or in-place steps
        // would blur that, so such plans keep their steps as they are.
        if (passes.HasFlag(PlanPasses.FoldBiasActivation) && !hasDeadness)
        {
            plan = BiasActivation.Fold(plan, state);
        }

        if (passes.HasFlag(PlanPasses.FuseElementwise) && !hasDeadness)
        {
            plan = ElementwiseFusion.Fuse(plan, state.IntraOpThreads);
        }

        if (passes.HasFlag(PlanPasses.AccumulateProducts) && !hasDeadness)
        {
            plan = ProductAccumulation.Merge(plan, state);
        }

        if (passes.HasFlag(PlanPasses.InPlace) && !hasDeadness)
        {
            plan = InPlaceOutputs.Assign(plan);
        }

        if (passes.HasFlag(PlanPasses.PairProducts) && !hasDeadness)
        {
            plan = ParallelProducts.Pair(plan, state.IntraOpThreads);
        }

        // Last: whether a read may hand the variable's storage on depends on the final step order.
        if (passes.HasFlag(PlanPasses.ForwardReads))
        {
            plan = ForwardedReads.Forward(plan);
        }

        return plan;
    }

    /// <summary>Plans buffer slots for <paramref name="g"/> and packages it as a runnable <see cref="Plan"/>.</summary>
    internal static Plan Assemble(PlanGraph g, bool hasDeadness)
    {
        var dtypes = g.Values.Select(t => t.DType).ToArray();
        var feedValues = new Dictionary<Tensor, int>();
        foreach (int v in g.Feeds)
        {
            feedValues[g.Values[v]] = v; // a pass's own sub-plan may feed one tensor into several value ids
        }

        var (slots, slotCount) = PlanSlots(g.Steps, dtypes, g.Fetches, g.Feeds);
        var overwritten = new bool[dtypes.Length];
        foreach (var step in g.Steps)
        {
            foreach (int k in step.InPlace ?? [])
            {
                if (k >= 0 && g.Donated.Contains(step.Inputs[k]))
                {
                    overwritten[step.Inputs[k]] = true;
                }
            }
        }

        return new Plan
        {
            Overwritten = overwritten,
            Steps = g.Steps,
            ValueDTypes = dtypes,
            Producers = g.Values.Select(t => t.Op).ToArray(),
            Slots = slots,
            SlotCount = slotCount,
            FetchValues = g.Fetches,
            FeedValues = feedValues,
            HasDeadness = hasDeadness,
        };
    }

    /// <summary>The operations the fetches and targets need: walk inputs and control inputs backwards, stopping at
    /// fed tensors.</summary>
    private static HashSet<Operation> Prune(Graph graph, IReadOnlyList<Tensor?> fetches, IReadOnlyList<Operation> targets, HashSet<Tensor> fed)
    {
        var needed = new HashSet<Operation>();
        var stack = new Stack<Operation>();
        foreach (var t in fetches)
        {
            if (t is not null && !fed.Contains(t))
            {
                stack.Push(t.Op);
            }
        }

        foreach (var op in targets)
        {
            stack.Push(op);
        }

        while (stack.Count > 0)
        {
            var op = stack.Pop();
            if (op.Graph != graph)
            {
                throw new InvalidArgumentException($"Operation '{op.Name}' is not an element of this session's graph.");
            }

            if (!needed.Add(op))
            {
                continue;
            }

            foreach (var input in op.Inputs)
            {
                if (!fed.Contains(input))
                {
                    stack.Push(input.Op);
                }
            }

            foreach (var c in op.ControlInputs)
            {
                stack.Push(c);
            }
        }

        return needed;
    }

    /// <summary>The twin pass: a differentiable If/While's gradient added a twin that computes the same outputs and
    /// also fills accumulators (attr <c>_forward</c> names the original). When both are needed, the twin runs in the
    /// original's place, so a training step runs the loop once and the loss and the gradient see the same
    /// iterations (the same random draws). Returns original -> twin; the originals are removed from
    /// <paramref name="needed"/>.</summary>
    internal static Dictionary<Operation, Operation> RunTwins(HashSet<Operation> needed)
    {
        var twinOf = new Dictionary<Operation, Operation>();
        foreach (var op in needed)
        {
            if (op.Attrs.TryGetValue("_forward", out var name) && name is string original
                && op.Graph.TryGetOperation(original) is Operation forward && needed.Contains(forward)
                && forward.Inputs.SequenceEqual(op.Inputs.Take(forward.Inputs.Count)))
            {
                twinOf[forward] = op;
            }
        }

        foreach (var forward in twinOf.Keys)
        {
            needed.Remove(forward);
        }

        return twinOf;
    }

    /// <summary>A topological order of <paramref name="needed"/> where readers of a replaced op read its twin
    /// (which was created later, so creation order no longer suffices); otherwise creation order.</summary>
    private static Operation[] TopologicalOrder(HashSet<Operation> needed, Dictionary<Operation, Operation> twinOf)
    {
        var order = new List<Operation>(needed.Count);
        var state = new Dictionary<Operation, bool>(); // false: on the stack, true: placed
        foreach (var root in needed.OrderBy(op => op.Id))
        {
            var stack = new Stack<(Operation Op, bool Expanded)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (op, expanded) = stack.Pop();
                if (expanded)
                {
                    state[op] = true;
                    order.Add(op);
                    continue;
                }

                if (state.ContainsKey(op))
                {
                    continue;
                }

                state[op] = false;
                stack.Push((op, true));
                var deps = op.Inputs.Select(t => twinOf.GetValueOrDefault(t.Op, t.Op)).Concat(op.ControlInputs.Select(c => twinOf.GetValueOrDefault(c, c)));
                foreach (var dep in deps.Where(needed.Contains).OrderByDescending(d => d.Id))
                {
                    if (!state.ContainsKey(dep))
                    {
                        stack.Push((dep, false));
                    }
                }
            }
        }

        return order.ToArray();
    }

    private static void Validate(Operation[] order)
    {
        foreach (var op in order)
        {
            if (op.Type == "Placeholder")
            {
                var t = op.Outputs[0];
                throw new InvalidArgumentException(
                    $"You must feed a value for placeholder tensor '{op.Name}' with dtype {t.DType} and shape {t.Shape}.");
            }
        }
    }

    /// <summary>Greedy interval colouring: a value lives from its producing step to its last reader (fetches to the
    /// end); values of one dtype whose lifetimes do not overlap share a buffer slot. Outputs are placed before the
    /// step's dead inputs are freed, so no kernel writes over its own input, except an output the in-place pass
    /// declared (<see cref="Step.InPlace"/>), which takes over its dying input's slot.</summary>
    private static (int[] Slots, int Count) PlanSlots(Step[] steps, DType[] dtypes, int[] fetchValues, int[] fedValues)
    {
        var lastUse = LastUses(steps, dtypes.Length, fetchValues);
        var slots = new int[dtypes.Length];
        Array.Fill(slots, -1);
        var free = new Dictionary<DType, Stack<int>>();
        int count = 0;
        var fedSet = new HashSet<int>(fedValues);
        var handedOver = new HashSet<int>();
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            handedOver.Clear();
            for (int o = 0; o < step.Outputs.Length; o++)
            {
                int v = step.Outputs[o];
                int from = step.InPlace is { } ip && ip[o] >= 0 ? step.Inputs[ip[o]] : -1;
                if (slots[v] >= 0)
                {
                    continue;
                }

                if (from >= 0 && slots[from] >= 0 && handedOver.Add(from))
                {
                    slots[v] = slots[from];
                    continue;
                }

                slots[v] = free.TryGetValue(dtypes[v], out var stack) && stack.Count > 0 ? stack.Pop() : count++;
            }

            foreach (int v in step.Inputs.Concat(step.Outputs))
            {
                if (lastUse[v] == s && slots[v] >= 0 && !fedSet.Contains(v) && !handedOver.Contains(v))
                {
                    if (!free.TryGetValue(dtypes[v], out var stack))
                    {
                        free[dtypes[v]] = stack = new Stack<int>();
                    }

                    if (!stack.Contains(slots[v]))
                    {
                        stack.Push(slots[v]);
                    }
                }
            }
        }

        return (slots, count);
    }

    /// <summary>The index of the last step reading or writing each value; fetched values live to the end.</summary>
    internal static int[] LastUses(Step[] steps, int valueCount, int[] fetchValues)
    {
        var lastUse = new int[valueCount];
        Array.Fill(lastUse, -1);
        for (int s = 0; s < steps.Length; s++)
        {
            foreach (int v in steps[s].Inputs)
            {
                lastUse[v] = s;
            }

            foreach (int v in steps[s].Outputs)
            {
                lastUse[v] = Math.Max(lastUse[v], s);
            }
        }

        foreach (int v in fetchValues)
        {
            if (v >= 0)
            {
                lastUse[v] = int.MaxValue;
            }
        }

        return lastUse;
    }

    private static Kernel Bind(Operation op, SessionState state)
    {
        try
        {
            return op.Def.Kernel(new KernelBuild(op, state));
        }
        catch (GraphException e)
        {
            throw new InvalidArgumentException($"Cannot bind a kernel for {op.Type} node '{op.Name}': {e.Message}", e);
        }
    }
}
