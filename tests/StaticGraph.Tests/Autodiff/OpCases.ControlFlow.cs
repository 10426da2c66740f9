using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

// Rows of the functional control-flow ops, built through tf.cond / tf.while_loop: branches and bodies capture the
// inputs, loops run 0-3 iterations (by condition or maximum_iterations), and the stateful forms hold a Print.
internal static partial class OpCases
{
    private static IReadOnlyList<OpCase> ControlFlow =>
    [
        new("StatelessIf", Broadcastable, D(Domain.Any, Domain.Any), (x, _, r) => Branches(x, r, stateful: false)),
        new("If", Broadcastable, D(Domain.Any, Domain.Any), (x, _, r) => Branches(x, r, stateful: true)),
        new("StatelessWhile", Same(2), D(Domain.Any, Domain.Any), (x, _, r) => Loop(x, r, stateful: false)),
        new("While", Same(2), D(Domain.Any, Domain.Any), (x, _, r) => Loop(x, r, stateful: true)),
    ];

    private static Tensor Branches(Tensor[] x, Random r, bool stateful)
    {
        var pred = tf.constant(r.Next(2) == 0);
        return tf.cond(pred,
            () => (stateful ? RuntimeOps.Print(x[0], [x[0]], "", 0, 3, null) : x[0]) * x[1] + tf.sin(x[0]),
            () => x[0] - (x[1] * x[1]));
    }

    /// <summary>v = x0; repeat n times: v = v * sin(x1) + tanh(v), where x1 is a loop-invariant capture; n is fixed by
    /// the condition or, half the time, by maximum_iterations.</summary>
    private static Tensor Loop(Tensor[] x, Random r, bool stateful)
    {
        int n = r.Next(0, 4);
        bool bounded = r.Next(2) == 0;
        var result = tf.while_loop(
            v => tf.less(v[0], tf.constant(bounded ? 100 : n)),
            v =>
            {
                var body = v[1] * tf.sin(x[1]) + tf.tanh(v[1]);
                return [v[0] + 1, stateful ? RuntimeOps.Print(body, [body], "", 0, 3, null) : body];
            },
            [tf.constant(0), x[0]], maximum_iterations: bounded ? tf.constant(n) : null);
        return result[1];
    }
}
