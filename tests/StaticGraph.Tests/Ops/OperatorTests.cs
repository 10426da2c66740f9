using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>C# operators on Tensor and Variable: the ops they build, TF1's node names, and TF1's scalar dtypes.</summary>
public class OperatorTests
{
    [Fact]
    public void Arithmetic_operators_compute_elementwise()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(new[] { 7f, -7f, 2f });
            var b = tf.constant(new[] { 2f, 3f, -4f });
            using var sess = new Session(g);
            Close(sess.Run(a + b), DType.Float32, [3], [9, -4, -2]);
            Close(sess.Run(a - b), DType.Float32, [3], [5, -10, 6]);
            Close(sess.Run(a * b), DType.Float32, [3], [14, -21, -8]);
            Close(sess.Run(a / b), DType.Float32, [3], [3.5, -7.0 / 3, -0.5]);
            Close(sess.Run(a % b), DType.Float32, [3], [1, 2, -2]);
            Close(sess.Run(-a), DType.Float32, [3], [-7, 7, -2]);
        }
    }

    [Fact]
    public void Comparison_operators_give_bools()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(new[] { 1, 2, 3 });
            var b = tf.constant(new[] { 2, 2, 2 });
            using var sess = new Session(g);
            Bools(sess.Run(a < b), [3], [true, false, false]);
            Bools(sess.Run(a <= b), [3], [true, true, false]);
            Bools(sess.Run(a > b), [3], [false, false, true]);
            Bools(sess.Run(a >= b), [3], [false, true, true]);
            Bools(sess.Run(a < 2), [3], [true, false, false]);
            Bools(sess.Run(a >= 2), [3], [false, true, true]);
        }
    }

    [Fact]
    public void Scalars_take_the_tensor_dtype()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[] { 1.5f, -2f });
            var i = tf.constant(new[] { 3, -4 });
            var l = tf.constant(new[] { 5L });
            var d = tf.constant(new[] { 0.25 });
            var (x2, i2, l2, d2) = (x * 2, i * 2, l + 1, 1 - d);
            Assert.Equal(tf.float32, x2.DType);
            Assert.Equal(tf.int32, i2.DType);
            Assert.Equal(tf.int64, l2.DType);
            Assert.Equal(tf.float64, d2.DType);
            Assert.Equal(tf.float32, (0.5 * x).DType);
            Assert.Equal(tf.float32, (x / 3).DType);
            Assert.Equal(tf.int32, (i % 3).DType);
            Assert.Equal(tf.int32, (10 - i).DType);
            using var sess = new Session(g);
            Close(sess.Run(x2), DType.Float32, [2], [3, -4]);
            Close(sess.Run(i2), DType.Int32, [2], [6, -8]);
            Close(sess.Run(l2), DType.Int64, [1], [6]);
            Close(sess.Run(d2), DType.Float64, [1], [0.75]);
            Close(sess.Run(10 - i), DType.Int32, [2], [7, 14]);
            Close(sess.Run(i % 3), DType.Int32, [2], [0, 2]);
            Close(sess.Run(2 / x), DType.Float32, [2], [4.0 / 3, -1]);
        }
    }

    [Fact]
    public void An_int_tensor_times_a_fraction_is_a_graph_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var i = tf.constant(new[] { 1, 2 });
            Assert.Throws<GraphException>(() => i * 2.5);
            Assert.Throws<GraphException>(() => 0.5 + i);
            Assert.Throws<GraphException>(() => i < 1.5);
        }
    }

    [Fact]
    public void Division_of_int32_is_true_division_giving_float64()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var i = tf.constant(new[] { 7, -7, 1 });
            var j = tf.constant(new[] { 2, 2, 3 });
            var q = i / j;
            var h = i / 2;
            Assert.Equal(tf.float64, q.DType);
            Assert.Equal(tf.float64, h.DType);
            Assert.Equal(tf.float64, tf.divide(i, j).DType);
            using var sess = new Session(g);
            Close(sess.Run(q), DType.Float64, [3], [3.5, -3.5, 1.0 / 3]);
            Close(sess.Run(h), DType.Float64, [3], [3.5, -3.5, 0.5]);
        }
    }

    [Fact]
    public void Operators_are_named_as_in_TF1()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f, name: "a");
            var b = tf.constant(2f, name: "b");
            Assert.Equal("add", (a + b).Op.Name);
            Assert.Equal("add_1", (a + b).Op.Name);
            var m = a * 2;
            Assert.Equal("mul", m.Op.Name);
            Assert.Equal("mul/y", m.Op.Inputs[1].Op.Name);
            Assert.Equal("Mul", m.Op.Type);
            var s = 1 - a;
            Assert.Equal("sub", s.Op.Name);
            Assert.Equal("sub/x", s.Op.Inputs[0].Op.Name);
            Assert.Equal("truediv", (a / b).Op.Name);
            Assert.Equal("RealDiv", (a / b).Op.Type);
            Assert.Equal("mod", (a % b).Op.Name);
            Assert.Equal("FloorMod", (a % b).Op.Type);
            Assert.Equal("Neg", (-a).Op.Name);
            Assert.Equal("Less", (a < b).Op.Name);
            Assert.Equal("Add", (a + b).Op.Type);
        }
    }

    [Fact]
    public void Comparisons_with_a_number_scope_the_constant_under_the_op_name()
    {
        // TF1's gen_math_ops.less opens name_scope("Less"): the second `x < 3` is "Less_1" with "Less_1/y".
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            var first = a < 2;
            var second = a < 3;
            var third = a >= 0;
            Assert.Equal("Less", first.Op.Name);
            Assert.Equal("Less/y", first.Op.Inputs[1].Op.Name);
            Assert.Equal("Less_1", second.Op.Name);
            Assert.Equal("Less_1/y", second.Op.Inputs[1].Op.Name);
            Assert.Equal("GreaterEqual/y", third.Op.Inputs[1].Op.Name);
        }
    }

    [Fact]
    public void Operators_inside_a_name_scope_are_prefixed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(1f);
            using (tf.name_scope("layer1"))
            {
                var m = a * 3;
                Assert.Equal("layer1/mul", m.Op.Name);
                Assert.Equal("layer1/mul/y", m.Op.Inputs[1].Op.Name);
            }
        }
    }

    [Fact]
    public void Variable_operators_work_on_the_variable_value()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var v = tf.Variable(tf.constant(new[] { 2f, -3f }), name: "v");
            var w = tf.Variable(tf.constant(new[] { 4f, 5f }), name: "w");
            var t = tf.constant(new[] { 1f, 1f });
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            Close(sess.Run(v + w), DType.Float32, [2], [6, 2]);
            Close(sess.Run(v - t), DType.Float32, [2], [1, -4]);
            Close(sess.Run(t * w), DType.Float32, [2], [4, 5]);
            Close(sess.Run(w / v), DType.Float32, [2], [2, -5.0 / 3]);
            Close(sess.Run(w % v), DType.Float32, [2], [0, -1]);
            Close(sess.Run(v * 2), DType.Float32, [2], [4, -6]);
            Close(sess.Run(1 - v), DType.Float32, [2], [-1, 4]);
            Close(sess.Run(-v), DType.Float32, [2], [-2, 3]);
            Bools(sess.Run(v < w), [2], [true, true]);
            Bools(sess.Run(v > 0), [2], [true, false]);
            Assert.Equal(tf.float32, (v * 2).DType);
        }
    }
}
