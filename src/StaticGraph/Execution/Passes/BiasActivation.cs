namespace StaticGraph.Execution.Passes;

/// <summary>
/// Bias and ReLU in one pass: a float BiasAdd whose output only a Relu reads (not fetched, fed or overridden) becomes
/// one step at the Relu's place that adds the bias and clamps as it writes, so a layer's pre-activation never takes a
/// buffer or a pass over memory (tf.layers.conv2d and dense with activation: relu build exactly this pair). The step
/// may write over its value input where that dies there. The BiasAdd only moves down to the Relu when no stateful step
/// lies between them, so it never reads a variable after an assignment it used to precede.
/// </summary>
internal static class BiasActivation
{
    /// <summary>The plan with each such BiasAdd folded into its Relu.</summary>
    public static PlanGraph Fold(PlanGraph g, SessionState state)
    {
        var fold = new Folding(g);
        for (int s = 0; s < fold.Steps.Length; s++)
        {
            var relu = fold.Steps[s];
            if (relu.Op.Type != "Relu" || !PlanGraph.IsOriginal(relu) || relu.Op.ControlInputs.Count > 0)
            {
                continue;
            }

            int v = relu.Inputs[0], p = fold.SoleProducer(v, "BiasAdd");
            if (p < 0 || (g.Values[v].DType != DType.Float32 && g.Values[v].DType != DType.Float64) || fold.Steps[p].Op.ControlInputs.Count > 0
                || fold.Steps.Skip(p + 1).Take(s - p - 1).Any(t => t.Op.Def.IsStateful))
            {
                continue;
            }

            var bias = fold.Steps[p];
            fold.Merge(p, s, new Step(relu.Op, Ops.ConvOps.BiasAddReluKernel(new KernelBuild(bias.Op, state)), bias.Inputs, relu.Outputs)
            {
                Rewritten = true,
                InPlaceInput = 0,
            });
        }

        return fold.Result();
    }
}
