using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

// Rows of the indexing and linear-algebra ops: indices drawn valid (duplicates allowed), Select conditions random,
// ClipByValue's values and bounds distinct so none sits on a bound, Cumprod away from zero.
internal static partial class OpCases
{
    private static IReadOnlyList<OpCase> Index =>
    [
        new("Gather", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) => IndexOps.Gather(x[0], Indices(r, x[0].Shape[0]), null)),
        new("GatherV2", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
        {
            int rank = x[0].Shape.Rank, axis = r.Next(rank);
            return tf.gather(x[0], Indices(r, x[0].Shape[axis]), axis: r.Next(2) == 0 ? axis : axis - rank);
        }),
        new("GatherNd", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
        {
            var s = x[0].Shape;
            int q = r.Next(1, s.Rank + 1), m = Enumerable.Range(0, q).Any(k => s[k] == 0) ? 0 : r.Next(0, 4);
            var values = Enumerable.Range(0, m * q).Select(i => r.Next(s[i % q])).ToArray();
            return tf.gather_nd(x[0], tf.constant(NDArray.FromArray(values, r.Next(2) == 0 && m == 1 ? [q] : [m, q])));
        }),
        new("ScatterNd", ScatterShapes, D(Domain.Any), (x, d, r) =>
        {
            int q = d.Choices[0], m = d.Choices[1];
            var shape = d.Choices.Skip(2).ToArray();
            var values = Enumerable.Range(0, m * q).Select(i => r.Next(shape[i % q])).ToArray();
            return tf.scatter_nd(tf.constant(NDArray.FromArray(values, m, q)), x[0], new Shape(shape));
        }),
        new("TensorScatterAdd", TensorScatterShapes, D(Domain.Any, Domain.Any), (x, d, r) =>
        {
            int q = d.Choices[0], m = d.Choices[1];
            var values = Enumerable.Range(0, m * q).Select(i => r.Next(x[0].Shape[i % q])).ToArray();
            return tf.tensor_scatter_nd_add(x[0], tf.constant(NDArray.FromArray(values, m, q)), x[1]);
        }),
        new("Select", Same(2), D(Domain.Any, Domain.Any), (x, _, r) =>
        {
            var s = x[0].Shape;
            int[] cond = (r.Next(3), s.Rank) switch { (0, _) => [], (1, > 0) => [s[0]], _ => s.ToArray() };
            return IndexOps.Select(Bools(r, cond), x[0], x[1], null);
        }),
        new("SelectV2", Broadcastable, D(Domain.Any, Domain.Any), (x, _, r) =>
        {
            var output = StaticGraph.Kernels.Broadcast.StaticShape(x[0].Shape, x[1].Shape)!;
            var cond = output.Skip(r.Next(output.Rank + 1)).Select(dim => r.Next(4) == 0 ? 1 : dim).ToArray();
            return tf.where(Bools(r, cond), x[0], x[1]);
        }),
        new("ClipByValue", ClipShapes, D(Domain.Distinct, Domain.Distinct, Domain.Distinct),
            (x, _, _) => tf.clip_by_value(x[0], tf.minimum(x[1], x[2]), tf.maximum(x[1], x[2]))),
        new("Cumsum", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
            tf.cumsum(x[0], axis: r.Next(x[0].Shape.Rank) - (r.Next(2) * x[0].Shape.Rank), exclusive: r.Next(2) == 0, reverse: r.Next(2) == 0)),
        new("Cumprod", Same(1, NonScalarShape), D(Domain.AwayFromZero), (x, _, r) =>
            tf.cumprod(x[0], axis: r.Next(x[0].Shape.Rank), exclusive: r.Next(2) == 0, reverse: r.Next(2) == 0)),
        new("SegmentSum", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
        {
            int n = x[0].Shape[0], id = 0;
            var ids = Enumerable.Range(0, n).Select(_ => id += r.Next(2)).ToArray();
            return tf.segment_sum(x[0], tf.constant(NDArray.FromArray(ids, n)));
        }),
        new("UnsortedSegmentSum", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
        {
            int k = r.Next(1, x[0].Shape.Rank + 1), segments = r.Next(1, 4);
            var idShape = x[0].Shape.Take(k).ToArray();
            var ids = Enumerable.Range(0, idShape.Aggregate(1, (p, v) => p * v)).Select(_ => r.Next(segments)).ToArray();
            return tf.unsorted_segment_sum(x[0], tf.constant(NDArray.FromArray(ids, idShape)), segments);
        }),
        new("BatchMatMul", BatchMatMulShapes(broadcast: false), D(Domain.Any, Domain.Any),
            (x, d, _) => LinalgOps.BatchMatMul(x[0], x[1], d.Choices[0] == 1, d.Choices[1] == 1, null)),
        new("BatchMatMulV2", BatchMatMulShapes(broadcast: true), D(Domain.Any, Domain.Any),
            (x, d, _) => LinalgOps.BatchMatMulV2(x[0], x[1], d.Choices[0] == 1, d.Choices[1] == 1, null)),
        new("Diag", Same(1, SmallShape(1, 2)), D(Domain.Any), (x, _, _) => tf.diag(x[0])),
        new("DiagPart", SmallShape(1, 2).Select(s => new Draw([new Shape([.. s, .. s])], [])), D(Domain.Any), (x, _, _) => tf.diag_part(x[0])),
        new("MatrixDiag", Same(1, SmallShape(1, 3)), D(Domain.Any), (x, _, _) => tf.matrix_diag(x[0])),
        new("MatrixDiagPart", Same(1, SmallShape(2, 4)), D(Domain.Any), (x, _, _) => tf.matrix_diag_part(x[0])),
        new("MatrixSetDiag", SmallShape(2, 4).Select(s => new Draw([s, new Shape([.. s.Take(s.Rank - 2), Math.Min(s[-2], s[-1])])], [])),
            D(Domain.Any, Domain.Any), (x, _, _) => tf.matrix_set_diag(x[0], x[1])),
    ];

    /// <summary>A random int32 index tensor of rank 0-2 with values in [0, n) (empty when n = 0).</summary>
    private static Tensor Indices(Random r, int n)
    {
        int[] shape = r.Next(3) switch { 0 => [], 1 => [r.Next(0, 4)], _ => [r.Next(1, 3), r.Next(0, 3)] };
        if (n == 0)
        {
            shape = [0];
        }

        var values = Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => r.Next(n)).ToArray();
        return tf.constant(NDArray.FromArray(values, shape));
    }

    private static Tensor Bools(Random r, int[] shape) =>
        tf.constant(NDArray.FromArray(Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => r.Next(2) == 0).ToArray(), shape));

    /// <summary>Shapes of rank [min, max) with dims 0-3.</summary>
    private static Gen<Shape> SmallShape(int min, int max) =>
        from rank in Gen.Choose(min, max - 1)
        from dims in Gen.ArrayOf(Dim, rank)
        select new Shape(dims);

    /// <summary>updates [m] + shape[q:]; choices [q, m, shape...].</summary>
    private static Gen<Draw> ScatterShapes =>
        from s in NonScalarShape
        from q in Gen.Choose(1, s.Rank)
        from m0 in Gen.Choose(0, 3)
        let m = s.Take(q).Any(d => d == 0) ? 0 : m0
        select new Draw([new Shape([m, .. s.Skip(q)])], [q, m, .. s]);

    /// <summary>A tensor and m updates of its slices below the first q axes.</summary>
    private static Gen<Draw> TensorScatterShapes =>
        from s in NonScalarShape
        from q in Gen.Choose(1, s.Rank)
        from m0 in Gen.Choose(0, 3)
        let m = s.Take(q).Any(d => d == 0) ? 0 : m0
        select new Draw([s, new Shape([m, .. s.Skip(q)])], [q, m]);

    /// <summary>t and two bounds, scalar or of t's shape.</summary>
    private static Gen<Draw> ClipShapes =>
        from s in AnyShape
        from full in Gen.Choose(0, 1)
        select new Draw([s, full == 1 ? s : Shape.Scalar, full == 1 ? s : Shape.Scalar], []);

    /// <summary>[batch..., m, k] and [batch'..., k, n] (adjoint layouts per choice); V2 batch dims broadcast.</summary>
    private static Gen<Draw> BatchMatMulShapes(bool broadcast) =>
        from ax in Gen.Choose(0, 1)
        from ay in Gen.Choose(0, 1)
        from m in Gen.Choose(1, 3)
        from k in Gen.Choose(1, 3)
        from n in Gen.Choose(1, 3)
        from batch in SmallShape(broadcast ? 0 : 1, 3)
        from ba in broadcast ? Operand(batch) : Gen.Constant(batch)
        from bb in broadcast ? Operand(batch) : Gen.Constant(batch)
        select new Draw([new Shape([.. ba, .. (ax == 1 ? new[] { k, m } : [m, k])]), new Shape([.. bb, .. (ay == 1 ? new[] { n, k } : [k, n])])], [ax, ay]);
}
