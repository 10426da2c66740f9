using System.Runtime.CompilerServices;
using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.cond</c>: <c>pred ? true_fn() : false_fn()</c>, running only the taken branch. Both
    /// branches are traced into functions of a differentiable <c>If</c> node; tensors they use from outside are
    /// passed in.</summary>
    public static Tensor cond(Tensor pred, Func<Tensor> true_fn, Func<Tensor> false_fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(true_fn);
        ArgumentNullException.ThrowIfNull(false_fn);
        return ControlFlowOps.Cond(pred, () => [true_fn()], () => [false_fn()], name)[0];
    }

    /// <summary><c>tf.cond</c> over several tensors: both branches return as many, of the same dtypes.</summary>
    public static Tensor[] cond(Tensor pred, Func<Tensor[]> true_fn, Func<Tensor[]> false_fn, string? name = null) =>
        ControlFlowOps.Cond(pred, true_fn, false_fn, name);

    /// <summary><c>tf.cond</c> over a tuple structure (a <c>ValueTuple</c> of tensors, <c>LSTMStateTuple</c>s,
    /// arrays, nested): both branches return the same structure.</summary>
    public static T cond<T>(Tensor pred, Func<T> true_fn, Func<T> false_fn, string? name = null) where T : ITuple
    {
        ArgumentNullException.ThrowIfNull(true_fn);
        ArgumentNullException.ThrowIfNull(false_fn);
        T? template = default;
        var flat = ControlFlowOps.Cond(pred, () => Nest.Flatten(template = true_fn()), () => Nest.Flatten(false_fn()), name);
        return Nest.Pack(template!, flat);
    }

    /// <summary>TF1's <c>tf.while_loop</c>: <c>while (cond(vars)) vars = body(vars)</c>, returning the final
    /// loop variables. Compiled into a differentiable <c>While</c> node: gradients flow to the initial loop variables
    /// and to tensors the body captures. <paramref name="shape_invariants"/> relaxes the shapes a variable may take
    /// across iterations; <paramref name="maximum_iterations"/> bounds the trip count. <paramref name="back_prop"/>
    /// and <paramref name="swap_memory"/> are accepted for TF1 compatibility (gradients are always available; the
    /// values they need are kept only when a gradient is taken).</summary>
    public static Tensor[] while_loop(Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body, Tensor[] loop_vars,
        Shape[]? shape_invariants = null, int parallel_iterations = 10, bool back_prop = true, bool swap_memory = false,
        string? name = null, Tensor? maximum_iterations = null)
    {
        _ = (back_prop, swap_memory);
        return ControlFlowOps.WhileLoop(cond, body, loop_vars, shape_invariants, maximum_iterations, parallel_iterations, name);
    }

    /// <summary><c>tf.while_loop</c> with an integer <paramref name="maximum_iterations"/>.</summary>
    public static Tensor[] while_loop(Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body, Tensor[] loop_vars,
        int maximum_iterations, Shape[]? shape_invariants = null, int parallel_iterations = 10, string? name = null) =>
        ControlFlowOps.WhileLoop(cond, body, loop_vars, shape_invariants, constant(maximum_iterations, name: "maximum_iterations"),
            parallel_iterations, name);

    /// <summary><c>tf.cond</c> over an RNN state (an <c>LSTMStateTuple</c>, a MultiRNNCell's state): both branches
    /// return the same structure.</summary>
    public static RnnState cond(Tensor pred, Func<RnnState> true_fn, Func<RnnState> false_fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(true_fn);
        ArgumentNullException.ThrowIfNull(false_fn);
        RnnState? template = null;
        var flat = ControlFlowOps.Cond(pred, () => (template = true_fn()).Flatten(), () => false_fn().Flatten(), name);
        return template!.Pack(flat);
    }

    /// <summary><c>tf.while_loop</c> over an RNN state (an <c>LSTMStateTuple</c>, a MultiRNNCell's state).</summary>
    public static RnnState while_loop(Func<RnnState, Tensor> cond, Func<RnnState, RnnState> body, RnnState loop_vars,
        int parallel_iterations = 10, string? name = null, Tensor? maximum_iterations = null)
    {
        ArgumentNullException.ThrowIfNull(cond);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(loop_vars);
        var flat = ControlFlowOps.WhileLoop(v => cond(loop_vars.Pack(v)), v => body(loop_vars.Pack(v)).Flatten(),
            loop_vars.Flatten(), null, maximum_iterations, parallel_iterations, name);
        return loop_vars.Pack(flat);
    }

    /// <summary><c>tf.while_loop</c> over one tensor.</summary>
    public static Tensor while_loop(Func<Tensor, Tensor> cond, Func<Tensor, Tensor> body, Tensor loop_vars,
        Shape? shape_invariants = null, int parallel_iterations = 10, string? name = null, Tensor? maximum_iterations = null)
    {
        ArgumentNullException.ThrowIfNull(cond);
        ArgumentNullException.ThrowIfNull(body);
        return ControlFlowOps.WhileLoop(v => cond(v[0]), v => [body(v[0])], [loop_vars],
            shape_invariants is null ? null : [shape_invariants], maximum_iterations, parallel_iterations, name)[0];
    }

    /// <summary><c>tf.while_loop</c> over a tuple structure (a <c>ValueTuple</c> of tensors, <c>LSTMStateTuple</c>s
    /// and other RNN states, arrays, nested): the body returns the same structure.</summary>
    public static T while_loop<T>(Func<T, Tensor> cond, Func<T, T> body, T loop_vars, int parallel_iterations = 10,
        string? name = null, Tensor? maximum_iterations = null) where T : ITuple
    {
        ArgumentNullException.ThrowIfNull(cond);
        ArgumentNullException.ThrowIfNull(body);
        var flat = ControlFlowOps.WhileLoop(v => cond(Nest.Pack(loop_vars, v)), v => Nest.Flatten(body(Nest.Pack(loop_vars, v))),
            Nest.Flatten(loop_vars), null, maximum_iterations, parallel_iterations, name);
        return Nest.Pack(loop_vars, flat);
    }
}
