using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// A function body: the graph a <c>tf.cond</c> branch or a <c>tf.while_loop</c> condition/body is traced into, with
/// its arguments (placeholders) and results. It is TensorFlow's <c>FunctionDef</c>: the functional <c>If</c> and
/// <c>While</c> ops name their bodies, and a GraphDef carries them in its function library.
/// </summary>
/// <remarks>
/// Tracing runs the user's lambda with the body graph as the default graph. A tensor of an enclosing graph used
/// inside becomes an implicit argument (a capture), as in TF2's <c>FuncGraph</c>: the caller passes the outer
/// tensor as an extra input. Variables created inside (<c>tf.get_variable</c> in an RNN cell) are lifted to the
/// outermost graph and captured.
/// </remarks>
internal sealed class FuncGraph
{
    private readonly Dictionary<Tensor, Tensor> _captures = [];

    private FuncGraph(Graph outer, string name)
    {
        Outer = outer;
        Name = name;
        Graph = new Graph { Function = this, Seed = outer.Seed, CurrentVariableScope = outer.CurrentVariableScope };
    }

    /// <summary>The function's name in the root graph's library (unique there).</summary>
    public string Name { get; }

    /// <summary>The graph the body is traced into.</summary>
    public Graph Graph { get; }

    /// <summary>The graph whose ops call this function.</summary>
    public Graph Outer { get; }

    /// <summary>The explicit arguments (loop variables, gradients, accumulators), in call order.</summary>
    public List<Tensor> ExplicitArgs { get; } = [];

    /// <summary>The capture arguments, in call order after the explicit ones.</summary>
    public List<Tensor> CaptureArgs { get; } = [];

    /// <summary>The outer tensors the caller passes for <see cref="CaptureArgs"/>, in the same order.</summary>
    public List<Tensor> Captured { get; } = [];

    /// <summary>Every argument in call order: the explicit ones, then one per capture.</summary>
    public IReadOnlyList<Tensor> Args => [.. ExplicitArgs, .. CaptureArgs];

    /// <summary>The results.</summary>
    public Tensor[] Results { get; set; } = [];

    /// <summary>Resolves a tensor of a graph that does not enclose this one (the forward body a gradient body reads);
    /// null when such tensors are errors.</summary>
    public Func<Tensor, Tensor>? ForeignCapture { get; set; }

    /// <summary>True when no op in the body (or a body it calls) is stateful: the caller may be the
    /// <c>Stateless</c> op variant.</summary>
    public bool IsStateless => Graph.Operations.All(op => !op.Def.IsStateful
        && op.Attrs.Values.OfType<FuncGraph>().All(f => f.IsStateless));

    /// <summary>A new, empty function body called from <paramref name="outer"/>, registered in the root graph's
    /// library under a unique name derived from <paramref name="baseName"/>.</summary>
    public static FuncGraph Create(Graph outer, string baseName)
    {
        var root = outer.Root;
        var f = new FuncGraph(outer, root.UniqueFunctionName(baseName));
        root.RegisterFunction(f);
        return f;
    }

    /// <summary>A new, empty function body named exactly <paramref name="name"/> (an imported FunctionDef).</summary>
    public static FuncGraph CreateNamed(Graph root, string name)
    {
        var f = new FuncGraph(root, name);
        root.RegisterFunction(f);
        return f;
    }

    /// <summary>Adds an explicit argument of <paramref name="dtype"/> and <paramref name="shape"/>.</summary>
    public Tensor AddArg(DType dtype, Shape shape, string name)
    {
        var arg = NewArg(dtype, shape, name);
        ExplicitArgs.Add(arg);
        return arg;
    }

    private Tensor NewArg(DType dtype, Shape shape, string name) =>
        Graph.AddOperation("Placeholder", name, [], [new("dtype", dtype), new("shape", shape)]).Output;

    /// <summary>A copy of this body (same outer graph, every op re-created in a new graph) whose explicit arguments
    /// are all of this body's arguments followed by <paramref name="extraArgs"/>, and whose results are this body's
    /// results followed by what <paramref name="extraResults"/> builds from the copied tensors (its argument maps a
    /// tensor of this body to its copy; its second argument holds the new explicit arguments).</summary>
    public FuncGraph CopyExtended(string baseName, (DType DType, Shape Shape)[] extraArgs,
        Func<Func<Tensor, Tensor>, Tensor[], Tensor[]> extraResults)
    {
        var copy = Create(Outer, baseName);
        var map = new Dictionary<Tensor, Tensor>();
        var args = Args;
        foreach (var a in args)
        {
            map[a] = copy.AddArg(a.DType, a.Shape, a.Op.Name);
        }

        var opMap = new Dictionary<Operation, Operation>();
        foreach (var op in Graph.Operations)
        {
            if (op.Outputs.Count > 0 && args.Contains(op.Outputs[0]))
            {
                opMap[op] = map[op.Outputs[0]].Op;
                continue;
            }

            var inputs = op.Inputs.Select(t => map[t]).ToArray();
            var control = op.ControlInputs.Select(c => opMap[c]).ToArray();
            var clone = copy.Graph.AddOperationNamed(op.Def, op.Name, inputs, op.Attrs, control);
            opMap[op] = clone;
            for (int i = 0; i < op.Outputs.Count; i++)
            {
                map[op.Outputs[i]] = clone.Outputs[i];
            }
        }

        // Created after the copied ops so their unique names cannot collide with a copied name.
        var extra = extraArgs.Select((x, i) => copy.AddArg(x.DType, x.Shape, "accumulator")).ToArray();
        copy.Results = [.. Results.Select(r => map[r]), .. copy.Trace(() => extraResults(t => map[t], extra))];
        return copy;
    }

    /// <summary>The body's stand-in for <paramref name="t"/> of another graph: a capture argument when
    /// <paramref name="t"/>'s graph encloses this body (captured through every body in between), else
    /// <see cref="ForeignCapture"/>'s answer.</summary>
    public Tensor Capture(Tensor t)
    {
        lock (Graph.SyncRoot)
        {
            if (_captures.TryGetValue(t, out var inner))
            {
                return inner;
            }

            if (Encloses(t.Graph))
            {
                var outer = t.Graph == Outer ? t : Outer.Function!.Capture(t);
                using (Graph.NameScope(null))
                {
                    inner = NewArg(t.DType, t.Shape, CaptureName(t));
                }

                CaptureArgs.Add(inner);
                Captured.Add(outer);
                _captures[outer] = inner; // the enclosing graph's stand-in maps to the same argument

            }
            else
            {
                inner = ForeignCapture?.Invoke(t) ?? throw new GraphException(
                    $"Tensor '{t.Name}' belongs to a graph that does not enclose function '{Name}'; it cannot be used there.");
            }

            _captures[t] = inner;
            return inner;
        }
    }

    /// <summary>Makes the capture arguments exactly <paramref name="outerTensors"/> (tensors of <see cref="Outer"/>),
    /// in that order, capturing the ones this body does not use (the two branches of an If, the cond and body of a
    /// While take the same arguments).</summary>
    public void AlignCaptures(IReadOnlyList<Tensor> outerTensors)
    {
        foreach (var t in outerTensors)
        {
            Capture(t);
        }

        var byOuter = new Dictionary<Tensor, Tensor>();
        for (int i = 0; i < Captured.Count; i++)
        {
            byOuter[Captured[i]] = CaptureArgs[i];
        }

        if (byOuter.Count != outerTensors.Count)
        {
            throw new GraphException($"Function '{Name}' captures tensors its sibling function does not.");
        }

        CaptureArgs.Clear();
        CaptureArgs.AddRange(outerTensors.Select(t => byOuter[t]));
        Captured.Clear();
        Captured.AddRange(outerTensors);
    }

    /// <summary>Runs <paramref name="trace"/> with the body as the default graph (name scopes start afresh, as in a
    /// TF function body; the variable scope carries over so cells name their variables as TF1 does).</summary>
    public T Trace<T>(Func<T> trace)
    {
        using (Graph.AsDefault())
        {
            return trace();
        }
    }

    private bool Encloses(Graph g)
    {
        for (var outer = Outer; ; outer = outer.Function!.Outer)
        {
            if (outer == g)
            {
                return true;
            }

            if (outer.Function is null)
            {
                return false;
            }
        }
    }

    private static string CaptureName(Tensor t) =>
        t.Op.Name.Replace('/', '_') + (t.ValueIndex == 0 ? "" : "_" + t.ValueIndex);
}
