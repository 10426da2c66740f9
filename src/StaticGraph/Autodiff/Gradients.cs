using StaticGraph.Ops;

namespace StaticGraph.Autodiff;

/// <summary>
/// Symbolic reverse-mode differentiation (<c>tf.gradients</c>). The driver owns everything but the per-op rules:
/// it finds the ops between <c>xs</c> and <c>ys</c>, walks them in reverse graph order (the graph is append-only, so
/// every consumer of a tensor is visited before its producer and each gradient is complete, summed with AddN over
/// all consumers, before its rule runs), skips integer paths and stopped ops, and undoes broadcasting for ops that
/// broadcast. Rules build ordinary graph nodes, so gradients of gradients work.
/// </summary>
internal static class Gradients
{
    public static Tensor?[] Compute(IReadOnlyList<Tensor> ys, IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor?>? gradYs,
        IReadOnlyList<Tensor>? stopGradients, UnconnectedGradients unconnected, string name)
    {
        if (ys.Count == 0)
        {
            throw new ArgumentException("tf.gradients needs at least one ys tensor.", nameof(ys));
        }

        var graph = ys[0].Graph;
        if (gradYs is not null && gradYs.Count != ys.Count)
        {
            throw new ArgumentException($"grad_ys has {gradYs.Count} entries but ys has {ys.Count}.", nameof(gradYs));
        }

        foreach (var t in ys.Concat(xs))
        {
            if (t.Graph != graph)
            {
                throw new GraphException($"tf.gradients: tensor '{t.Name}' is not in the same graph as '{ys[0].Name}'.");
            }
        }

        // Gradient nodes go to the function body being traced, if any (a loop's gradient body), else to ys' graph.
        var builder = Graph.For(ys);
        using var scope = builder.NameScope(name);
        var between = OpsBetween(xs, ys);
        var stopped = new HashSet<Operation>((stopGradients ?? []).Select(t => t.Op));
        var pending = new Dictionary<Tensor, List<Tensor>>();

        for (int i = 0; i < ys.Count; i++)
        {
            var y = ys[i];
            var dy = gradYs?[i] ?? DefaultGradY(y, i);
            if (dy.DType != y.DType)
            {
                throw new GraphException($"tf.gradients: grad_ys[{i}] has dtype {dy.DType} but ys[{i}] '{y.Name}' has dtype {y.DType}.");
            }

            if (!dy.Shape.IsCompatibleWith(y.Shape))
            {
                throw new GraphException($"tf.gradients: grad_ys[{i}] has shape {dy.Shape} but ys[{i}] '{y.Name}' has shape {y.Shape}.");
            }

            Accumulate(pending, y, dy);
        }

        var xSet = new HashSet<Tensor>(xs);
        foreach (var op in between.OrderByDescending(op => op.Id))
        {
            if (stopped.Contains(op) || op.Def.NoGradient is not null)
            {
                continue;
            }

            var dys = op.Outputs.Select(t => Sum(pending, t)).ToArray();
            if (dys.All(d => d is null) || !op.Inputs.Any(IsTrainable))
            {
                continue;
            }

            var rule = op.Def.Grad ?? throw new GraphException(
                $"No gradient defined for operation '{op.Name}' (op type: {op.Type}).");
            Tensor?[] dxs;
            using (builder.NameScope(op.Name + "_grad"))
            {
                dxs = rule(new GradContext(op, dys, op.Inputs.Select(x => xSet.Contains(x) || between.Contains(x.Op)).ToArray()));
                if (dxs.Length != op.Inputs.Count)
                {
                    throw new GraphException(
                        $"The gradient rule of {op.Type} returned {dxs.Length} gradients for {op.Inputs.Count} inputs (node '{op.Name}').");
                }

                for (int i = 0; i < dxs.Length; i++)
                {
                    var x = op.Inputs[i];
                    if (dxs[i] is Tensor dx && IsTrainable(x))
                    {
                        dx = op.Def.Broadcasts ? Unbroadcast(dx, x) : dx;
                        if (!dx.Shape.IsCompatibleWith(x.Shape) || dx.DType != x.DType)
                        {
                            throw new GraphException(
                                $"The gradient rule of {op.Type} gave {dx.DType} {dx.Shape} for input {i} ('{x.Name}', {x.DType} {x.Shape}) of node '{op.Name}'.");
                        }

                        dx.SetShape(x.Shape); // as TF1: a gradient has its input's static shape
                        Accumulate(pending, x, dx);
                    }
                }
            }
        }

        return xs.Select(x => Sum(pending, x) ?? (unconnected == UnconnectedGradients.Zero ? ArrayOps.ZerosLike(x, null) : null)).ToArray();
    }

    /// <summary>The ops on some path from an x to a y: reachable backwards from ys and forwards from xs.</summary>
    private static HashSet<Operation> OpsBetween(IReadOnlyList<Tensor> xs, IReadOnlyList<Tensor> ys)
    {
        var backward = new HashSet<Operation>();
        var stack = new Stack<Operation>(ys.Select(y => y.Op));
        while (stack.Count > 0)
        {
            var op = stack.Pop();
            if (backward.Add(op))
            {
                foreach (var t in op.Inputs)
                {
                    stack.Push(t.Op);
                }
            }
        }

        var between = new HashSet<Operation>();
        var queue = new Queue<Tensor>(xs);
        var seen = new HashSet<Tensor>();
        while (queue.Count > 0)
        {
            var t = queue.Dequeue();
            if (!seen.Add(t))
            {
                continue;
            }

            foreach (var consumer in t.Consumers())
            {
                if (backward.Contains(consumer) && between.Add(consumer))
                {
                    foreach (var o in consumer.Outputs)
                    {
                        queue.Enqueue(o);
                    }
                }
            }
        }

        return between;
    }

    private static bool IsTrainable(Tensor t) => t.DType.IsFloating;

    // TF1 seeds the backward pass with gradients/Fill(Shape(y), 1).
    private static Tensor DefaultGradY(Tensor y, int i)
    {
        if (!y.DType.IsFloating)
        {
            throw new GraphException($"tf.gradients: ys[{i}] '{y.Name}' has dtype {y.DType}; gradients need a floating-point ys.");
        }

        var shape = ArrayOps.ShapeOf(y, DType.Int32, "Shape");
        return ArrayOps.Fill(shape, OpBuilder.Scalar(1, y.DType, y.Graph, $"grad_ys_{i}"), "Fill");
    }

    private static void Accumulate(Dictionary<Tensor, List<Tensor>> pending, Tensor t, Tensor grad)
    {
        if (!pending.TryGetValue(t, out var list))
        {
            pending[t] = list = [];
        }

        list.Add(grad);
    }

    // The complete gradient of t: its consumers' contributions summed once (AddN), so shared subexpressions count
    // exactly once.
    private static Tensor? Sum(Dictionary<Tensor, List<Tensor>> pending, Tensor t)
    {
        if (!pending.TryGetValue(t, out var list))
        {
            return null;
        }

        if (list.Count > 1)
        {
            var total = AutodiffOps.AddN(list, "AddN");
            list.Clear();
            list.Add(total);
        }

        return list[0];
    }

    /// <summary>Reduces <paramref name="grad"/> (shaped like a broadcast result) to <paramref name="x"/>'s shape:
    /// statically when both shapes are known, else with BroadcastGradientArgs at run time.</summary>
    private static Tensor Unbroadcast(Tensor grad, Tensor x)
    {
        var (xs, gs) = (x.Shape, grad.Shape);
        if (xs.IsFullyDefined && gs.IsFullyDefined)
        {
            if (xs.Equals(gs))
            {
                return grad;
            }

            var (axes, _) = AutodiffOps.ReductionAxes(xs.ToArray(), gs.ToArray());
            var summed = ReduceOps.Sum(grad, axes, false, "Sum");
            return ArrayOps.Reshape(summed, OpBuilder.IntVector(xs.ToArray(), x.Graph, "Shape"), "Reshape");
        }

        var sx = ArrayOps.ShapeOf(x, DType.Int32, "Shape");
        var sg = ArrayOps.ShapeOf(grad, DType.Int32, "Shape_1");
        var (rx, _) = AutodiffOps.BroadcastGradientArgs(sx, sg, "BroadcastGradientArgs");
        return ArrayOps.Reshape(ReduceOps.Reduce("Sum", grad, rx, false, "Sum"), sx, "Reshape");
    }
}
