using StaticGraph.Ops;

namespace StaticGraph.Tests.Ops;

/// <summary>Static shapes after each op, and construction-time errors that name the node, the op and its inputs.</summary>
public class ShapeInferenceTests
{
    private static void Expect(Shape actual, string text) => Assert.Equal(text, actual.ToString());

    [Fact]
    public void MatMul_of_a_batch_of_unknown_size_keeps_it_unknown()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 784]);
            var w = tf.zeros([784, 10]);
            Expect(tf.matmul(x, w).Shape, "(?, 10)");
            Expect(tf.matmul(tf.zeros([3, 2]), tf.zeros([3, 5]), transpose_a: true).Shape, "(2, 5)");
            Expect(tf.matmul(tf.zeros([2, 3]), tf.zeros([5, 3]), transpose_b: true).Shape, "(2, 5)");
            Expect(tf.matmul(tf.placeholder(tf.float32), w).Shape, "(?, 10)");
        }
    }

    [Fact]
    public void Reductions_drop_or_keep_reduced_dimensions()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.zeros([2, 3, 4]);
            Expect(tf.reduce_sum(x).Shape, "()");
            Expect(tf.reduce_sum(x, keepdims: true).Shape, "(1, 1, 1)");
            Expect(tf.reduce_sum(x, 1).Shape, "(2, 4)");
            Expect(tf.reduce_sum(x, 1, keepdims: true).Shape, "(2, 1, 4)");
            Expect(tf.reduce_mean(x, [0, -1]).Shape, "(3,)");
            Expect(tf.reduce_max(tf.placeholder(tf.float32, [-1, 3]), 1).Shape, "(?,)");
            Expect(tf.reduce_min(tf.placeholder(tf.float32, [-1, 3]), 0, keepdims: true).Shape, "(1, 3)");
            Expect(tf.reduce_sum(tf.placeholder(tf.float32)).Shape, "<unknown>");
            Expect(tf.argmax(tf.placeholder(tf.float32, [-1, 10]), 1).Shape, "(?,)");
            Assert.Equal(tf.int64, tf.argmax(tf.placeholder(tf.float32, [-1, 10]), 1).DType);
        }
    }

    [Fact]
    public void Reshape_resolves_minus_one_when_the_input_is_fully_known()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.zeros([2, 3, 4]);
            Expect(tf.reshape(x, [-1, 4]).Shape, "(6, 4)");
            Expect(tf.reshape(x, [4, -1, 2]).Shape, "(4, 3, 2)");
            Expect(tf.reshape(x, [-1]).Shape, "(24,)");
            Expect(tf.reshape(tf.placeholder(tf.float32, [-1, 4]), [-1, 2]).Shape, "(?, 2)");
            Expect(tf.reshape(x, tf.placeholder(tf.int32, [3])).Shape, "(?, ?, ?)");
        }
    }

    [Fact]
    public void Shape_Size_and_Rank_have_static_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.zeros([2, 3]);
            Expect(tf.shape(x).Shape, "(2,)");
            Assert.Equal(tf.int32, tf.shape(x).DType);
            Expect(tf.shape(tf.placeholder(tf.float32, [-1, -1, 3])).Shape, "(3,)");
            Expect(tf.size(x).Shape, "()");
            Expect(tf.rank(x).Shape, "()");
        }
    }

    [Fact]
    public void Elementwise_ops_broadcast_static_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Expect(tf.add(tf.placeholder(tf.float32, [-1, 1]), tf.zeros([1, 5])).Shape, "(?, 5)");
            Expect(tf.add(tf.placeholder(tf.float32, [-1]), tf.zeros([3])).Shape, "(3,)");
            Expect(tf.add(tf.placeholder(tf.float32, [-1, 3]), tf.constant(1f)).Shape, "(?, 3)");
            Expect(tf.add(tf.placeholder(tf.float32), tf.zeros([3])).Shape, "<unknown>");
            Expect(tf.multiply(tf.zeros([2, 1, 4]), tf.zeros([3, 1])).Shape, "(2, 3, 4)");
            var cmp = tf.less(tf.placeholder(tf.float32, [-1, 1]), tf.zeros([4]));
            Expect(cmp.Shape, "(?, 4)");
            Assert.Equal(tf.@bool, cmp.DType);
        }
    }

    [Fact]
    public void Other_ops_infer_their_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3]);
            Expect(tf.cast(x, tf.int32).Shape, "(?, 3)");
            Expect(tf.nn.softmax(x).Shape, "(?, 3)");
            Expect(tf.sqrt(x).Shape, "(?, 3)");
            Expect(tf.zeros_like(x).Shape, "(?, 3)");
            Expect(tf.range(0, 10, 3).Shape, "(4,)");
            Expect(tf.fill(tf.constant(new[] { 2, 5 }), tf.constant(1f)).Shape, "(2, 5)");
            Expect(tf.identity(x).Shape, "(?, 3)");
            Expect(tf.placeholder_with_default(tf.zeros([2, 3]), [-1, 3]).Shape, "(?, 3)");
            Expect(tf.random_normal([4, 2]).Shape, "(4, 2)");
        }
    }

    // ---- construction-time errors ----

    [Fact]
    public void MatMul_inner_dimension_mismatch_names_node_op_and_shapes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.zeros([2, 3], name: "a");
            var b = tf.zeros([4, 5], name: "b");
            var e = Assert.Throws<GraphException>(() => tf.matmul(a, b, name: "logits"));
            Assert.Contains("MatMul", e.Message, StringComparison.Ordinal);
            Assert.Contains("'logits'", e.Message, StringComparison.Ordinal);
            Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
            Assert.Contains("(4, 5)", e.Message, StringComparison.Ordinal);
            Assert.Contains("float32", e.Message, StringComparison.Ordinal);
            Assert.Null(g.TryGetOperation("logits"));
        }
    }

    [Fact]
    public void Dtype_mismatch_names_both_dtypes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.zeros([2], tf.float32);
            var b = tf.zeros([2], tf.float64);
            var e = Assert.Throws<GraphException>(() => tf.add(a, b, name: "total"));
            Assert.Contains("Add", e.Message, StringComparison.Ordinal);
            Assert.Contains("'total'", e.Message, StringComparison.Ordinal);
            Assert.Contains("float32", e.Message, StringComparison.Ordinal);
            Assert.Contains("float64", e.Message, StringComparison.Ordinal);
            Assert.Throws<GraphException>(() => tf.matmul(tf.zeros([2, 2], tf.float32), tf.zeros([2, 2], tf.float64)));
            Assert.Throws<GraphException>(() => tf.equal(tf.zeros([2], tf.int32), tf.zeros([2], tf.int64)));
        }
    }

    [Fact]
    public void Rank_mismatch_is_a_graph_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.matmul(tf.zeros([3]), tf.zeros([3, 2]), name: "mm"));
            Assert.Contains("MatMul", e.Message, StringComparison.Ordinal);
            Assert.Contains("'mm'", e.Message, StringComparison.Ordinal);
            Assert.Contains("(3,)", e.Message, StringComparison.Ordinal);
            Assert.Contains("rank 2", e.Message, StringComparison.Ordinal);
            Assert.Throws<GraphException>(() => tf.nn.softmax(tf.constant(1f)));
            Assert.Throws<GraphException>(() => tf.fill(tf.constant(new[] { 2 }), tf.constant(new[] { 1f, 2f })));
        }
    }

    [Fact]
    public void Bad_reduction_axis_is_a_graph_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.zeros([2, 3], name: "x");
            var e = Assert.Throws<GraphException>(() => tf.reduce_sum(x, 2, name: "total"));
            Assert.Contains("Sum", e.Message, StringComparison.Ordinal);
            Assert.Contains("'total'", e.Message, StringComparison.Ordinal);
            Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
            Assert.Throws<GraphException>(() => tf.reduce_mean(x, -3));
            Assert.Throws<GraphException>(() => tf.argmax(x, 2));
            Assert.Throws<GraphException>(() => tf.argmin(x, -3));
        }
    }

    [Fact]
    public void Sqrt_of_int32_is_a_graph_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.sqrt(tf.constant(new[] { 4, 9 }), name: "root"));
            Assert.Contains("Sqrt", e.Message, StringComparison.Ordinal);
            Assert.Contains("'root'", e.Message, StringComparison.Ordinal);
            Assert.Contains("int32", e.Message, StringComparison.Ordinal);
            Assert.Throws<GraphException>(() => tf.exp(tf.constant(new[] { 1L })));
            Assert.Throws<GraphException>(() => tf.log(tf.constant(new[] { 1 })));
            Assert.Throws<GraphException>(() => MathOps.RealDiv(tf.constant(new[] { 1 }), tf.constant(new[] { 1 }), null));
            Assert.Throws<GraphException>(() => tf.add(tf.constant(true), tf.constant(false)));
        }
    }

    [Fact]
    public void Reshape_to_an_impossible_size_is_a_graph_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.zeros([2, 3]);
            var e = Assert.Throws<GraphException>(() => tf.reshape(x, [4], name: "flat"));
            Assert.Contains("Reshape", e.Message, StringComparison.Ordinal);
            Assert.Contains("'flat'", e.Message, StringComparison.Ordinal);
            Assert.Contains("6", e.Message, StringComparison.Ordinal);
            Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
            Assert.Throws<GraphException>(() => tf.reshape(x, [4, -1]));
            Assert.Throws<GraphException>(() => tf.reshape(x, [-1, -1]));
        }
    }
}
