using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Sum/Mean/Max/Min/Prod over no axis, one axis, negative and non-adjacent axes, keepdims; ArgMax/ArgMin.</summary>
public class ReduceOpsTests
{
    // x[i, j, k] = 12i + 4j + k + 1 for a [2, 3, 4] tensor: the numbers 1..24 in row-major order.
    private static Tensor Cube(DType d) => Const(d, Enumerable.Range(1, 24).Select(v => (double)v).ToArray(), 2, 3, 4);

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Sum_without_axis_reduces_everything(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.reduce_sum(Cube(d))), d, [], [300]);
        Close(Run(() => tf.reduce_sum(Cube(d), keepdims: true)), d, [1, 1, 1], [300]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Sum_over_one_axis(string dtype)
    {
        var d = D(dtype);
        // axis 0: 8j + 2k + 14; axis 1: 36i + 3k + 15; axis 2: 48i + 16j + 10.
        Close(Run(() => tf.reduce_sum(Cube(d), 0)), d, [3, 4], [14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36]);
        Close(Run(() => tf.reduce_sum(Cube(d), 1)), d, [2, 4], [15, 18, 21, 24, 51, 54, 57, 60]);
        Close(Run(() => tf.reduce_sum(Cube(d), 2)), d, [2, 3], [10, 26, 42, 58, 74, 90]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Sum_over_a_negative_axis_counts_from_the_end(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.reduce_sum(Cube(d), -1)), d, [2, 3], [10, 26, 42, 58, 74, 90]);
        Close(Run(() => tf.reduce_sum(Cube(d), -3)), d, [3, 4], [14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36]);
        Close(Run(() => tf.reduce_sum(Cube(d), -2, keepdims: true)), d, [2, 1, 4], [15, 18, 21, 24, 51, 54, 57, 60]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Sum_over_non_adjacent_axes_of_a_rank_3_tensor(string dtype)
    {
        var d = D(dtype);
        // Σ_{i,k} (12i + 4j + k + 1) = 32j + 68.
        Close(Run(() => tf.reduce_sum(Cube(d), [0, 2])), d, [3], [68, 100, 132]);
        Close(Run(() => tf.reduce_sum(Cube(d), [2, -3], keepdims: true)), d, [1, 3, 1], [68, 100, 132]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Sum_over_non_adjacent_axes_of_a_rank_4_tensor(string dtype)
    {
        var d = D(dtype);
        // x[a, b, c, e] = 8a + 4b + 2c + e (0..15); Σ_{b,e} = 32a + 8c + 10.
        Tensor X() => Const(d, Enumerable.Range(0, 16).Select(v => (double)v).ToArray(), 2, 2, 2, 2);
        Close(Run(() => tf.reduce_sum(X(), [1, 3])), d, [2, 2], [10, 18, 42, 50]);
        Close(Run(() => tf.reduce_sum(X(), [-1, 1], keepdims: true)), d, [2, 1, 2, 1], [10, 18, 42, 50]);
        // Σ_{a,c} = 4·(4b + e) + 2·8 + 2·2 = 16b + 4e + 20.
        Close(Run(() => tf.reduce_sum(X(), [0, 2])), d, [2, 2], [20, 24, 36, 40]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Mean_divides_by_the_number_of_reduced_elements(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.reduce_mean(Cube(d))), d, [], [12.5]);
        Close(Run(() => tf.reduce_mean(Cube(d), [0, 2])), d, [3], [8.5, 12.5, 16.5]);
        Close(Run(() => tf.reduce_mean(Cube(d), -1, keepdims: true)), d, [2, 3, 1], [2.5, 6.5, 10.5, 14.5, 18.5, 22.5]);
    }

    [Theory]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Mean_of_integers_truncates_toward_zero(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.reduce_mean(Const(d, [1, 2, 4, 5, -1, -2], 3, 2), 1)), d, [3], [1, 4, -1]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Max_and_Min_over_axes(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.reduce_max(Cube(d))), d, [], [24]);
        Close(Run(() => tf.reduce_min(Cube(d))), d, [], [1]);
        Close(Run(() => tf.reduce_max(Cube(d), [0, 2])), d, [3], [16, 20, 24]);
        Close(Run(() => tf.reduce_min(Cube(d), [0, 2])), d, [3], [1, 5, 9]);
        Close(Run(() => tf.reduce_max(Cube(d), -1)), d, [2, 3], [4, 8, 12, 16, 20, 24]);
        Close(Run(() => tf.reduce_min(Cube(d), 1, keepdims: true)), d, [2, 1, 4], [1, 2, 3, 4, 13, 14, 15, 16]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Max_and_Min_handle_negative_values(string dtype)
    {
        var d = D(dtype);
        Close(Run(() => tf.reduce_max(Const(d, [-5, -2, -9, -1, -7, -3], 2, 3), 1)), d, [2], [-2, -1]);
        Close(Run(() => tf.reduce_min(Const(d, [-5, -2, -9, -1, -7, -3], 2, 3), 0)), d, [3], [-5, -7, -9]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void Prod_multiplies_over_axes(string dtype)
    {
        var d = D(dtype);
        Tensor X() => Const(d, [1, 2, 3, 4, 5, 6], 2, 3);
        Close(Run(() => tf.reduce_prod(X())), d, [], [720]);
        Close(Run(() => tf.reduce_prod(X(), 0)), d, [3], [4, 10, 18]);
        Close(Run(() => tf.reduce_prod(X(), -1, keepdims: true)), d, [2, 1], [6, 120]);
    }

    [Fact]
    public void Prod_over_non_adjacent_axes_of_a_rank_3_tensor()
    {
        // x = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]; over axes 0 and 2: j=0: 1·2·5·6 = 60, j=1: 3·4·7·8 = 672.
        Close(Run(() => tf.reduce_prod(Const(DType.Float64, [1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2), [0, 2])), DType.Float64, [2], [60, 672]);
    }

    [Fact]
    public void Reducing_over_no_axes_returns_the_input()
    {
        Close(Run(() => tf.reduce_sum(Const(DType.Float32, [1, 2, 3, 4], 2, 2), Array.Empty<int>())), DType.Float32, [2, 2], [1, 2, 3, 4]);
    }

    [Fact]
    public void Reducing_a_rank_0_tensor_returns_it()
    {
        Close(Run(() => tf.reduce_sum(tf.constant(5.0))), DType.Float64, [], [5]);
        Close(Run(() => tf.reduce_max(tf.constant(-5))), DType.Int32, [], [-5]);
    }

    [Fact]
    public void Reducing_an_empty_axis_gives_the_identity_of_the_reduction()
    {
        Close(Run(() => tf.reduce_sum(tf.zeros([0, 3]), 0)), DType.Float32, [3], [0, 0, 0]);
        Close(Run(() => tf.reduce_prod(tf.zeros([0, 3]), 0)), DType.Float32, [3], [1, 1, 1]);
        Close(Run(() => tf.reduce_max(tf.zeros([0, 2]), 0)), DType.Float32, [2], [double.NegativeInfinity, double.NegativeInfinity]);
        Close(Run(() => tf.reduce_min(tf.zeros([0, 2]), 0)), DType.Float32, [2], [double.PositiveInfinity, double.PositiveInfinity]);
        Close(Run(() => tf.reduce_mean(tf.zeros([0, 2]), 0)), DType.Float32, [2], [double.NaN, double.NaN]);
        Close(Run(() => tf.reduce_sum(tf.zeros([3, 0]), 1)), DType.Float32, [3], [0, 0, 0]);
    }

    [Fact]
    public void Reduction_axes_may_be_fed_at_run_time()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = Cube(DType.Float64);
            var axes = tf.placeholder(tf.int32, [-1]);
            var y = ReduceOpsOf(x, axes, keepdims: false);
            Assert.False(y.Shape.HasRank);
            using var sess = new Session(g);
            Close(sess.Run(y, new FeedDict { [axes] = new[] { 0, 2 } }), DType.Float64, [3], [68, 100, 132]);
            Close(sess.Run(y, new FeedDict { [axes] = new[] { -1 } }), DType.Float64, [2, 3], [10, 26, 42, 58, 74, 90]);
        }
    }

    [Fact]
    public void Reduction_axes_may_be_int64()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = ReduceOpsOf(Cube(DType.Float32), tf.constant(new long[] { 1 }), keepdims: false);
            Assert.Equal(new[] { 2, 4 }, y.Shape.ToArray());
            using var sess = new Session(g);
            Close(sess.Run(y), DType.Float32, [2, 4], [15, 18, 21, 24, 51, 54, 57, 60]);
        }
    }

    private static Tensor ReduceOpsOf(Tensor x, Tensor axes, bool keepdims) =>
        StaticGraph.Ops.ReduceOps.Reduce("Sum", x, axes, keepdims, null);

    // ---- ArgMax / ArgMin ----

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void ArgMax_picks_the_first_index_on_ties_and_is_int64_by_default(string dtype)
    {
        var d = D(dtype);
        Tensor X() => Const(d, [1, 3, 3, 5, 2, 5], 2, 3);
        Close(Run(() => tf.argmax(X(), 1)), DType.Int64, [2], [1, 0]);
        Close(Run(() => tf.argmax(X(), 0)), DType.Int64, [3], [1, 0, 1]);
        Close(Run(() => tf.argmax(X(), -1)), DType.Int64, [2], [1, 0]);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("int64")]
    public void ArgMin_picks_the_first_index_on_ties(string dtype)
    {
        var d = D(dtype);
        Tensor X() => Const(d, [2, 1, 1, 0, 4, 0], 2, 3);
        Close(Run(() => tf.argmin(X(), 1)), DType.Int64, [2], [1, 0]);
        Close(Run(() => tf.argmin(X(), 0)), DType.Int64, [3], [1, 0, 1]);
    }

    [Fact]
    public void ArgMax_and_ArgMin_return_int32_with_output_type()
    {
        Close(Run(() => tf.argmax(Const(DType.Float32, [1, 9, 3], 3), 0, output_type: tf.int32)), DType.Int32, [], [1]);
        Close(Run(() => tf.argmin(Const(DType.Float32, [1, 9, -3, 2, 0, 7], 2, 3), 1, output_type: tf.int32)), DType.Int32, [2], [2, 1]);
    }

    [Fact]
    public void ArgMax_over_the_middle_axis_of_a_rank_3_tensor()
    {
        // x[i, j, k] = 12i + 4j + k + 1 grows with j, so the last j wins everywhere; negated, the first.
        Close(Run(() => tf.argmax(Cube(DType.Float64), 1)), DType.Int64, [2, 4], [2, 2, 2, 2, 2, 2, 2, 2]);
        Close(Run(() => tf.argmax(-Cube(DType.Float64), 1)), DType.Int64, [2, 4], [0, 0, 0, 0, 0, 0, 0, 0]);
    }

    [Fact]
    public void Reductions_of_a_large_matrix_match_plain_loops()
    {
        const int Rows = 1000, Cols = 37;
        var v = Enumerable.Range(0, Rows * Cols).Select(k => (double)(k % 7)).ToArray();
        var colSums = new double[Cols];
        var rowSums = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                colSums[j] += v[(i * Cols) + j];
                rowSums[i] += v[(i * Cols) + j];
            }
        }

        Close(Run(() => tf.reduce_sum(Const(DType.Float64, v, Rows, Cols), 0)), DType.Float64, [Cols], colSums);
        Close(Run(() => tf.reduce_sum(Const(DType.Float64, v, Rows, Cols), 1)), DType.Float64, [Rows], rowSums);
        Close(Run(() => tf.reduce_sum(Const(DType.Int32, v, Rows, Cols), 1)), DType.Int32, [Rows], rowSums);
        Close(Run(() => tf.reduce_sum(Const(DType.Float32, v, Rows, Cols))), DType.Float32, [], [rowSums.Sum()]);
    }

    [Fact]
    public void Reductions_and_ArgMax_work_on_uint8()
    {
        Close(Run(() => tf.reduce_max(tf.constant(new byte[] { 1, 200, 3 }))), DType.UInt8, [], [200]);
        Close(Run(() => tf.reduce_min(tf.constant(new byte[] { 1, 200, 3 }))), DType.UInt8, [], [1]);
        Close(Run(() => tf.argmax(tf.constant(new byte[] { 1, 200, 3 }), 0)), DType.Int64, [], [1]);
    }
}
