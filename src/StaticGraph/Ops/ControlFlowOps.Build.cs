namespace StaticGraph.Ops;

// tf.cond and tf.while_loop: trace the user's lambdas into function bodies and add one If / While node.
internal static partial class ControlFlowOps
{
    /// <summary><c>tf.cond</c>: traces both branches, gives them the same capture arguments, and adds an
    /// <c>If</c> (or <c>StatelessIf</c>) node named after the scope.</summary>
    public static Tensor[] Cond(Tensor pred, Func<Tensor[]> trueFn, Func<Tensor[]> falseFn, string? name)
    {
        ArgumentNullException.ThrowIfNull(pred);
        ArgumentNullException.ThrowIfNull(trueFn);
        ArgumentNullException.ThrowIfNull(falseFn);
        var graph = Graph.For([pred]);
        using var scope = graph.NameScope(name ?? "cond");
        var thenF = FuncGraph.Create(graph, "cond_true");
        thenF.Results = Trace(thenF, trueFn);
        var elseF = FuncGraph.Create(graph, "cond_false");
        elseF.Results = Trace(elseF, falseFn);
        if (thenF.Results.Length != elseF.Results.Length)
        {
            throw new GraphException($"tf.cond '{scope.Name.TrimEnd('/')}': true_fn returns {thenF.Results.Length} tensors but false_fn returns {elseF.Results.Length}.");
        }

        var shapes = new Shape[thenF.Results.Length];
        for (int i = 0; i < shapes.Length; i++)
        {
            var (a, b) = (thenF.Results[i], elseF.Results[i]);
            if (a.DType != b.DType)
            {
                throw new GraphException($"tf.cond '{scope.Name.TrimEnd('/')}': output {i} is {a.DType} in true_fn but {b.DType} in false_fn.");
            }

            shapes[i] = MostSpecificCommon(a.Shape, b.Shape);
        }

        var captured = thenF.Captured.Union(elseF.Captured).ToArray();
        thenF.AlignCaptures(captured);
        elseF.AlignCaptures(captured);
        string type = thenF.IsStateless && elseF.IsStateless ? "StatelessIf" : "If";
        var op = graph.AddOperation(type, scope.Name, [pred, .. captured],
        [
            new("Tcond", pred.DType), new("Tin", captured.Select(t => t.DType).ToArray()),
            new("Tout", thenF.Results.Select(t => t.DType).ToArray()), new("then_branch", thenF),
            new("else_branch", elseF), new("output_shapes", shapes),
        ]);
        return op.Outputs.ToArray();
    }

    /// <summary><c>tf.while_loop</c>: traces the condition and the body on arguments shaped like the loop variables
    /// (relaxed by <paramref name="shapeInvariants"/>), appends their captures as loop variables the body passes
    /// through, and adds a <c>While</c> (or <c>StatelessWhile</c>) node. <paramref name="maximumIterations"/> adds an
    /// iteration counter to the loop variables and to the condition.</summary>
    public static Tensor[] WhileLoop(Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body, Tensor[] loopVars,
        Shape[]? shapeInvariants, Tensor? maximumIterations, int parallelIterations, string? name)
    {
        ArgumentNullException.ThrowIfNull(cond);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(loopVars);
        if (loopVars.Length == 0)
        {
            throw new ArgumentException("tf.while_loop needs at least one loop variable.", nameof(loopVars));
        }

        if (shapeInvariants is not null && shapeInvariants.Length != loopVars.Length)
        {
            throw new ArgumentException($"shape_invariants has {shapeInvariants.Length} shapes for {loopVars.Length} loop variables.", nameof(shapeInvariants));
        }

        if (maximumIterations is not null)
        {
            // The counter is loop variable 0; the loop also stops when it reaches maximum_iterations.
            var max = maximumIterations;
            var counter = OpBuilder.Scalar(0, DType.Int32, Graph.For(loopVars), "iteration_counter");
            var inner = WhileLoop(
                v => MathOps.LogicalAnd(MathOps.Less(v[0], ArrayOps.Cast(max, DType.Int32, null), null), cond(v[1..]), null),
                v => [MathOps.Add(v[0], OpBuilder.Scalar(1, DType.Int32, v[0].Graph), null), .. body(v[1..])],
                [counter, .. loopVars], shapeInvariants is null ? null : [Shape.Scalar, .. shapeInvariants], null,
                parallelIterations, name);
            return inner[1..];
        }

        var graph = Graph.For(loopVars);
        using var scope = graph.NameScope(name ?? "while");
        var invariants = shapeInvariants ?? loopVars.Select(v => v.Shape).ToArray();
        for (int i = 0; i < loopVars.Length; i++)
        {
            if (!invariants[i].IsCompatibleWith(loopVars[i].Shape))
            {
                throw new GraphException($"tf.while_loop: loop variable {i} '{loopVars[i].Name}' has shape {loopVars[i].Shape}, which is not compatible with its shape invariant {invariants[i]}.");
            }
        }

        var condF = FuncGraph.Create(graph, "while_cond");
        var condArgs = Arguments(condF, loopVars, invariants);
        condF.Results = Trace(condF, () => [cond(condArgs)]);
        var c = condF.Results[0];
        if (c.DType != DType.Bool || c.Shape.Rank > 0)
        {
            throw new GraphException($"tf.while_loop: cond must return a boolean scalar, got {c.DType} {c.Shape}.");
        }

        var bodyF = FuncGraph.Create(graph, "while_body");
        var bodyArgs = Arguments(bodyF, loopVars, invariants);
        bodyF.Results = Trace(bodyF, () => body(bodyArgs));
        CheckBodyResults(bodyF, loopVars, invariants);

        var captured = condF.Captured.Union(bodyF.Captured).ToArray();
        condF.AlignCaptures(captured);
        bodyF.AlignCaptures(captured);
        bodyF.Results = [.. bodyF.Results, .. bodyF.CaptureArgs];
        var inputs = loopVars.Concat(captured).ToArray();
        var op = AddWhile(graph, scope.Name, inputs, condF, bodyF, [.. invariants, .. captured.Select(t => t.Shape)], parallelIterations);
        return op.Outputs.Take(loopVars.Length).ToArray();
    }

    /// <summary>Adds the While node over <paramref name="inputs"/> (Stateless when both functions are).</summary>
    internal static Operation AddWhile(Graph graph, string name, Tensor[] inputs, FuncGraph condF, FuncGraph bodyF, Shape[] shapes,
        int parallelIterations, params KeyValuePair<string, object>[] extraAttrs)
    {
        string type = condF.IsStateless && bodyF.IsStateless ? "StatelessWhile" : "While";
        return graph.AddOperation(type, name, inputs,
        [
            new("T", inputs.Select(t => t.DType).ToArray()), new("cond", condF), new("body", bodyF),
            new("output_shapes", shapes), new("parallel_iterations", (long)parallelIterations), .. extraAttrs,
        ]);
    }

    private static Tensor[] Arguments(FuncGraph f, Tensor[] loopVars, Shape[] invariants) =>
        loopVars.Select((v, i) => f.AddArg(v.DType, invariants[i], $"arg{i}")).ToArray();

    /// <summary>Checks the body's results against the loop variables (count, dtype, shape invariant), and makes
    /// each result a value the body computes (<see cref="EnsureComputed"/>).</summary>
    private static void CheckBodyResults(FuncGraph bodyF, Tensor[] loopVars, Shape[] invariants)
    {
        var results = bodyF.Results;
        if (results.Length != loopVars.Length)
        {
            throw new GraphException($"tf.while_loop: body returns {results.Length} tensors for {loopVars.Length} loop variables.");
        }

        for (int i = 0; i < results.Length; i++)
        {
            var r = results[i];
            if (r.DType != loopVars[i].DType)
            {
                throw new GraphException($"tf.while_loop: loop variable {i} '{loopVars[i].Name}' enters the loop as {loopVars[i].DType} but the body returns {r.DType}.");
            }

            if (!invariants[i].IsCompatibleWith(r.Shape))
            {
                throw new GraphException(
                    $"Input tensor '{loopVars[i].Name}' enters the loop with shape {invariants[i]}, but has shape {r.Shape} after one iteration. "
                    + "To allow the shape to vary across iterations, use the `shape_invariants` argument of tf.while_loop to specify a less-specific shape.");
            }
        }

        EnsureComputed(bodyF);
    }

    /// <summary>Runs a branch or body lambda in <paramref name="f"/>; results of enclosing graphs become captures.</summary>
    private static Tensor[] Trace(FuncGraph f, Func<Tensor[]> fn)
    {
        var results = f.Trace(fn) ?? throw new GraphException($"Function '{f.Name}' returned null.");
        return results.Select(r => (r ?? throw new GraphException($"Function '{f.Name}' returned a null tensor.")).Graph == f.Graph
            ? r : f.Capture(r)).ToArray();
    }

    /// <summary>The most specific shape both <paramref name="a"/> and <paramref name="b"/> have (a dimension they
    /// disagree on is unknown; ranks that differ give an unknown rank).</summary>
    private static Shape MostSpecificCommon(Shape a, Shape b)
    {
        if (a.Rank < 0 || b.Rank < 0 || a.Rank != b.Rank)
        {
            return Shape.Unknown;
        }

        var dims = new int[a.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = a[i] == b[i] ? a[i] : -1;
        }

        return dims;
    }
}
