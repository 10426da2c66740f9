using StaticGraph.Execution;

namespace StaticGraph.Ops;

// TF1's dataflow conditionals, for imported graphs (tf.cond before cond_v2): Switch forwards its input to one of
// two outputs and marks the other dead; ops reading a dead value are skipped and their outputs are dead too;
// Merge forwards the first live input. The executor implements deadness for plans containing a Switch. Legacy
// while loops (Enter, Exit, NextIteration, LoopCond) are not registered, so importing one names the op.
internal static partial class ControlFlowOps
{
    /// <summary>(output_false, output_true) = pred ? (dead, data) : (data, dead).</summary>
    public static readonly OpDef SwitchOp = new("Switch",
        ctx =>
        {
            ctx.ExpectInputs(2);
            if (ctx.DType(1) != DType.Bool || ctx.Shape(1).Rank > 0)
            {
                throw ctx.Error($"pred must be a boolean scalar, got {ctx.DType(1)} {ctx.Shape(1)}.");
            }

            return [new TensorSpec(ctx.DType(0), ctx.Shape(0)), new TensorSpec(ctx.DType(0), ctx.Shape(0))];
        },
        _ => ctx =>
        {
            var data = ctx.Input(0);
            int live = ctx.Input(1).Item<bool>() ? 1 : 0;
            data.CopyTo(ctx.Output(live, data.Shape));
            ctx.SetOutput(1 - live, Session.Dead);
        })
    {
        Inputs = ["data: T", "pred: bool"], Outputs = ["output_false: T", "output_true: T"],
        NoGradient = "imported TF1 dataflow control flow is run, not differentiated; tf.cond builds a differentiable If",
    };

    /// <summary>(output, value_index) = the first live input and its index.</summary>
    public static readonly OpDef MergeOp = new("Merge",
        ctx =>
        {
            if (ctx.Inputs.Count == 0)
            {
                throw ctx.Error("Merge needs at least one input.");
            }

            var shape = ctx.Shape(0);
            for (int i = 1; i < ctx.Inputs.Count; i++)
            {
                shape = ctx.Shape(i).IsCompatibleWith(shape) ? shape.MergeWith(ctx.Shape(i)) : Shape.Unknown;
            }

            return [new TensorSpec(ctx.SameDType(), shape), new TensorSpec(DType.Int32, Shape.Scalar)];
        },
        _ => ctx =>
        {
            for (int i = 0; i < ctx.InputCount; i++)
            {
                if (!ctx.IsDead(i))
                {
                    var value = ctx.Input(i);
                    value.CopyTo(ctx.Output(0, value.Shape));
                    ctx.Output(1, Shape.Scalar).Data<int>()[0] = i;
                    return;
                }
            }

            ctx.SetOutput(0, Session.Dead);
            ctx.SetOutput(1, Session.Dead);
        })
    {
        Inputs = ["inputs: N * T"], Outputs = ["output: T", "value_index: int32"],
        NoGradient = "imported TF1 dataflow control flow is run, not differentiated; tf.cond builds a differentiable If",
    };

    private static IEnumerable<OpDef> LegacyDefs => [SwitchOp, MergeOp];
}
