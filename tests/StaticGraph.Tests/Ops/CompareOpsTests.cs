using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Comparisons (bool outputs) and logical ops.</summary>
public class CompareOpsTests
{
    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Comparisons_give_bools(string dtype)
    {
        var d = D(dtype);
        Tensor X() => Const(d, [1, 2, 3], 3);
        Tensor Y() => Const(d, [2, 2, 2], 3);
        Bools(Run(() => tf.equal(X(), Y())), [3], [false, true, false]);
        Bools(Run(() => tf.not_equal(X(), Y())), [3], [true, false, true]);
        Bools(Run(() => tf.less(X(), Y())), [3], [true, false, false]);
        Bools(Run(() => tf.less_equal(X(), Y())), [3], [true, true, false]);
        Bools(Run(() => tf.greater(X(), Y())), [3], [false, false, true]);
        Bools(Run(() => tf.greater_equal(X(), Y())), [3], [false, true, true]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Comparisons_with_nan_are_false_except_not_equal(string dtype)
    {
        var d = D(dtype);
        Tensor X() => Const(d, [double.NaN, 1], 2);
        Tensor Y() => Const(d, [double.NaN, double.NaN], 2);
        Bools(Run(() => tf.equal(X(), Y())), [2], [false, false]);
        Bools(Run(() => tf.not_equal(X(), Y())), [2], [true, true]);
        Bools(Run(() => tf.less(X(), Y())), [2], [false, false]);
        Bools(Run(() => tf.greater_equal(X(), Y())), [2], [false, false]);
    }

    [Fact]
    public void Comparisons_broadcast()
    {
        // [3, 1] < [1, 3]: row i compares i with [0, 1, 2].
        Bools(Run(() => tf.less(Const(DType.Int32, [0, 1, 2], 3, 1), Const(DType.Int32, [0, 1, 2], 1, 3))), [3, 3],
            [false, true, true, false, false, true, false, false, false]);
        Bools(Run(() => tf.equal(Const(DType.Float32, [1, 2, 3], 3), tf.constant(2f))), [3], [false, true, false]);
    }

    [Fact]
    public void Equal_and_NotEqual_work_on_bools()
    {
        Tensor X() => tf.constant(new[] { true, false, true, false });
        Tensor Y() => tf.constant(new[] { true, true, false, false });
        Bools(Run(() => tf.equal(X(), Y())), [4], [true, false, false, true]);
        Bools(Run(() => tf.not_equal(X(), Y())), [4], [false, true, true, false]);
    }

    [Fact]
    public void Less_on_bools_is_a_graph_error()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.less(tf.constant(true), tf.constant(false)));
            Assert.Contains("Less", e.Message, StringComparison.Ordinal);
            Assert.Contains("bool", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Logical_ops_follow_truth_tables()
    {
        Tensor X() => tf.constant(new[] { true, true, false, false });
        Tensor Y() => tf.constant(new[] { true, false, true, false });
        Bools(Run(() => tf.logical_and(X(), Y())), [4], [true, false, false, false]);
        Bools(Run(() => tf.logical_or(X(), Y())), [4], [true, true, true, false]);
        Bools(Run(() => tf.logical_not(X())), [4], [false, false, true, true]);
    }

    [Fact]
    public void Logical_ops_broadcast()
    {
        Bools(Run(() => tf.logical_and(tf.constant(new[,] { { true }, { false } }), tf.constant(new[] { true, false }))), [2, 2],
            [true, false, false, false]);
        Bools(Run(() => tf.logical_or(tf.constant(false), tf.constant(new[] { true, false }))), [2], [true, false]);
    }

    [Fact]
    public void Logical_ops_reject_numbers()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<GraphException>(() => tf.logical_and(tf.constant(1), tf.constant(0)));
            Assert.Throws<GraphException>(() => tf.logical_not(tf.constant(1f)));
        }
    }

    [Fact]
    public void Comparisons_work_on_uint8()
    {
        Bools(Run(() => tf.less(tf.constant(new byte[] { 1, 200 }), tf.constant(new byte[] { 100, 100 }))), [2], [true, false]);
        Bools(Run(() => tf.equal(tf.constant(new byte[] { 1, 200 }), tf.constant((byte)200))), [2], [false, true]);
    }
}
