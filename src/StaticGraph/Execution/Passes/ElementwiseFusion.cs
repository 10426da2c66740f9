using StaticGraph.Kernels;

namespace StaticGraph.Execution.Passes;

/// <summary>Elementwise fusion: a tree of float elementwise steps (<see cref="Ops.OpDef.Fusible"/>) whose
/// intermediate values have the root's static shape and no reader outside the tree (and are not fetched or fed)
/// becomes one step at the root's place, running a single blocked loop (<see cref="FusedElementwise"/>). External
/// operands must be full-size (the root's rank) or single elements. A step is only moved down to its root when no
/// stateful step lies between them, so it never reads a variable after an assignment it used to precede.</summary>
internal static class ElementwiseFusion
{
    /// <summary>The plan with each fusible tree replaced by one fused step.</summary>
    public static PlanGraph Fuse(PlanGraph g, int threads)
    {
        var reads = g.ReadCounts();
        var pinned = g.Pinned();
        var producer = g.ProducerSteps();
        var absorbed = new bool[g.Steps.Length];
        var replaced = new Step?[g.Steps.Length];
        for (int root = g.Steps.Length - 1; root >= 0; root--)
        {
            if (absorbed[root] || g.Steps[root].Outputs.Length != 1 || !Candidate(g, g.Steps[root], g.Values[g.Steps[root].Outputs[0]].Shape))
            {
                continue;
            }

            var members = new List<int> { root };
            Absorb(g, root, root, members, reads, pinned, producer, absorbed);
            if (members.Count > 1)
            {
                members.Sort();
                replaced[root] = Build(g, members, threads);
            }
        }

        if (replaced.All(r => r is null))
        {
            return g;
        }

        var steps = new List<Step>();
        for (int s = 0; s < g.Steps.Length; s++)
        {
            if (!absorbed[s])
            {
                steps.Add(replaced[s] ?? g.Steps[s]);
            }
        }

        return g with { Steps = steps.ToArray() };
    }

    /// <summary>A float elementwise step of one output whose operands are full-size for <paramref name="shape"/> or
    /// single elements, with at least one full-size operand.</summary>
    private static bool Candidate(PlanGraph g, Step step, Shape shape) =>
        PlanGraph.IsOriginal(step) && step.Op.Def.Fusible is not null && step.Outputs.Length == 1 && shape.HasRank
        && step.Op.ControlInputs.Count == 0
        && (g.Values[step.Outputs[0]].DType == DType.Float32 || g.Values[step.Outputs[0]].DType == DType.Float64)
        && step.Inputs.All(v => IsFull(g.Values[v].Shape, shape) || IsScalar(g.Values[v].Shape, shape))
        && step.Inputs.Any(v => IsFull(g.Values[v].Shape, shape));

    private static bool IsFull(Shape s, Shape root) => s.HasRank && s.Rank == root.Rank && s.IsCompatibleWith(root) && !IsScalar(s, root);

    private static bool IsScalar(Shape s, Shape root) => s.IsFullyDefined && s.NumElements == 1 && s.Rank <= root.Rank;

    /// <summary>Adds the producers of <paramref name="step"/>'s operands that can join the tree rooted at
    /// <paramref name="root"/>, recursively.</summary>
    private static void Absorb(PlanGraph g, int step, int root, List<int> members, int[] reads, bool[] pinned, int[] producer, bool[] absorbed)
    {
        var rootValue = g.Values[g.Steps[root].Outputs[0]];
        foreach (int v in g.Steps[step].Inputs)
        {
            int p = producer[v];
            if (p < 0 || absorbed[p] || reads[v] != 1 || pinned[v] || g.Values[v].DType != rootValue.DType
                || !g.Values[v].Shape.Equals(rootValue.Shape) || !Candidate(g, g.Steps[p], rootValue.Shape)
                || g.Steps.Skip(p + 1).Take(root - p - 1).Any(s => s.Op.Def.IsStateful))
            {
                continue;
            }

            absorbed[p] = true;
            members.Add(p);
            Absorb(g, p, root, members, reads, pinned, producer, absorbed);
        }
    }

    /// <summary>The fused step for <paramref name="members"/> (step indices in order; the last is the root).</summary>
    private static Step Build(PlanGraph g, List<int> members, int threads)
    {
        var nodeOf = new Dictionary<int, int>(); // value id -> node producing it
        var external = new List<int>();           // external value ids, in first-use order
        var rootStep = g.Steps[members[^1]];
        var shape = g.Values[rootStep.Outputs[0]].Shape;
        int Operand(int v)
        {
            if (nodeOf.TryGetValue(v, out int node))
            {
                return ~node;
            }

            int k = external.IndexOf(v);
            if (k < 0)
            {
                external.Add(v);
                k = external.Count - 1;
            }

            return k;
        }

        var nodes = new FusedNode[members.Count];
        for (int j = 0; j < members.Count; j++)
        {
            var step = g.Steps[members[j]];
            nodes[j] = new FusedNode(step.Op.Def.Fusible!, Operand(step.Inputs[0]), step.Inputs.Length > 1 ? Operand(step.Inputs[1]) : 0);
            nodeOf[step.Outputs[0]] = j;
        }

        var scalar = external.Select(v => IsScalar(g.Values[v].Shape, shape)).ToArray();
        var kernel = FusedElementwise.Bind(g.Values[rootStep.Outputs[0]].DType, nodes, scalar, Fallback(g, members, external), threads);
        return new Step(rootStep.Op, kernel, external.ToArray(), rootStep.Outputs) { Rewritten = true, Elementwise = true };
    }

    /// <summary>The member steps as a plan of their own: the external values are its feeds 0..k-1 and the root's
    /// output its only fetch.</summary>
    private static Plan Fallback(PlanGraph g, List<int> members, List<int> external)
    {
        var local = new Dictionary<int, int>();
        var values = new List<Tensor>();
        int Local(int v)
        {
            if (!local.TryGetValue(v, out int l))
            {
                l = values.Count;
                local[v] = l;
                values.Add(g.Values[v]);
            }

            return l;
        }

        var feeds = external.Select(Local).ToArray();
        var steps = members.Select(s => g.Steps[s] with { Inputs = g.Steps[s].Inputs.Select(Local).ToArray(), Outputs = g.Steps[s].Outputs.Select(Local).ToArray() }).ToArray();
        var sub = new PlanGraph(steps, values.ToArray(), [local[g.Steps[members[^1]].Outputs[0]]], feeds, []);
        return Compiler.Assemble(sub, hasDeadness: false);
    }
}
