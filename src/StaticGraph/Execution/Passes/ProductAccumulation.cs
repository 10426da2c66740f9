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
        var fold = new Folding(g);
        for (int s = 0; s < fold.Steps.Length; s++)
        {
            var step = fold.Steps[s];
            if (step.Op.Type != "AddN" || !PlanGraph.IsOriginal(step) || step.Inputs.Length != 2 || step.Inputs[0] == step.Inputs[1])
            {
                continue;
            }

            for (int k = 0; k < 2; k++)
            {
                int product = step.Inputs[k], p = fold.SoleProducer(product, "MatMul");
                if (p < 0 || !g.Values[product].Shape.Equals(g.Values[step.Outputs[0]].Shape))
                {
                    continue;
                }

                var matmul = fold.Steps[p];
                fold.Merge(p, s, new Step(step.Op, Ops.MathOps.MatMulAddKernel(new KernelBuild(matmul.Op, state)),
                    [step.Inputs[1 - k], .. matmul.Inputs], step.Outputs)
                {
                    Rewritten = true,
                    InPlaceInput = 0,
                    Product = matmul.Op,
                });
                break;
            }
        }

        return fold.Result();
    }
}
