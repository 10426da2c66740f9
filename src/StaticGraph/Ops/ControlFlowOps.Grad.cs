using StaticGraph.Autodiff;

namespace StaticGraph.Ops;

// Gradients of If and While, TF2's way: the gradient of a body is traced into a gradient function; every forward
// value it reads becomes an accumulator (a TensorList) that a "twin" of the forward op fills while it runs, and the
// gradient op pops. The compiler runs the twin in place of the forward op (attr "_forward"), so a training step
// runs the loop once.
internal static partial class ControlFlowOps
{
    /// <summary>dx = If(cond, then_grad, else_grad)(dy, accumulators): the taken branch's gradient.</summary>
    private static Tensor?[] IfGrad(GradContext g)
    {
        var op = g.Op;
        var thenF = op.GetAttr<FuncGraph>("then_branch");
        var elseF = op.GetAttr<FuncGraph>("else_branch");
        var outer = Graph.For([]);
        int[] diffOut = Floating(op.Outputs);
        int[] diffIn = Floating(op.Inputs.Skip(1).ToArray());
        var dys = diffOut.Select(i => g.Dys[i] ?? ArrayOps.ZerosLike(op.Outputs[i], null)).ToArray();

        var (thenGrad, thenAcc) = BranchGradient(thenF, "cond_true_grad", op, diffOut, diffIn, outer);
        var (elseGrad, elseAcc) = BranchGradient(elseF, "cond_false_grad", op, diffOut, diffIn, outer);

        // The twin: each branch also returns its accumulators (one pushed value each) and empty lists for the other's.
        Tensor[] Accumulators(Func<Tensor, Tensor> map, bool then) =>
        [
            .. thenAcc.Select(t => then ? TensorListPushBack(EmptyTensorList(t.DType, t.Shape), map(t)) : EmptyTensorList(t.DType, t.Shape)),
            .. elseAcc.Select(t => then ? EmptyTensorList(t.DType, t.Shape) : TensorListPushBack(EmptyTensorList(t.DType, t.Shape), map(t))),
        ];
        var twinThen = thenF.CopyExtended("cond_true_acc", [], (map, _) => Accumulators(map, true));
        var twinElse = elseF.CopyExtended("cond_false_acc", [], (map, _) => Accumulators(map, false));
        int lists = thenAcc.Count + elseAcc.Count;
        var twin = op.Graph.AddOperation(op.Type, op.Name + "_acc", op.Inputs,
        [
            new("Tcond", op.Inputs[0].DType), new("Tin", op.GetAttr<DType[]>("Tin")),
            new("Tout", op.GetAttr<DType[]>("Tout").Concat(Enumerable.Repeat(DType.Variant, lists)).ToArray()),
            new("then_branch", twinThen), new("else_branch", twinElse),
            new("output_shapes", op.Outputs.Select(t => t.Shape).Concat(Enumerable.Repeat(Shape.Scalar, lists)).ToArray()),
            new("_forward", op.Name),
        ]);

        // Both gradient branches take (dy..., then lists..., else lists..., captures...): each gets placeholders for
        // the other's lists, and the else branch's own lists move behind the then placeholders.
        var elseLists = elseGrad.ExplicitArgs.Skip(diffOut.Length).ToArray();
        for (int i = 0; i < elseAcc.Count; i++)
        {
            thenGrad.AddArg(DType.Variant, Shape.Scalar, "unused_accumulator");
        }

        elseGrad.ExplicitArgs.RemoveRange(diffOut.Length, elseLists.Length);
        for (int i = 0; i < thenAcc.Count; i++)
        {
            elseGrad.AddArg(DType.Variant, Shape.Scalar, "unused_accumulator");
        }

        elseGrad.ExplicitArgs.AddRange(elseLists);
        var captured = thenGrad.Captured.Union(elseGrad.Captured).ToArray();
        thenGrad.AlignCaptures(captured);
        elseGrad.AlignCaptures(captured);
        var inputs = new List<Tensor>(dys);
        inputs.AddRange(twin.Outputs.Skip(op.Outputs.Count));
        inputs.AddRange(captured);
        string type = thenGrad.IsStateless && elseGrad.IsStateless ? "StatelessIf" : "If";
        var gradOp = outer.AddOperation(type, null, [op.Inputs[0], .. inputs],
        [
            new("Tcond", op.Inputs[0].DType), new("Tin", inputs.Select(t => t.DType).ToArray()),
            new("Tout", diffIn.Select(j => op.Inputs[1 + j].DType).ToArray()), new("then_branch", thenGrad),
            new("else_branch", elseGrad), new("output_shapes", diffIn.Select(j => op.Inputs[1 + j].Shape).ToArray()),
        ]);
        var dxs = new Tensor?[op.Inputs.Count];
        for (int k = 0; k < diffIn.Length; k++)
        {
            dxs[1 + diffIn[k]] = gradOp.Outputs[k];
        }

        return dxs;
    }

    /// <summary>The gradient function of one If branch: (dy..., accumulators...) -> d(inputs), and the forward
    /// tensors it accumulates.</summary>
    private static (FuncGraph Grad, List<Tensor> Accumulated) BranchGradient(FuncGraph f, string name, Operation op,
        int[] diffOut, int[] diffIn, Graph outer)
    {
        var grad = FuncGraph.Create(outer, name);
        var dy = diffOut.Select(i => grad.AddArg(op.Outputs[i].DType, op.Outputs[i].Shape, $"grad{i}")).ToArray();
        var accumulated = new List<Tensor>();
        grad.ForeignCapture = Accumulating(grad, f, arg => op.Inputs[1 + arg], accumulated, null);
        var dxs = grad.Trace(() => Gradients.Compute(diffOut.Select(i => f.Results[i]).ToArray(),
            diffIn.Select(j => f.Args[j]).ToArray(), dy, null, UnconnectedGradients.Zero, "grad"));
        grad.Results = dxs.Select(d => d!).ToArray();
        EnsureComputed(grad);
        return (grad, accumulated);
    }

    /// <summary>d(loop vars) = the loop that runs the body's gradient once per forward iteration, in reverse.</summary>
    private static Tensor?[] WhileGrad(GradContext g)
    {
        var op = g.Op;
        var body = op.GetAttr<FuncGraph>("body");
        var cond = op.GetAttr<FuncGraph>("cond");
        var outer = Graph.For([]);
        int[] diff = CarriedGradients(g, body);
        if (diff.Length == 0)
        {
            return new Tensor?[op.Inputs.Count];
        }

        // The gradient body: (iterations, dr..., accumulators..., captures...) -> (iterations - 1, da..., lists...).
        var gradBody = FuncGraph.Create(outer, "while_body_grad");
        var k = gradBody.AddArg(DType.Int32, Shape.Scalar, "iterations");
        var dr = diff.Select(i => gradBody.AddArg(op.Inputs[i].DType, body.Args[i].Shape, $"grad{i}")).ToArray();
        var accumulated = new List<Tensor>();
        var popped = new List<Tensor>();
        gradBody.ForeignCapture = Accumulating(gradBody, body,
            arg => body.Results[arg] == body.Args[arg] ? op.Inputs[arg] : null, accumulated, popped);
        var das = gradBody.Trace(() => Gradients.Compute(diff.Select(i => body.Results[i]).ToArray(),
            diff.Select(i => body.Args[i]).ToArray(), dr, null, UnconnectedGradients.Zero, "grad"));
        var next = gradBody.Trace(() => MathOps.Sub(k, OpBuilder.Scalar(1, DType.Int32, gradBody.Graph), null));
        gradBody.Results = [next, .. das.Select(d => d!), .. popped];
        EnsureComputed(gradBody);

        var twin = WhileTwin(op, cond, body, accumulated);

        var gradCond = FuncGraph.Create(outer, "while_cond_grad");
        var explicitArgs = gradBody.ExplicitArgs.Select(a => gradCond.AddArg(a.DType, a.Shape, "arg")).ToArray();
        gradCond.Results = [gradCond.Trace(() => MathOps.Greater(explicitArgs[0], OpBuilder.Scalar(0, DType.Int32, gradCond.Graph), null))];
        var captured = gradBody.Captured.ToArray();
        gradCond.AlignCaptures(captured);
        gradBody.Results = [.. gradBody.Results, .. gradBody.CaptureArgs];
        var dys = diff.Select(i => g.Dys[i] ?? ArrayOps.ZerosLike(op.Outputs[i], null));
        var n = op.Inputs.Count;
        Tensor[] inputs = [twin.Outputs[n], .. dys, .. twin.Outputs.Skip(n + 1), .. captured];
        var shapes = inputs.Select((t, i) => i == 0 ? Shape.Scalar : gradBody.Args[i].Shape).ToArray();
        var gradOp = AddWhile(outer, "while_grad", inputs, gradCond, gradBody, shapes, (int)op.GetAttr<long>("parallel_iterations"));
        var dxs = new Tensor?[n];
        for (int j = 0; j < diff.Length; j++)
        {
            dxs[diff[j]] = gradOp.Outputs[1 + j];
        }

        return dxs;
    }

    /// <summary>The loop variables whose gradient the gradient loop carries: the floating ones the caller needs, and
    /// every one whose body result reads a carried one (its gradient flows into a needed one an iteration earlier).
    /// The rest (dynamic_rnn's input sequence, a zero initial value) would cost a gradient per iteration for
    /// nothing.</summary>
    private static int[] CarriedGradients(GradContext g, FuncGraph body)
    {
        var inputs = g.Op.Inputs;
        var carried = Enumerable.Range(0, inputs.Count).Select(i => inputs[i].DType.IsFloating && g.NeedsGradient(i)).ToArray();
        var reads = body.Results.Select(r => ArgsRead(body, r)).ToArray();
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int j = 0; j < carried.Length; j++)
            {
                if (!carried[j] && inputs[j].DType.IsFloating && reads[j].Any(i => carried[i]))
                {
                    carried[j] = changed = true;
                }
            }
        }

        return Enumerable.Range(0, carried.Length).Where(i => carried[i]).ToArray();
    }

    /// <summary>The positions of the arguments of <paramref name="f"/> that <paramref name="t"/> depends on.</summary>
    private static HashSet<int> ArgsRead(FuncGraph f, Tensor t)
    {
        var args = f.Args.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
        var found = new HashSet<int>();
        var seen = new HashSet<Operation>();
        var stack = new Stack<Tensor>([t]);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (args.TryGetValue(x, out int i))
            {
                found.Add(i);
            }
            else if (seen.Add(x.Op))
            {
                foreach (var input in x.Op.Inputs)
                {
                    stack.Push(input);
                }
            }
        }

        return found;
    }

    /// <summary>The forward loop again, also counting iterations and pushing every value in
    /// <paramref name="accumulated"/> once per iteration; the compiler runs it instead of <paramref name="op"/>.</summary>
    private static Operation WhileTwin(Operation op, FuncGraph cond, FuncGraph body, List<Tensor> accumulated)
    {
        (DType, Shape)[] extra = [(DType.Int32, Shape.Scalar), .. accumulated.Select(_ => (DType.Variant, Shape.Scalar))];
        var twinBody = body.CopyExtended("while_body_acc", extra, (map, args) =>
        [
            MathOps.Add(args[0], OpBuilder.Scalar(1, DType.Int32, args[0].Graph), null),
            .. accumulated.Select((t, j) => TensorListPushBack(args[1 + j], map(t))),
        ]);
        var twinCond = cond.CopyExtended("while_cond_acc", extra, (_, _) => []);
        using (op.Graph.AsDefault())
        {
            Tensor[] inputs =
            [
                .. op.Inputs, OpBuilder.Scalar(0, DType.Int32, op.Graph, "iterations"),
                .. accumulated.Select(t => EmptyTensorList(t.DType, t.Shape)),
            ];
            var shapes = op.Outputs.Select(t => t.Shape).Concat(extra.Select(e => e.Item2)).ToArray();
            return AddWhile(op.Graph, op.Name + "_acc", inputs, twinCond, twinBody, shapes,
                (int)op.GetAttr<long>("parallel_iterations"), new KeyValuePair<string, object>("_forward", op.Name));
        }
    }

    /// <summary>The capture rule of a gradient function: a forward-body tensor becomes a popped accumulator, except
    /// constants (copied), loop-invariant arguments (the outer input, captured directly), and the shape of a tensor
    /// already accumulated or invariant (taken from the popped tensor or the outer input: a broadcasting op's gradient
    /// reads its operands' values first and their shapes after, so those shapes need no lists of their own); a tensor
    /// of an enclosing forward body is captured through the enclosing gradient function.</summary>
    private static Func<Tensor, Tensor> Accumulating(FuncGraph grad, FuncGraph forward, Func<int, Tensor?> invariantInput,
        List<Tensor> accumulated, List<Tensor>? poppedLists)
    {
        var popped = new Dictionary<Tensor, Tensor>(); // forward tensor -> its popped value in the gradient function
        return Capture;

        Tensor Capture(Tensor t)
        {
            if (t.Graph != forward.Graph)
            {
                var viaOuter = grad.Outer.Function?.Capture(t) ?? throw new GraphException(
                    $"Gradient function '{grad.Name}' cannot read '{t.Name}': it is not a tensor of '{forward.Name}'.");
                return grad.Capture(viaOuter);
            }

            if (t.Op.Type == "Const")
            {
                return OpBuilder.Const(t.Op.GetAttr<NDArray>("value"), "Const", grad.Graph);
            }

            if (Invariant(t) is Tensor input)
            {
                return grad.Capture(input);
            }

            if (t.Op.Type == "Shape" && Kept(t.Op.Inputs[0]) is Tensor source)
            {
                return ArrayOps.ShapeOf(source, t.DType, "Shape");
            }

            accumulated.Add(t);
            var list = grad.AddArg(DType.Variant, Shape.Scalar, "accumulator");
            var (rest, value) = TensorListPopBackPair(list, t.DType, t.Shape);
            poppedLists?.Add(rest);
            popped[t] = value;
            return value;
        }

        // Forward tensor x in the gradient function without a list of its own (its popped value, or the outer input
        // behind an invariant x), else null.
        Tensor? Kept(Tensor x) =>
            popped.TryGetValue(x, out var value) ? value : Invariant(x) is Tensor outer ? grad.Capture(outer) : null;

        // The outer input behind a loop-invariant argument (or capture) of the forward function, else null.
        Tensor? Invariant(Tensor t)
        {
            int arg = forward.ExplicitArgs.IndexOf(t);
            int capture = forward.CaptureArgs.IndexOf(t);
            int index = arg >= 0 ? arg : capture >= 0 ? forward.ExplicitArgs.Count + capture : -1;
            return index >= 0 ? invariantInput(index) : null;
        }
    }

    /// <summary>Routes through an Identity every result that is an argument at another position (or a capture), so
    /// a loop iteration never hands the next one a value it is about to overwrite.</summary>
    private static void EnsureComputed(FuncGraph f)
    {
        var results = f.Results;
        for (int i = 0; i < results.Length; i++)
        {
            var r = results[i];
            int arg = f.ExplicitArgs.IndexOf(r);
            if ((arg >= 0 && arg != i) || f.CaptureArgs.Contains(r))
            {
                results[i] = f.Trace(() => ArrayOps.Identity(r, null));
            }
        }
    }

    private static int[] Floating(IReadOnlyList<Tensor> ts) =>
        Enumerable.Range(0, ts.Count).Where(i => ts[i].DType.IsFloating).ToArray();
}
