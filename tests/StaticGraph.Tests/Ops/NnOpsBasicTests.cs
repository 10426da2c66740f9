using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Relu, Sigmoid, Tanh and Softmax.</summary>
public class NnOpsBasicTests
{
    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Relu_clamps_negatives_to_zero(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.nn.relu(Const(d, [-1, 0, 2, -7, 5], 5))), d, [5], [0, 0, 2, 0, 5]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Sigmoid_is_the_logistic_function(string dtype)
    {
        var d = D(dtype);
        // 1 / (1 + e^-x): 0.5 at 0, 0.8807970779778823 at 2, 0.11920292202211755 at -2; saturates without nan.
        Close(Run(() => tf.sigmoid(Const(d, [0, 2, -2, 100, -100], 5))), d, [5],
            [0.5, 0.8807970779778823, 0.11920292202211755, 1, 3.720075976020836e-44], tolerance: d == DType.Float32 ? 1e-6 : 1e-12);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Tanh_is_the_hyperbolic_tangent(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.tanh(Const(d, [0, 1, -1, 50, -50], 5))), d, [5], [0, 0.7615941559557649, -0.7615941559557649, 1, -1]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Softmax_normalizes_each_row(string dtype)
    {
        var d = D(dtype);
        // Row [1, 2, 3]: e^-2, e^-1, 1 over their sum 1.5032147244080551; row [0, 0, 0]: a third each.
        Close(Run(() => tf.nn.softmax(Const(d, [1, 2, 3, 0, 0, 0], 2, 3))), d, [2, 3],
            [0.09003057317038046, 0.24472847105479764, 0.6652409557748219, 1.0 / 3, 1.0 / 3, 1.0 / 3]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Softmax_rows_sum_to_one(string dtype)
    {
        var d = D(dtype);
        var r = Values(Run(() => tf.nn.softmax(Const(d, [0.5, -1, 3, 2, 7, 7, -3, 0.25], 2, 4))));
        Assert.Equal(1.0, r[0] + r[1] + r[2] + r[3], 5);
        Assert.Equal(1.0, r[4] + r[5] + r[6] + r[7], 5);
        Assert.Equal(r[4], r[5]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Softmax_of_large_logits_has_no_nan(string dtype)
    {
        var d = D(dtype);
        // [1000, 1001] behaves as [0, 1]: 1 / (1 + e) and e / (1 + e); [-1000, 0] gives [e^-1000, 1] = [0, 1].
        Close(Run(() => tf.nn.softmax(Const(d, [1000, 1001, -1000, 0, 1000, 1000], 3, 2))), d, [3, 2],
            [0.2689414213699951, 0.7310585786300049, 0, 1, 0.5, 0.5]);
    }

    [Fact]
    public void Softmax_works_on_the_last_axis_of_a_rank_3_tensor_and_on_a_vector()
    {
        Close(Run(() => tf.nn.softmax(Const(DType.Float64, [0, 0, 1, 1, 5, 5, 2, 2], 2, 2, 2))), DType.Float64, [2, 2, 2],
            [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
        Close(Run(() => tf.nn.softmax(Const(DType.Float32, [0, 0, 0, 0], 4))), DType.Float32, [4], [0.25, 0.25, 0.25, 0.25]);
    }

    [Fact]
    public void Activations_reject_integer_inputs_where_TF_does()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<GraphException>(() => tf.sigmoid(tf.constant(new[] { 1, 2 })));
            Assert.Throws<GraphException>(() => tf.tanh(tf.constant(new[] { 1, 2 })));
            Assert.Throws<GraphException>(() => tf.nn.softmax(tf.constant(new[] { 1, 2 })));
        }
    }

    [Fact]
    public void Softmax_gives_zero_to_minus_infinity()
    {
        Close(Run(() => tf.nn.softmax(tf.constant(new[] { double.NegativeInfinity, 0, 0 }))), DType.Float64, [3], [0, 0.5, 0.5]);
    }
}
