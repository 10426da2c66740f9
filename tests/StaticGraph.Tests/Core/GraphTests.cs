namespace StaticGraph.Tests.Core;

public partial class GraphTests
{
    [Fact]
    public void Unnamed_constants_are_uniquified_as_TF1_does()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Equal("Const", tf.constant(1f).Op.Name);
            Assert.Equal("Const_1", tf.constant(2f).Op.Name);
            Assert.Equal("Const_2", tf.constant(3f).Op.Name);
        }
    }

    [Fact]
    public void Tensor_names_are_op_name_and_output_index()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(1f);
            Assert.Equal("Const:0", c.Name);
            Assert.Equal(0, c.ValueIndex);
            Assert.Same(g, c.Graph);
            Assert.Equal("Tensor(\"Const:0\", shape=(), dtype=float32)", c.ToString());
        }
    }

    [Fact]
    public void Operators_are_named_add_and_the_facade_Add_as_TF1()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            Assert.Equal("add", (a + a).Op.Name);
            Assert.Equal("add_1", (a + a).Op.Name);
            Assert.Equal("Add_2", tf.add(a, a).Op.Name);
            Assert.Equal("Add_3", tf.add(a, a).Op.Name);
        }

        var h = new Graph();
        using (h.AsDefault())
        {
            var a = tf.constant(1f);
            Assert.Equal("Add", tf.add(a, a).Op.Name);
            Assert.Equal("Add_1", tf.add(a, a).Op.Name);
        }
    }

    [Fact]
    public void Name_clashes_are_detected_case_insensitively()
    {
        // TF1's unique_name compares lower-cased names, so "add" after "Add" becomes "add_1".
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            Assert.Equal("Add", tf.add(a, a).Op.Name);
            Assert.Equal("add_1", (a + a).Op.Name);
            Assert.Equal("x", tf.placeholder(tf.float32, name: "x").Op.Name);
            Assert.Equal("X_1", tf.placeholder(tf.float32, name: "X").Op.Name);
        }
    }

    [Fact]
    public void An_explicit_name_that_is_taken_gets_a_suffix_and_the_suffix_is_skipped_when_taken_too()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Equal("a_1", tf.constant(1f, name: "a_1").Op.Name);
            Assert.Equal("a", tf.constant(1f, name: "a").Op.Name);
            Assert.Equal("a_2", tf.constant(1f, name: "a").Op.Name);
        }
    }

    [Fact]
    public void Nested_name_scopes_join_with_slashes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (tf.name_scope("layer1"))
            {
                Assert.Equal("layer1/Const", tf.constant(1f).Op.Name);
                using (var inner = tf.name_scope("inner"))
                {
                    Assert.Equal("layer1/inner/", inner.Name);
                    Assert.Equal("layer1/inner/Const", tf.constant(1f).Op.Name);
                }

                Assert.Equal("layer1/Const_1", tf.constant(1f).Op.Name);
            }

            Assert.Equal("Const", tf.constant(1f).Op.Name);
            Assert.Equal("", g.NameScopeString);
        }
    }

    [Fact]
    public void A_second_name_scope_with_the_same_name_opens_a_suffixed_scope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (var s1 = tf.name_scope("layer1"))
            {
                Assert.Equal("layer1/", (string)s1);
                tf.constant(1f);
            }

            using (var s2 = tf.name_scope("layer1"))
            {
                Assert.Equal("layer1_1/", s2.Name);
                Assert.Equal("layer1_1/Const", tf.constant(1f).Op.Name);
            }
        }
    }

    [Fact]
    public void A_scope_name_ending_in_slash_re_enters_that_exact_scope()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            string scope;
            using (var s = tf.name_scope("layer1"))
            {
                scope = s;
                tf.constant(1f);
            }

            using (var again = tf.name_scope(scope))
            {
                Assert.Equal("layer1/", again.Name);
                Assert.Equal("layer1/Const_1", tf.constant(1f).Op.Name);
            }
        }
    }

    [Fact]
    public void A_null_name_scope_returns_to_the_root_and_restores_on_dispose()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (tf.name_scope("outer"))
            {
                using (var root = tf.name_scope(null))
                {
                    Assert.Equal("", root.Name);
                    Assert.Equal("Const", tf.constant(1f).Op.Name);
                }

                Assert.Equal("outer/Const", tf.constant(1f).Op.Name);
            }
        }
    }

    [Fact]
    public void An_op_named_like_an_existing_scope_is_uniquified_against_it()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using (tf.name_scope("foo"))
            {
                tf.constant(1f);
            }

            Assert.Equal("foo_1", tf.constant(1f, name: "foo").Op.Name);
        }
    }

    [Fact]
    public void Name_scopes_and_control_dependencies_are_per_thread_as_in_TF1()
    {
        // TF1 keeps a graph's name stack and control-dependency stack in a threading.local: a scope opened on one
        // thread does not rename or constrain ops another thread builds meanwhile.
        var g = new Graph();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        string workerName = "";
        var worker = new Thread(() =>
        {
            using (g.AsDefault())
            using (tf.name_scope("worker"))
            using (g.ControlDependencies([tf.no_op("barrier")]))
            {
                entered.Set();
                release.Wait();
                workerName = tf.constant(1f).Op.Name;
            }
        });
        worker.Start();
        entered.Wait();
        try
        {
            using (g.AsDefault())
            {
                var c = tf.constant(2f);
                Assert.Equal("Const", c.Op.Name);
                Assert.Empty(c.Op.ControlInputs);
                Assert.Equal("", g.NameScopeString);
            }
        }
        finally
        {
            release.Set();
            worker.Join();
        }

        Assert.Equal("worker/Const", workerName);
    }

    [Fact]
    public void GetTensorByName_and_GetOperationByName_find_scoped_nodes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Tensor x;
            using (tf.name_scope("scope"))
            {
                x = tf.placeholder(tf.float32, [2], name: "x");
            }

            Assert.Same(x, g.GetTensorByName("scope/x:0"));
            Assert.Same(x.Op, g.GetOperationByName("scope/x"));
            Assert.Null(g.TryGetOperation("x"));
            Assert.Contains(x.Op, g.Operations);
        }
    }

    [Fact]
    public void GetOperationByName_of_a_missing_name_throws_naming_it()
    {
        var g = new Graph();
        var e = Assert.Throws<KeyNotFoundException>(() => g.GetOperationByName("nope"));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetTensorByName_errors_say_what_is_wrong()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.constant(1f, name: "c");
        }

        var noIndex = Assert.Throws<ArgumentException>(() => g.GetTensorByName("c"));
        Assert.Contains("<op_name>:<output_index>", noIndex.Message, StringComparison.Ordinal);
        var badIndex = Assert.Throws<KeyNotFoundException>(() => g.GetTensorByName("c:1"));
        Assert.Contains("only has 1 outputs", badIndex.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<KeyNotFoundException>(() => g.GetTensorByName("d:0"));
        Assert.Contains("'d'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsDefault_nesting_restores_the_previous_default()
    {
        var outer = new Graph();
        var inner = new Graph();
        using (outer.AsDefault())
        {
            Assert.Same(outer, Graph.Default);
            Assert.Same(outer, tf.get_default_graph());
            using (inner.AsDefault())
            {
                Assert.Same(inner, Graph.Default);
                Assert.Same(inner, tf.constant(1f).Graph);
            }

            Assert.Same(outer, Graph.Default);
            Assert.Same(outer, tf.constant(1f).Graph);
        }

        Assert.NotSame(outer, Graph.Default);
    }

    [Fact]
    public void Reset_default_graph_is_refused_inside_AsDefault()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<InvalidOperationException>(() => tf.reset_default_graph());
        }
    }

    [Fact]
    public void Mixing_tensors_of_two_graphs_in_one_op_throws_naming_the_tensor()
    {
        var g1 = new Graph();
        var g2 = new Graph();
        Tensor a, b;
        using (g1.AsDefault())
        {
            a = tf.constant(1f, name: "a");
        }

        using (g2.AsDefault())
        {
            b = tf.constant(1f, name: "b");
        }

        var e = Assert.Throws<GraphException>(() => a + b);
        Assert.Contains("'b:0'", e.Message, StringComparison.Ordinal);
        Assert.Contains("same graph", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_dependency_on_an_op_of_another_graph_throws_when_the_scope_opens()
    {
        // TF1's control_dependencies converts each input with as_graph_element, which rejects other graphs' ops.
        var g1 = new Graph();
        var g2 = new Graph();
        Operation foreign;
        using (g1.AsDefault())
        {
            foreign = tf.no_op("foreign");
        }

        using (g2.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.control_dependencies([foreign]));
            Assert.Contains("'foreign'", e.Message, StringComparison.Ordinal);
            Assert.Empty(tf.constant(1f).Op.ControlInputs);
        }
    }

    [Fact]
    public void An_op_is_added_to_its_inputs_graph_even_when_another_graph_is_the_default()
    {
        var g1 = new Graph();
        var g2 = new Graph();
        Tensor a;
        using (g1.AsDefault())
        {
            a = tf.constant(1f);
        }

        using (g2.AsDefault())
        {
            var b = a + a;
            Assert.Same(g1, b.Graph);
            Assert.Empty(g2.Operations);
        }
    }

    [Fact]
    public void Operations_are_in_creation_order_and_consumers_are_tracked()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var b = tf.identity(a);
            var c = a + b;
            Assert.Equal([a.Op, b.Op, c.Op], g.Operations);
            Assert.Equal(3, g.OperationCount);
            Assert.Equal([b.Op, c.Op], a.Consumers());
            Assert.Equal("<Operation 'Identity' type=Identity>", b.Op.ToString());
        }
    }

    [Fact]
    public void Placeholder_shapes_are_static_and_partial()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 784], name: "x");
            Assert.Equal(new Shape(-1, 784), x.Shape);
            Assert.Equal(784, x.Shape[-1]);
            Assert.Equal(tf.float32, x.DType);
            Assert.Equal(-1, tf.placeholder(tf.float32).Shape.Rank);
        }
    }

    [Fact]
    public void SetShape_refines_a_compatible_shape_and_rejects_an_incompatible_one()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            x.SetShape([5, -1]);
            Assert.Equal(new Shape(5, 3), x.Shape);
            Assert.Throws<GraphException>(() => x.SetShape([4, 3]));
        }
    }
}
