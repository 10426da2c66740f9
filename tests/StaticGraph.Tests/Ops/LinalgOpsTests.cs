using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>Hand-computed values of the linear-algebra ops and composites: batch matmul, the diagonal family, eye,
/// meshgrid, tensordot and einsum.</summary>
public class LinalgOpsTests
{
    private static Tensor Seq(int count, params int[] shape) => Const(DType.Float64, Enumerable.Range(1, count).Select(i => (double)i).ToArray(), shape);

    private static Tensor A => Seq(6, 2, 3); // [[1 2 3] [4 5 6]]

    private static Tensor B => Seq(6, 3, 2); // [[1 2] [3 4] [5 6]]

    [Fact]
    public void Batch_matmul_broadcasts_batch_dimensions()
    {
        // a [2,1,3,4] (a[i] = 1 at [r, r] for r < 3, times i+1), b [5,4,2] (b[j] = j + 1 everywhere).
        var a = new double[2 * 3 * 4];
        for (int i = 0; i < 2; i++)
        {
            for (int r = 0; r < 3; r++)
            {
                a[(i * 12) + (r * 4) + r] = i + 1;
            }
        }

        var b = Enumerable.Range(0, 5).SelectMany(j => Enumerable.Repeat(j + 1.0, 8)).ToArray();
        var y = Run(() => tf.matmul(Const(DType.Float64, a, 2, 1, 3, 4), Const(DType.Float64, b, 5, 4, 2)));
        var expected = Enumerable.Range(0, 2).SelectMany(i => Enumerable.Range(0, 5).SelectMany(j => Enumerable.Repeat((i + 1.0) * (j + 1), 6))).ToArray();
        Close(y, DType.Float64, [2, 5, 3, 2], expected);
    }

    [Fact]
    public void Batch_matmul_honours_adjoints_and_its_gradient_sums_over_broadcast_batches()
    {
        Close(Run(() => tf.matmul(tf.reshape(A, [1, 2, 3]), tf.reshape(A, [1, 2, 3]), transpose_b: true)), DType.Float64, [1, 2, 2], [14, 32, 32, 77]);
        Close(Run(() => tf.matmul(tf.reshape(A, [1, 2, 3]), tf.reshape(A, [1, 2, 3]), transpose_a: true)), DType.Float64, [1, 3, 3],
            [17, 22, 27, 22, 29, 36, 27, 36, 45]);
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = Const(DType.Float64, [1, 2], 1, 2); // broadcast over a batch of 3
            var w = Seq(6, 3, 2, 1); // w[b] = [[2b+1], [2b+2]]
            var y = tf.matmul(x, w);
            Assert.Equal("BatchMatMulV2", y.Op.Type);
            var dx = tf.gradients(y, x)[0]!;
            Close(sess.Run(dx), DType.Float64, [1, 2], [9, 12]); // Σ_b w[b]ᵀ
        }
    }

    [Fact]
    public void Diagonal_ops_build_and_read_diagonals()
    {
        Close(Run(() => tf.diag(Const(DType.Float64, [1, 2], 2))), DType.Float64, [2, 2], [1, 0, 0, 2]);
        Close(Run(() => tf.diag_part(Seq(4, 2, 2))), DType.Float64, [2], [1, 4]);
        Close(Run(() => tf.matrix_diag(Seq(4, 2, 2))), DType.Float64, [2, 2, 2], [1, 0, 0, 2, 3, 0, 0, 4]);
        Close(Run(() => tf.matrix_diag_part(A)), DType.Float64, [2], [1, 5]);
        Close(Run(() => tf.matrix_set_diag(A, Const(DType.Float64, [0, 0], 2))), DType.Float64, [2, 3], [0, 2, 3, 4, 0, 6]);
        Close(Run(() => tf.eye(2)), DType.Float32, [2, 2], [1, 0, 0, 1]);
        Close(Run(() => tf.eye(2, 3, dtype: tf.int32)), DType.Int32, [2, 3], [1, 0, 0, 0, 1, 0]);
    }

    [Fact]
    public void Meshgrid_uses_xy_or_ij_indexing()
    {
        var g = new Graph();
        using (g.AsDefault())
        using (var sess = new Session(g))
        {
            var x = Const(DType.Float64, [1, 2, 3], 3);
            var y = Const(DType.Float64, [7, 8], 2);
            var xy = tf.meshgrid(x, y);
            Close(sess.Run(xy[0]), DType.Float64, [2, 3], [1, 2, 3, 1, 2, 3]);
            Close(sess.Run(xy[1]), DType.Float64, [2, 3], [7, 7, 7, 8, 8, 8]);
            var ij = tf.meshgrid([x, y], indexing: "ij");
            Close(sess.Run(ij[0]), DType.Float64, [3, 2], [1, 1, 2, 2, 3, 3]);
            Close(sess.Run(ij[1]), DType.Float64, [3, 2], [7, 8, 7, 8, 7, 8]);
        }
    }

    [Fact]
    public void Tensordot_contracts_trailing_or_leading_blocks()
    {
        Close(Run(() => tf.tensordot(A, B, 1)), DType.Float64, [2, 2], [22, 28, 49, 64]);
        Close(Run(() => tf.tensordot(A, A, 2)), DType.Float64, [], [91]);
        Close(Run(() => tf.tensordot(A, A, 0)), DType.Float64, [2, 3, 2, 3],
            Enumerable.Range(1, 6).SelectMany(i => Enumerable.Range(1, 6).Select(j => (double)(i * j))).ToArray());
        // Σ_i a[i, j] b[i, k]: contracting a's leading axis with b's leading axis (Aᵀ·C, C = [[1 0] [0 1]]).
        Close(Run(() => tf.tensordot(A, Const(DType.Float64, [1, 0, 0, 1], 2, 2), [[0], [0]])), DType.Float64, [3, 2], [1, 4, 2, 5, 3, 6]);
        // A middle axis is moved into place with a Transpose (values: TensordotTests).
        Assert.Equal(new Shape(2, 4, 3), Run(() => tf.tensordot(Seq(24, 2, 3, 4), Seq(9, 3, 3), [[1], [0]])).Shape);
    }

    [Fact]
    public void Einsum_covers_matrix_batch_outer_and_dot_products()
    {
        Close(Run(() => tf.einsum("ij,jk->ik", A, B)), DType.Float64, [2, 2], [22, 28, 49, 64]);
        Close(Run(() => tf.einsum("ij,jk->ki", A, B)), DType.Float64, [2, 2], [22, 49, 28, 64]);
        Close(Run(() => tf.einsum("ij,kj->ik", A, A)), DType.Float64, [2, 2], [14, 32, 32, 77]);
        Close(Run(() => tf.einsum("bij,bjk->bik", tf.reshape(A, [1, 2, 3]), tf.reshape(B, [1, 3, 2]))), DType.Float64, [1, 2, 2], [22, 28, 49, 64]);
        Close(Run(() => tf.einsum("i,j->ij", Seq(2, 2), Seq(3, 3))), DType.Float64, [2, 3], [1, 2, 3, 2, 4, 6]);
        Close(Run(() => tf.einsum("i,i->", Seq(3, 3), Seq(3, 3))), DType.Float64, [], [14]);
        var e = Assert.Throws<GraphException>(() => Run(() => tf.einsum("ijk,jkl->il", Seq(8, 2, 2, 2), Seq(8, 2, 2, 2))));
        Assert.Contains("ijk,jkl->il", e.Message, StringComparison.Ordinal);
    }
}
