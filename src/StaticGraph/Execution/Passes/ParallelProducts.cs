using StaticGraph.Kernels;

namespace StaticGraph.Execution.Passes;

/// <summary>
/// Independent products side by side: two MatMul steps (or products folded into their sums) of which neither needs
/// the other become one step that runs them on two cores at once, each on one thread. A loop's gradient body computes
/// the input gradient dY·Wᵀ and the weight gradient Xᵀ·dY of every iteration; each is too small for its own split to
/// pay (its operands would move between cores), but together they keep both cores busy while each product's data
/// stays on one core. The second product moves up beside the first, with the steps it needs from between them; a
/// pair is formed only when that move changes no result: no stateful step between them (TensorList steps excepted:
/// their lists order them), no control dependency on a step it would pass, and no output written over an input (in
/// place) that a step now running later, or the other product, still reads. At run time the pair runs one after the
/// other when either product is small, or large enough to split on its own.
/// </summary>
internal static class ParallelProducts
{
    // How far apart (in steps) two products may be and still pair.
    private const int Window = 64;

    // Below this many multiply-adds a product is not worth handing to another core.
    private const long MinWork = 1 << 18;

    /// <summary>The plan with independent products paired, for a session that may use <paramref name="threads"/> cores.</summary>
    public static PlanGraph Pair(PlanGraph g, int threads)
    {
        if (Math.Min(threads, Environment.ProcessorCount) < 2)
        {
            return g;
        }

        var steps = g.Steps.ToList();
        bool changed = false;
        for (int i = 0; i < steps.Count; i++)
        {
            if (ProductOf(steps[i]) is null)
            {
                continue;
            }

            for (int j = i + 1; j < steps.Count && j <= i + Window; j++)
            {
                if (ProductOf(steps[j]) is not null)
                {
                    if (TryPair(steps, i, j, threads))
                    {
                        changed = true;
                    }

                    break; // only the nearest next product
                }
            }
        }

        return changed ? g with { Steps = [.. steps] } : g;
    }

    /// <summary>The MatMul op whose product <paramref name="step"/> computes, or null.</summary>
    private static Operation? ProductOf(Step step) =>
        step.Parts is not null ? null : PlanGraph.IsOriginal(step) && step.Op.Type == "MatMul" ? step.Op : step.Product;

    private static bool TryPair(List<Step> steps, int i, int j, int threads)
    {
        var producer = new Dictionary<int, int>();
        for (int s = 0; s < steps.Count; s++)
        {
            foreach (int v in steps[s].Outputs)
            {
                producer[v] = s;
            }
        }

        // The steps between the two that the second needs, transitively; none may need the first.
        var needed = new SortedSet<int>();
        var work = new Stack<int>([j]);
        while (work.Count > 0)
        {
            foreach (int v in steps[work.Pop()].Inputs)
            {
                if (!producer.TryGetValue(v, out int p) || p < i)
                {
                    continue;
                }

                if (p == i)
                {
                    return false;
                }

                if (p < j && needed.Add(p))
                {
                    work.Push(p);
                }
            }
        }

        // Moving a step across a stateful one would change what the state holds when each runs (a random stream, a
        // variable an update writes), and a control dependency orders steps without a value between them; TensorList
        // steps are ordered by the list values they pass along.
        for (int s = i + 1; s < j; s++)
        {
            if (steps[s].Op.Def.IsStateful && !steps[s].Op.Type.Contains("TensorList", StringComparison.Ordinal))
            {
                return false;
            }
        }

        var between = Enumerable.Range(i, j - i).Select(s => steps[s].Op).ToHashSet();
        if (needed.Append(j).Any(s => steps[s].Op.ControlInputs.Any(between.Contains)))
        {
            return false;
        }

        // Each moved step (and the second product) writes over its in-place input only where no step that now runs
        // after it, nor the first product running beside it, reads that input.
        foreach (int s in needed.Append(j))
        {
            foreach (int victim in InPlaceVictims(steps[s]))
            {
                for (int r = i; r < j; r++)
                {
                    if (!needed.Contains(r) && steps[r].Inputs.Contains(victim))
                    {
                        return false;
                    }
                }
            }
        }

        var first = steps[i];
        var second = steps[j];
        var pair = Combine(first, second, threads);
        var stay = Enumerable.Range(i + 1, j - i - 1).Where(s => !needed.Contains(s)).Select(s => steps[s]).ToList();
        var moved = needed.Select(s => steps[s]).ToList();
        steps.RemoveRange(i, j - i + 1);
        steps.InsertRange(i, [.. moved, pair, .. stay]);
        return true;
    }

    private static IEnumerable<int> InPlaceVictims(Step step) =>
        step.InPlace is { } inPlace ? inPlace.Where(k => k >= 0).Select(k => step.Inputs[k]) : [];

    private static Step Combine(Step first, Step second, int threads)
    {
        int[]? inPlace = first.InPlace is null && second.InPlace is null ? null :
        [
            .. first.InPlace ?? Enumerable.Repeat(-1, first.Outputs.Length),
            .. (second.InPlace ?? Enumerable.Repeat(-1, second.Outputs.Length)).Select(k => k >= 0 ? k + first.Inputs.Length : -1),
        ];
        var (tb1, tb2) = (TransposesB(ProductOf(first)!), TransposesB(ProductOf(second)!));
        return new Step(first.Op, PairKernel(first, second, tb1, tb2, threads), [.. first.Inputs, .. second.Inputs], [.. first.Outputs, .. second.Outputs])
        {
            Rewritten = true,
            InPlace = inPlace,
            Parts = [first, second],
        };
    }

    private static bool TransposesB(Operation product) => product.Attrs.Get("transpose_b", false);

    private static Kernel PairKernel(Step first, Step second, bool transposeB1, bool transposeB2, int threads) => ctx =>
    {
        var pair = ctx.Step;
        var side = ctx.Side;
        ctx.Step = first;
        side.Step = second;
        try
        {
            if (Worth(ctx, transposeB1, threads) && Worth(side, transposeB2, threads))
            {
                Parallelism.Ranges(2, 2, new PairJob(ctx, side));
            }
            else
            {
                Session.RunStep(first, ctx);
                Session.RunStep(second, side);
            }
        }
        finally
        {
            ctx.Step = pair;
        }
    };

    // A product worth a core of its own: not tiny, and not large enough that its own GEMM splits across the cores.
    private static bool Worth(KernelContext ctx, bool transposeB, int threads)
    {
        var (a, b) = (ctx.Input(ctx.InputCount - 2), ctx.Input(ctx.InputCount - 1));
        if (a.Rank != 2 || b.Rank != 2)
        {
            return false;
        }

        long work = (long)a.Shape[0] * a.Shape[1] * b.Shape[transposeB ? 0 : 1]; // m·k (A's size either way) · n
        return work >= MinWork && Parallelism.Workers(work, threads) == 1;
    }

    /// <summary>Runs the first part on the calling thread and the second on a pool thread.</summary>
    private readonly struct PairJob(KernelContext first, KernelContext second) : IRangeJob
    {
        public void Run(int worker, int start, int end)
        {
            for (int k = start; k < end; k++)
            {
                var ctx = k == 0 ? first : second;
                Session.RunStep(ctx.Step, ctx);
            }
        }
    }
}
