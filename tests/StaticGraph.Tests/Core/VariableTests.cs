namespace StaticGraph.Tests.Core;

public class VariableTests
{
    [Fact]
    public void Variable_names_and_nodes_follow_TF1()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.zeros([784, 10]), name: "W");
            Assert.Equal("W:0", w.Name);
            Assert.Equal("W", w.Op.Name);
            Assert.Equal("VariableV2", w.Op.Type);
            Assert.Equal("W/Assign", w.Initializer.Name);
            Assert.Equal("W/read", w.Value.Op.Name);
            Assert.Equal(new Shape(784, 10), w.Shape);
            Assert.Equal(tf.float32, w.DType);
            Assert.True(w.Trainable);
            Assert.Equal("<tf.Variable 'W:0' shape=(784, 10) dtype=float32_ref>", w.ToString());
            Assert.Equal("Variable:0", tf.Variable(tf.zeros([1])).Name);
            Assert.Equal("Variable_1:0", tf.Variable(tf.zeros([1])).Name);
            Assert.Equal("W_1:0", tf.Variable(tf.zeros([1]), name: "W").Name);
        }
    }

    [Fact]
    public void A_variable_from_a_constant_value_takes_its_initial_value_under_its_own_scope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable((NDArray)new[] { 1f, 2f }, name: "v");
            Assert.Equal("v:0", v.Name);
            Assert.Equal("v/initial_value", v.InitialValue.Op.Name);
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            Assert.Equal(new[] { 1f, 2f }, sess.Run(v).ToArray<float>());
        }
    }

    [Fact]
    public void A_variable_in_a_name_scope_is_prefixed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (tf.name_scope("layer1"))
            {
                Assert.Equal("layer1/W:0", tf.Variable(tf.zeros([1]), name: "W").Name);
            }
        }
    }

    [Fact]
    public void A_variable_needs_a_fully_defined_initial_shape_and_matching_dtype()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1]);
            Assert.Throws<GraphException>(() => tf.Variable(x, name: "bad"));
            Assert.Throws<GraphException>(() => tf.Variable(tf.zeros([2]), dtype: tf.int32));
        }
    }

    [Fact]
    public void Variables_ignore_enclosing_control_dependencies()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var noop = tf.no_op();
            using (tf.control_dependencies([noop]))
            {
                var v = tf.Variable(tf.zeros([1]), name: "v");
                Assert.Empty(v.Op.ControlInputs);
                Assert.Empty(v.Initializer.ControlInputs);
            }
        }
    }

    [Fact]
    public void Reading_an_uninitialized_variable_throws_FailedPrecondition_naming_it()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.zeros([2]), name: "W");
            var y = w * 2f;
            using var sess = new Session(g);
            var e = Assert.Throws<FailedPreconditionException>(() => sess.Run(w));
            Assert.Contains("Attempting to use uninitialized value W", e.Message, StringComparison.Ordinal);
            var e2 = Assert.Throws<FailedPreconditionException>(() => sess.Run(y));
            Assert.Contains("uninitialized value W", e2.Message, StringComparison.Ordinal);
            var e3 = Assert.Throws<FailedPreconditionException>(() => sess.Run(w.AssignAdd(tf.ones([2]))));
            Assert.Contains("uninitialized value W", e3.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fetching_the_variable_ref_of_an_uninitialized_variable_throws_FailedPrecondition()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.zeros([2]), name: "W");
            using var sess = new Session(g);
            var e = Assert.Throws<FailedPreconditionException>(() => sess.Run(w.Ref));
            Assert.Contains("uninitialized value W", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Variables_persist_across_runs_of_one_session()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(1f), name: "v");
            var inc = v.AssignAdd(tf.constant(2f));
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            sess.Run(inc);
            sess.Run(inc);
            Assert.Equal(5f, (float)sess.Run(v));
            Assert.Equal(5f, (float)sess.Run(v));
        }
    }

    [Fact]
    public void Two_sessions_on_one_graph_have_independent_variable_values()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(10), name: "v");
            var inc = v.AssignAdd(tf.constant(1));
            using var s1 = new Session(g);
            using var s2 = new Session(g);
            s1.Run(v.Initializer);
            s2.Run(v.Initializer);
            s1.Run(inc);
            s1.Run(inc);
            s2.Run(inc);
            Assert.Equal(12, (int)s1.Run(v));
            Assert.Equal(11, (int)s2.Run(v));
            using var s3 = new Session(g);
            Assert.Throws<FailedPreconditionException>(() => s3.Run(v));
        }
    }

    [Fact]
    public void Assign_AssignAdd_and_AssignSub_update_the_variable_and_yield_the_new_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "v");
            var set = v.Assign(tf.constant(new[] { 10f, 20f }));
            var add = v.AssignAdd(tf.constant(new[] { 1f, 1f }));
            var sub = v.AssignSub(tf.constant(new[] { 5f, 5f }));
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            sess.Run(set);
            Assert.Equal(new[] { 10f, 20f }, sess.Run(v).ToArray<float>());
            sess.Run(add);
            Assert.Equal(new[] { 11f, 21f }, sess.Run(v).ToArray<float>());
            sess.Run(sub);
            Assert.Equal(new[] { 6f, 16f }, sess.Run(v).ToArray<float>());
            Assert.Equal(new[] { 7f, 17f }, sess.Run(add.Outputs[0]).ToArray<float>());
        }
    }

    [Fact]
    public void Assign_can_set_a_variable_before_its_initializer_runs()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(1L), name: "v");
            using var sess = new Session(g);
            sess.Run(v.Assign(tf.constant(7L)));
            Assert.Equal(7L, (long)sess.Run(v));
        }
    }

    [Fact]
    public void An_assign_of_a_mismatched_shape_fails_at_graph_construction()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.zeros([2]), name: "v");
            var e = Assert.Throws<GraphException>(() => v.Assign(tf.zeros([3])));
            Assert.Contains("(2,)", e.Message, StringComparison.Ordinal);
            Assert.Contains("(3,)", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rerunning_an_initializer_resets_the_variable()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(3f), name: "v");
            var inc = v.AssignAdd(tf.constant(1f));
            var init = tf.global_variables_initializer();
            using var sess = new Session(g);
            sess.Run(init);
            sess.Run(inc);
            Assert.Equal(4f, (float)sess.Run(v));
            sess.Run(init);
            Assert.Equal(3f, (float)sess.Run(v));
            sess.Run(inc);
            sess.Run(v.Initializer);
            Assert.Equal(3f, (float)sess.Run(v));
        }
    }

    [Fact]
    public void A_fetched_value_is_a_snapshot_not_the_live_storage()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "v");
            var inc = v.AssignAdd(tf.constant(new[] { 1f, 1f }));
            using var sess = new Session(g);
            sess.Run(v.Initializer);
            var before = sess.Run(v);
            var refBefore = sess.Run(v.Ref);
            sess.Run(inc);
            Assert.Equal(new[] { 1f, 2f }, before.ToArray<float>());
            Assert.Equal(new[] { 1f, 2f }, refBefore.ToArray<float>());
            refBefore.AsSpan<float>()[0] = 100f;
            Assert.Equal(new[] { 2f, 3f }, sess.Run(v).ToArray<float>());
        }
    }

    [Fact]
    public void Variables_convert_to_tensors_and_have_operators()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.constant(new[] { 1f, 2f }), name: "W");
            Tensor t = w;
            Assert.Same(w.Value, t);
            Assert.Same(w.Value, w.ToTensor());
            var doubled = w * 2f;
            var shifted = w + tf.constant(new[] { 1f, 1f });
            using var sess = new Session(g);
            sess.Run(w.Initializer);
            Assert.Equal(new[] { 2f, 4f }, sess.Run(doubled).ToArray<float>());
            Assert.Equal(new[] { 2f, 3f }, sess.Run(shifted).ToArray<float>());
        }
    }

    [Fact]
    public void Global_variables_initializer_initializes_every_variable()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.Variable(tf.ones([2]), name: "a");
            var b = tf.Variable(tf.constant(5), name: "b", trainable: false);
            var init = tf.global_variables_initializer();
            Assert.Equal("init", init.Name);
            Assert.Equal([a.Initializer, b.Initializer], init.ControlInputs);
            using var sess = new Session(g);
            sess.Run(tf.initialize_all_variables());
            Assert.Equal(new[] { 1f, 1f }, sess.Run(a).ToArray<float>());
            Assert.Equal(5, (int)sess.Run(b));
        }
    }
}
