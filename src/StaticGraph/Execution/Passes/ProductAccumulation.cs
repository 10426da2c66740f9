namespace StaticGraph.Execution.Passes;

/// <summary>Product accumulation: a two-input AddN of a value and a MatMul product read by nothing else becomes one
/// step that adds the product into the sum as the GEMM writes it (C += A·B), so the product never takes a buffer
/// and a pass over memory goes away. A loop's gradient body sums a weight's gradient this way every iteration; with
/// the in-place pass the sum lands in the carried value's own buffer.</summary>
internal static class ProductAccumulation
{
    /// <summary>The plan with each such AddN and its MatMul merged into one accumulating step.</summary>
    public static PlanGraph Merge(PlanGraph g, SessionState state)
    {
        var reads = g.ReadCounts();
        var pinned = g.Pinned();
        var producer = g.ProducerSteps();
        var steps = g.Steps.ToArray();
        var removed = new bool[steps.Length];
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            if (step.Op.Type != "AddN" || !PlanGraph.IsOriginal(step) || step.Inputs.Length != 2 || step.Inputs[0] == step.Inputs[1])
            {
                continue;
            }

            for (int k = 0; k < 2; k++)
            {
                int product = step.Inputs[k], p = producer[product];
                if (p < 0 || removed[p] || steps[p].Op.Type != "MatMul" || !PlanGraph.IsOriginal(steps[p]) || reads[product] != 1
                    || pinned[product] || !g.Values[product].Shape.Equals(g.Values[step.Outputs[0]].Shape))
                {
                    continue;
                }

                var matmul = steps[p];
                removed[p] = true;
                steps[s] = new Step(step.Op, Ops.MathOps.MatMulAddKernel(new KernelBuild(matmul.Op, state)),
                    [step.Inputs[1 - k], .. matmul.Inputs], step.Outputs)
                {
                    Rewritten = true,
                    InPlaceInput = 0,
                    Product = matmul.Op,
                };
                break;
            }
        }

        return removed.Any(r => r) ? g with { Steps = steps.Where((_, s) => !removed[s]).ToArray() } : g;
    }
}
