using StaticGraph.Execution;

namespace StaticGraph.Ops;

/// <summary>
/// Functional control flow, as TF2 writes it and TF 1.13+ runs it: <c>If</c>/<c>StatelessIf</c> call one of two
/// branch functions, <c>While</c>/<c>StatelessWhile</c> iterate a body function while a condition function holds.
/// The bodies are <see cref="FuncGraph"/>s (the GraphDef's function library), compiled once into sub-plans when the
/// calling kernel is bound, so an iteration costs one sub-plan run and no graph walk.
/// </summary>
internal static partial class ControlFlowOps
{
    /// <summary>output = cond ? then_branch(input) : else_branch(input). A non-boolean scalar cond is true when
    /// non-zero, a non-scalar one when non-empty.</summary>
    public static readonly OpDef IfOp = new("If", InferIf, BindIf)
    {
        Inputs = ["cond: Tcond", "input: Tin"], Outputs = ["output: Tout"], Attrs = ["Tin: list(type) >= 0", "Tout: list(type) >= 0"],
        IsStateful = true, Grad = IfGrad,
    };

    /// <summary><c>If</c> whose branches have no side effects.</summary>
    public static readonly OpDef StatelessIfOp = IfOp with { Name = "StatelessIf", IsStateful = false };

    /// <summary>output = input; while cond(output): output = body(output).</summary>
    public static readonly OpDef WhileOp = new("While", InferWhile, BindWhile)
    {
        Inputs = ["input: T"], Outputs = ["output: T"], Attrs = ["T: list(type) >= 0"],
        IsStateful = true,
        Grad = WhileGrad,
        AttrDefaults = new Dictionary<string, object> { ["parallel_iterations"] = 10L },
    };

    /// <summary><c>While</c> whose condition and body have no side effects.</summary>
    public static readonly OpDef StatelessWhileOp = WhileOp with { Name = "StatelessWhile", IsStateful = false };

    public static IEnumerable<OpDef> Defs =>
        [IfOp, StatelessIfOp, WhileOp, StatelessWhileOp, .. TensorListDefs, .. LegacyDefs];

    private static TensorSpec[] InferIf(InferContext ctx)
    {
        if (ctx.Inputs.Count < 1)
        {
            throw ctx.Error("If needs a condition input.");
        }

        var tout = ctx.Attr<DType[]>("Tout");
        foreach (var branch in new[] { "then_branch", "else_branch" })
        {
            var f = ctx.Attr<FuncGraph>(branch);
            if (f.Args.Count != ctx.Inputs.Count - 1 || f.Results.Length != tout.Length)
            {
                throw ctx.Error($"{branch} '{f.Name}' takes {f.Args.Count} arguments and returns {f.Results.Length} results, "
                    + $"but the node passes {ctx.Inputs.Count - 1} inputs and has {tout.Length} outputs.");
            }
        }

        return Specs(ctx, tout);
    }

    private static TensorSpec[] InferWhile(InferContext ctx)
    {
        var types = ctx.Attr<DType[]>("T");
        if (types.Length != ctx.Inputs.Count)
        {
            throw ctx.Error($"While has {ctx.Inputs.Count} inputs but T lists {types.Length} types.");
        }

        var body = ctx.Attr<FuncGraph>("body");
        var cond = ctx.Attr<FuncGraph>("cond");
        if (body.Args.Count != types.Length || body.Results.Length != types.Length || cond.Args.Count != types.Length
            || cond.Results.Length != 1)
        {
            throw ctx.Error($"While's body '{body.Name}' ({body.Args.Count} arguments, {body.Results.Length} results) and "
                + $"cond '{cond.Name}' ({cond.Args.Count} arguments, {cond.Results.Length} results) must take the {types.Length} "
                + "loop variables, the body returning as many and the cond one boolean.");
        }

        return Specs(ctx, types);
    }

    private static TensorSpec[] Specs(InferContext ctx, DType[] types)
    {
        var shapes = ctx.Attr<Shape[]>("output_shapes", []);
        return types.Select((t, i) => new TensorSpec(t, shapes.Length == types.Length ? shapes[i] : Shape.Unknown)).ToArray();
    }

    private static Kernel BindIf(KernelBuild build)
    {
        var thenPlan = SubPlan.Compile(build.Attr<FuncGraph>("then_branch"), build.State);
        var elsePlan = SubPlan.Compile(build.Attr<FuncGraph>("else_branch"), build.State);
        NDArray[]? spare = null;
        return ctx =>
        {
            var plan = IsTrue(ctx.Input(0)) ? thenPlan : elsePlan;
            var args = Interlocked.Exchange(ref spare, null) ?? new NDArray[ctx.InputCount - 1];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = ctx.Input(i + 1);
            }

            var frame = plan.Rent(ctx);
            try
            {
                plan.Run(frame, args);
                for (int i = 0; i < ctx.Op.Outputs.Count; i++)
                {
                    var r = plan.Result(frame, i);
                    r.CopyTo(ctx.Output(i, r.Shape));
                }
            }
            finally
            {
                plan.Return(frame);
                Array.Clear(args);
                spare = args;
            }
        };
    }

    /// <summary>The loop: two body frames take turns, so an iteration reads the previous one's results where they
    /// were written and writes its own into the other frame (no copy per iteration, no growth with the trip count).
    /// A loop variable the body overwrites in place (a tensor it adds one row to per iteration) lives in an array the
    /// loop owns: copied in once, then updated in place by every iteration.</summary>
    private static Kernel BindWhile(KernelBuild build)
    {
        var condPlan = SubPlan.Compile(build.Attr<FuncGraph>("cond"), build.State);
        var bodyPlan = SubPlan.Compile(build.Attr<FuncGraph>("body"), build.State, donateArgs: true);
        int[] donated = Enumerable.Range(0, build.Op.Inputs.Count).Where(bodyPlan.Overwrites).ToArray();
        LoopScratch? spare = null; // one call's arrays, kept for the next (a concurrent call makes its own)
        return ctx =>
        {
            var scratch = Interlocked.Exchange(ref spare, null) ?? new LoopScratch(ctx.InputCount, donated.Length);
            var vars = scratch.Vars;
            for (int i = 0; i < vars.Length; i++)
            {
                vars[i] = ctx.Input(i);
            }

            Own(vars, donated, scratch.Owned);
            long call = Frame.NextInvocation(); // one loop: invariant arguments stay put across both body frames
            var (even, odd, condFrame) = (bodyPlan.Rent(ctx, call), bodyPlan.Rent(ctx, call), condPlan.Rent(ctx));
            try
            {
                for (int iteration = 0; ; iteration++)
                {
                    condPlan.Run(condFrame, vars);
                    if (!IsTrue(condPlan.Result(condFrame, 0)))
                    {
                        break;
                    }

                    var frame = (iteration & 1) == 0 ? even : odd;
                    bodyPlan.Run(frame, vars);
                    for (int i = 0; i < vars.Length; i++)
                    {
                        vars[i] = bodyPlan.Result(frame, i);
                    }

                    Own(vars, donated, scratch.Owned);
                }

                for (int i = 0; i < vars.Length; i++)
                {
                    vars[i].CopyTo(ctx.Output(i, vars[i].Shape));
                }
            }
            finally
            {
                condPlan.Return(condFrame);
                bodyPlan.Return(even);
                bodyPlan.Return(odd);
                Array.Clear(vars);
                spare = scratch;
            }
        };
    }

    /// <summary>The loop variables of one While call, and the arrays the loop owns for its donated variables.</summary>
    private sealed class LoopScratch(int vars, int donated)
    {
        public NDArray[] Vars { get; } = new NDArray[vars];

        public NDArray?[] Owned { get; } = new NDArray?[donated];
    }

    /// <summary>Points each donated loop variable at the loop's own array for it, copying the value in unless it is
    /// already there (the body updated it in place).</summary>
    private static void Own(NDArray[] vars, int[] donated, NDArray?[] owned)
    {
        for (int j = 0; j < donated.Length; j++)
        {
            var value = vars[donated[j]];
            var mine = owned[j];
            if (ReferenceEquals(value, mine))
            {
                continue;
            }

            if (mine is null || mine.DType != value.DType || !mine.Shape.Equals(value.Shape))
            {
                owned[j] = mine = NDArray.Zeros(value.DType, value.Shape);
            }

            value.CopyTo(mine);
            vars[donated[j]] = mine;
        }
    }

    /// <summary>TF's truth value of a condition tensor: a scalar is true when non-zero (a bool when true), any other
    /// tensor when it has elements.</summary>
    private static bool IsTrue(NDArray pred)
    {
        if (pred.Rank != 0)
        {
            return pred.Size > 0;
        }

        return pred.RawData switch
        {
            bool[] b => b[0],
            float[] f => f[0] != 0,
            double[] d => d[0] != 0,
            int[] i => i[0] != 0,
            long[] l => l[0] != 0,
            byte[] u => u[0] != 0,
            byte[][] s => s[0].Length > 0,
            _ => throw new InvalidArgumentException($"A {pred.DType} tensor cannot be a condition."),
        };
    }
}
