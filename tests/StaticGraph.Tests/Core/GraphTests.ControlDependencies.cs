namespace StaticGraph.Tests.Core;

// Control dependencies and collections.
public partial class GraphTests
{
    [Fact]
    public void Ops_created_inside_control_dependencies_get_the_control_inputs()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var noop = tf.no_op("first");
            Tensor inside;
            using (tf.control_dependencies([noop]))
            {
                inside = tf.identity(a);
            }

            var outside = tf.identity(a);
            Assert.Equal([noop], inside.Op.ControlInputs);
            Assert.Empty(outside.Op.ControlInputs);
        }
    }

    [Fact]
    public void Control_dependencies_on_tensors_use_their_ops()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var b = tf.constant(2f);
            using (tf.control_dependencies([b]))
            {
                Assert.Equal([b.Op], tf.identity(a).Op.ControlInputs);
            }
        }
    }

    [Fact]
    public void Nested_control_dependencies_accumulate_and_null_clears_them()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var first = tf.no_op("first");
            var second = tf.no_op("second");
            using (tf.control_dependencies([first]))
            {
                using (tf.control_dependencies([second]))
                {
                    Assert.Equal([first, second], tf.identity(a).Op.ControlInputs);
                    using (tf.control_dependencies(null))
                    {
                        Assert.Empty(tf.identity(a).Op.ControlInputs);
                    }

                    Assert.Equal([first, second], tf.identity(a).Op.ControlInputs);
                }

                Assert.Equal([first], tf.identity(a).Op.ControlInputs);
            }
        }
    }

    [Fact]
    public void A_control_input_that_is_also_a_data_input_is_not_repeated()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            using (tf.control_dependencies([a]))
            {
                Assert.Empty(tf.identity(a).Op.ControlInputs);
            }
        }
    }

    [Fact]
    public void Control_dependencies_order_execution_in_a_session()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(0f), name: "v");
            var inc = v.AssignAdd(tf.constant(1f));
            Tensor read;
            using (tf.control_dependencies([inc]))
            {
                read = tf.identity(v.Ref);
            }

            using var sess = new Session(g);
            sess.Run(v.Initializer);
            Assert.Equal(1f, (float)sess.Run(read));
            Assert.Equal(2f, (float)sess.Run(read));
        }
    }

    [Fact]
    public void Collections_keep_insertion_order_and_filter_by_type()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var b = tf.constant(2f);
            g.AddToCollection("my", a);
            g.AddToCollection("my", "not a tensor");
            g.AddToCollection("my", b);
            Assert.Equal([a, b], g.GetCollection<Tensor>("my"));
            Assert.Equal(3, g.GetCollection<object>("my").Count);
            Assert.Empty(g.GetCollection<Tensor>("absent"));
            Assert.Contains("my", g.CollectionKeys);
        }
    }

    [Fact]
    public void GetCollection_returns_a_snapshot()
    {
        var g = new Graph();
        g.AddToCollection("c", 1);
        var before = g.GetCollection<int>("c");
        g.AddToCollection("c", 2);
        Assert.Single(before);
        Assert.Equal(2, g.GetCollection<int>("c").Count);
    }

    [Fact]
    public void Variables_go_into_the_global_and_trainable_collections()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.zeros([2]), name: "W");
            var step = tf.Variable(tf.constant(0L), trainable: false, name: "step");
            Assert.Equal([w, step], tf.global_variables());
            Assert.Equal([w], tf.trainable_variables());
            Assert.Equal([w, step], g.GetCollection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES));
        }
    }
}
