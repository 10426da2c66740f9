using StaticGraph.Tests.Layers;

namespace StaticGraph.Tests.Train;

/// <summary>tf.train.ExponentialMovingAverage: TF1's shadow names and collections, and shadow values after two updates
/// written out by hand (shadow -= (1 - decay)·(shadow - var)).</summary>
public class ExponentialMovingAverageTests
{
    [Fact]
    public void Shadows_are_named_after_their_variables_and_not_trainable()
    {
        using (new Graph().AsDefault())
        {
            var w = tf.Variable(tf.constant(new[] { 1.0, 2.0 }), name: "w");
            var ema = tf.train.ExponentialMovingAverage(0.5);
            Assert.Equal("w/ExponentialMovingAverage", ema.AverageName(w));
            Assert.Null(ema.Average(w));
            var update = ema.Apply([w]);
            Assert.Equal("ExponentialMovingAverage", update.Name);
            var shadow = ema.Average(w)!;
            Assert.Equal("w/ExponentialMovingAverage:0", shadow.Name);
            Assert.False(shadow.Trainable);
            Assert.Equal(["w:0"], tf.trainable_variables().Select(v => v.Name));
            Assert.Equal(["w:0", "w/ExponentialMovingAverage:0"], tf.global_variables().Select(v => v.Name));
            Assert.Equal([w], tf.get_default_graph().GetCollection<Variable>(tf.GraphKeys.MOVING_AVERAGE_VARIABLES));
            var restore = ema.VariablesToRestore();
            Assert.Same(w, restore["w/ExponentialMovingAverage"]);
            Assert.Single(restore);
        }
    }

    [Fact]
    public void Two_updates_move_the_shadow_towards_the_variable()
    {
        using (new Graph().AsDefault())
        {
            var w = tf.Variable(tf.constant(new[] { 1.0, 2.0 }), name: "w");
            var ema = tf.train.ExponentialMovingAverage(0.5);
            var update = ema.Apply([w]);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            LayerAssert.Close([1, 2], sess.Run(ema.Average(w)!));
            sess.Run(w.Assign(tf.constant(new[] { 3.0, 6.0 })));
            sess.Run(update);
            LayerAssert.Close([2, 4], sess.Run(ema.Average(w)!), 1e-12); // 1 - 0.5·(1 - 3), 2 - 0.5·(2 - 6)
            sess.Run(update);
            LayerAssert.Close([2.5, 5], sess.Run(ema.Average(w)!), 1e-12);
        }
    }

    [Fact]
    public void Num_updates_caps_the_decay_early_on()
    {
        using (new Graph().AsDefault())
        {
            var w = tf.Variable(tf.constant(new[] { 1.0 }), name: "w");
            var step = tf.Variable(tf.constant(0), trainable: false, name: "step");
            var ema = tf.train.ExponentialMovingAverage(0.9, num_updates: step);
            var update = ema.Apply([w]);
            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            sess.Run(w.Assign(tf.constant(new[] { 3.0 })));
            sess.Run(update); // decay = min(0.9, 1/10) = 0.1: 1 - 0.9·(1 - 3)
            LayerAssert.Close([2.8], sess.Run(ema.Average(w)!), 1e-6);
            sess.Run(step.Assign(tf.constant(10)));
            sess.Run(update); // decay = min(0.9, 11/20) = 0.55: 2.8 - 0.45·(2.8 - 3)
            LayerAssert.Close([2.89], sess.Run(ema.Average(w)!), 1e-6);
        }
    }

    [Fact]
    public void Tuple_outputs_wait_for_every_input()
    {
        using (new Graph().AsDefault())
        {
            var a = tf.constant(1f);
            var b = tf.constant(2f);
            var t = tf.tuple([a, b]);
            Assert.Equal(["tuple/control_dependency:0", "tuple/control_dependency_1:0"], t.Select(x => x.Name));
            var gate = Assert.Single(t[0].Op.ControlInputs);
            Assert.Equal("tuple/group_deps", gate.Name);
            Assert.Equal([a.Op, b.Op], gate.ControlInputs);
            using var sess = tf.Session();
            Assert.Equal(2f, sess.Run(t[1]).Item<float>());
        }
    }
}
