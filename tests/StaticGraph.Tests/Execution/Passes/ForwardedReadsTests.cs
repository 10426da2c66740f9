using StaticGraph.Execution;
using StaticGraph.Execution.Passes;

namespace StaticGraph.Tests.Execution.Passes;

/// <summary><see cref="ForwardedReads"/>: a variable read hands the storage on only where no update can run before
/// its last reader, and readers always see the value as it was when the read ran.</summary>
public class ForwardedReadsTests
{
    private static Step ReadStep(Plan plan, string name) => Assert.Single(plan.Steps, s => s.Op.Name == name);

    [Fact]
    public void A_training_step_reads_its_weights_without_copies_and_trains_as_the_copying_plan_does()
    {
        float[] Train(PlanPasses passes)
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var x = tf.placeholder(tf.float32, [8, 5]);
                var w = tf.Variable(tf.random_normal([5, 3], seed: 3), name: "w");
                var loss = tf.reduce_sum(tf.square(tf.matmul(tf.matmul(x, w), w, transpose_b: true) - x));
                var train = tf.train.GradientDescentOptimizer(0.01f).Minimize(loss);
                using var sess = new Session(g);
                sess.State.Passes = passes;
                sess.Run(tf.global_variables_initializer());
                var feed = new FeedDict { [x] = NDArray.FromArray(Enumerable.Range(0, 40).Select(i => (float)Math.Sin(i)).ToArray(), [8, 5]) };
                for (int i = 0; i < 3; i++)
                {
                    sess.Run(train, feed);
                }

                var plan = Compiler.Compile(g, [], [train], [x], sess.State);
                Assert.Equal(passes.HasFlag(PlanPasses.ForwardReads), ReadStep(plan, "w/read").Rewritten);
                return sess.Run(w).ToArray<float>();
            }
        }

        Assert.Equal(Train(PlanPasses.All & ~PlanPasses.ForwardReads), Train(PlanPasses.All));
    }

    // The read's last reader runs after an update of the variable (a control dependency orders them), so the read
    // must keep its copy: forwarding the storage would show the reader the updated value.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_reader_after_an_update_sees_the_value_from_before_it(bool throughAnotherRead)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "v");
            var read = tf.identity(v.Value, name: "snapshot");
            var seen = throughAnotherRead ? tf.identity(read, name: "again") : read;
            var update = v.AssignAdd(tf.constant(new[] { 10f, 10f }));
            Tensor doubled;
            using (tf.control_dependencies([update]))
            {
                doubled = seen * 2f;
            }

            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            Assert.Equal([2f, 4f], sess.Run(doubled).ToArray<float>());
            Assert.Equal([11f, 12f], sess.Run(v).ToArray<float>());
            var plan = Compiler.Compile(g, [doubled], [], [], sess.State);
            // The read the reader takes keeps its copy (a read before it in a chain may hand the storage on to it).
            Assert.False(ReadStep(plan, throughAnotherRead ? "again" : "snapshot").Rewritten);
        }
    }

    [Fact]
    public void An_assign_through_a_read_counts_as_an_update_and_a_fetched_read_is_a_copy()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "v");
            var read = tf.identity(v.Value, name: "snapshot");
            var before = read + 0f;
            Operation assign;
            using (tf.control_dependencies([before.Op]))
            {
                assign = StaticGraph.Ops.StateOps.Assign(tf.identity(v.Value, name: "other"), tf.constant(new[] { 5f, 6f }), true, null);
            }

            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            var fetched = sess.Run(new IFetchable[] { read, before, assign });
            Assert.Equal([1f, 2f], fetched[0]!.ToArray<float>());
            Assert.Equal([1f, 2f], fetched[1]!.ToArray<float>());
            Assert.Equal([5f, 6f], sess.Run(v).ToArray<float>());
            Assert.Equal([5f, 6f], sess.Run(read).ToArray<float>());
        }
    }
}
