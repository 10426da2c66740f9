using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

// Rows of the shape-manipulation ops: perms, axes, begin/size, masks and paddings are drawn by the row's Random
// (or, where they decide an input's shape, by a seed carried in the Draw's choices).
internal static partial class OpCases
{
    private static IReadOnlyList<OpCase> Manipulation =>
    [
        new("Transpose", Same(1), D(Domain.Any), (x, _, r) => tf.transpose(x[0], [.. Enumerable.Range(0, x[0].Shape.Rank).OrderBy(_ => r.Next())])),
        new("ConcatV2", ConcatShapes, D(Domain.Any, Domain.Any, Domain.Any), (x, d, r) => tf.concat(x, r.Next(2) == 0 ? d.Choices[0] : d.Choices[0] - x[0].Shape.Rank)),
        new("Split", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
        {
            int a = r.Next(x[0].Shape.Rank), d = x[0].Shape[a];
            var divisors = Enumerable.Range(1, Math.Max(d, 3)).Where(k => d == 0 || d % k == 0).ToArray();
            return Some(tf.split(x[0], divisors[r.Next(divisors.Length)], axis: r.Next(2) == 0 ? a : a - x[0].Shape.Rank), a, r);
        }),
        new("SplitV", Same(1, NonScalarShape), D(Domain.Any), (x, _, r) =>
        {
            int a = r.Next(x[0].Shape.Rank);
            var sizes = new int[r.Next(1, 4)];
            for (int i = 0; i < x[0].Shape[a]; i++)
            {
                sizes[r.Next(sizes.Length)]++;
            }

            if (r.Next(2) == 0)
            {
                sizes[r.Next(sizes.Length)] = -1;
            }

            return Some(tf.split(x[0], sizes, axis: a), a, r);
        }),
        new("Pack", PackShapes, D(Domain.Any, Domain.Any, Domain.Any), (x, _, r) => tf.stack(x, axis: r.Next(-x[0].Shape.Rank - 1, x[0].Shape.Rank + 1))),
        new("Unpack", Same(1, NonScalarShape.Where(s => s.Any(d => d > 0))), D(Domain.Any), (x, _, r) =>
        {
            var axes = Enumerable.Range(0, x[0].Shape.Rank).Where(k => x[0].Shape[k] > 0).ToArray();
            int a = axes[r.Next(axes.Length)];
            var parts = tf.unstack(x[0], axis: r.Next(2) == 0 ? a : a - x[0].Shape.Rank);
            var some = parts.Where(_ => r.Next(2) == 0).DefaultIfEmpty(parts[^1]).OrderBy(_ => r.Next()).ToArray();
            return tf.stack(some, axis: r.Next(x[0].Shape.Rank));
        }),
        new("Slice", Same(1), D(Domain.Any), (x, _, r) =>
        {
            var dims = x[0].Shape.ToArray();
            var begin = dims.Select(d => r.Next(d + 1)).ToArray();
            return tf.slice(x[0], begin, dims.Select((d, k) => r.Next(3) == 0 ? -1 : r.Next(d - begin[k] + 1)).ToArray());
        }),
        new("StridedSlice", Same(1), D(Domain.Any), (x, _, r) =>
        {
            var (b, e, s, m) = RandomSliceSpec(x[0].Shape, r);
            var index = r.Next(2) == 0 ? DType.Int32 : DType.Int64;
            return ManipulationOps.StridedSlice(x[0], Ints(b, index), Ints(e, index), Ints(s, index), m, null);
        }),
        new("StridedSliceGrad", StridedSliceGradShapes, D(Domain.Any), (x, d, _) =>
        {
            var (b, e, s, m) = RandomSliceSpec(new Shape(d.Choices[1..]), new Random(d.Choices[0]));
            var g = x[0].Graph;
            return ManipulationOps.StridedSliceGrad(OpBuilder.IntVector(d.Choices[1..], g), OpBuilder.IntVector(b, g), OpBuilder.IntVector(e, g), OpBuilder.IntVector(s, g), x[0], m, null);
        }),
        new("Pad", Same(1), D(Domain.Any), (x, _, r) => tf.pad(x[0], RandomPaddings(x[0].Shape, 2, r))),
        new("PadV2", Same(1).Select(d => new Draw([d.Shapes[0], Shape.Scalar], [])), D(Domain.Any, Domain.Any), (x, _, r) =>
            ManipulationOps.PadV2(x[0], OpBuilder.Const(RandomPaddings(x[0].Shape, 2, r), null, x[0].Graph), x[1], null)),
        new("MirrorPad", Same(1), D(Domain.Any), (x, _, r) =>
        {
            var (paddings, mode) = RandomMirror(x[0].Shape, r);
            return tf.pad(x[0], paddings, mode: mode);
        }),
        new("MirrorPadGrad", MirrorPadGradShapes, D(Domain.Any), (x, d, _) =>
        {
            var (paddings, mode) = RandomMirror(new Shape(d.Choices[1..]), new Random(d.Choices[0]));
            return ManipulationOps.MirrorPadGrad(x[0], OpBuilder.Const(paddings, null, x[0].Graph), mode, null);
        }),
        new("Tile", Same(1), D(Domain.Any), (x, _, r) => tf.tile(x[0], x[0].Shape.Select(_ => r.Next(3)).ToArray())),
        new("ExpandDims", Same(1), D(Domain.Any), (x, _, r) => tf.expand_dims(x[0], r.Next(-x[0].Shape.Rank - 1, x[0].Shape.Rank + 1))),
        new("Squeeze", Same(1), D(Domain.Any), (x, _, r) =>
        {
            int rank = x[0].Shape.Rank;
            var ones = Enumerable.Range(0, rank).Where(k => x[0].Shape[k] == 1 && r.Next(2) == 0).Select(k => r.Next(2) == 0 ? k : k - rank);
            return tf.squeeze(x[0], r.Next(3) == 0 ? null : [.. ones]);
        }),
        new("Reverse", Same(1), D(Domain.Any), (x, _, r) =>
            ManipulationOps.Reverse(x[0], OpBuilder.Const(x[0].Shape.Select(_ => r.Next(2) == 0).ToArray(), null, x[0].Graph), null)),
        new("ReverseV2", Same(1), D(Domain.Any), (x, _, r) =>
            tf.reverse(x[0], [.. Enumerable.Range(0, x[0].Shape.Rank).Where(_ => r.Next(2) == 0).Select(k => r.Next(2) == 0 ? k : k - x[0].Shape.Rank)])),
        new("ReverseSequence", Same(1, AnyShape.Where(s => s.Rank >= 2)), D(Domain.Any), (x, _, r) =>
        {
            // batch_dim 0 or the last axis, seq_dim another; each row reverses a random prefix (0 to all of it).
            var dims = x[0].Shape.ToArray();
            int batch = r.Next(2) == 0 ? 0 : dims.Length - 1;
            int seq = batch == 0 ? r.Next(1, dims.Length) : r.Next(0, dims.Length - 1);
            var lengths = Enumerable.Range(0, dims[batch]).Select(_ => (long)r.Next(0, dims[seq] + 1)).ToArray();
            return ManipulationOps.ReverseSequence(x[0], tf.constant(lengths), seq, batch, null);
        }),
        new("BroadcastTo", BroadcastToShapes, D(Domain.Any), (x, d, _) => tf.broadcast_to(x[0], new Shape(d.Choices))),
    ];

    /// <summary>2-3 shapes equal but along the axis in Choices[0].</summary>
    private static Gen<Draw> ConcatShapes =>
        from s in NonScalarShape
        from n in Gen.Choose(2, 3)
        from axis in Gen.Choose(0, s.Rank - 1)
        from sizes in Gen.ArrayOf(Dim, n)
        select new Draw([.. sizes.Select(d => new Shape([.. s.Select((e, k) => k == axis ? d : e)]))], [axis]);

    private static Gen<Draw> PackShapes =>
        from n in Gen.Choose(1, 3)
        from s in AnyShape
        select new Draw([.. Enumerable.Repeat(s, n)], []);

    /// <summary>A shape and the shape it broadcasts to (in Choices).</summary>
    private static Gen<Draw> BroadcastToShapes =>
        from output in AnyShape
        from a in Operand(output)
        select new Draw([a], output.ToArray());

    /// <summary>dy shaped like the slice of a drawn shape; Choices = [seed of the slice spec, .. the shape].</summary>
    private static Gen<Draw> StridedSliceGradShapes =>
        from s in AnyShape
        from seed in Gen.Choose(0, 1 << 30)
        let spec = RandomSliceSpec(s, new Random(seed))
        select new Draw([new Shape(ManipulationOps.ResolveStridedSlice(s.ToArray(), spec.Begin, spec.End, spec.Strides, spec.Masks).FinalDims)], [seed, .. s]);

    /// <summary>dy shaped like MirrorPad's output for a drawn shape; Choices = [seed of the paddings, .. the shape].</summary>
    private static Gen<Draw> MirrorPadGradShapes =>
        from s in AnyShape
        from seed in Gen.Choose(0, 1 << 30)
        let paddings = RandomMirror(s, new Random(seed)).Paddings
        select new Draw([new Shape([.. s.Select((d, k) => d + paddings[k, 0] + paddings[k, 1])])], [seed, .. s]);

    private static Tensor Ints(int[] values, DType dtype) => dtype == DType.Int64
        ? OpBuilder.Const(values.Select(v => (long)v).ToArray())
        : OpBuilder.Const(values);

    /// <summary>A random non-empty subset of the pieces, in random order, joined along <paramref name="axis"/>.</summary>
    private static Tensor Some(Tensor[] pieces, int axis, Random r) =>
        tf.concat([.. pieces.Where(_ => r.Next(2) == 0).DefaultIfEmpty(pieces[0]).OrderBy(_ => r.Next())], axis);

    private static int[,] RandomPaddings(Shape s, int max, Random r)
    {
        var p = new int[s.Rank, 2];
        for (int k = 0; k < s.Rank; k++)
        {
            (p[k, 0], p[k, 1]) = (r.Next(max + 1), r.Next(max + 1));
        }

        return p;
    }

    /// <summary>A mirror mode the shape allows (REFLECT needs every dim >= 1) and paddings within its bounds.</summary>
    private static (int[,] Paddings, string Mode) RandomMirror(Shape s, Random r)
    {
        bool reflect = s.All(d => d >= 1) && r.Next(2) == 0;
        var p = new int[s.Rank, 2];
        for (int k = 0; k < s.Rank; k++)
        {
            int max = Math.Min(2, reflect ? s[k] - 1 : s[k]);
            (p[k, 0], p[k, 1]) = (r.Next(max + 1), r.Next(max + 1));
        }

        return (p, reflect ? "REFLECT" : "SYMMETRIC");
    }

    /// <summary>A valid random strided slice of shape <paramref name="s"/>: explicit entries for a prefix (and,
    /// with an ellipsis, a suffix) of the axes, each a range (any begin/end, clamped; steps ±1..3; random
    /// begin/end masks) or an in-range index (shrink), with new axes sprinkled in.</summary>
    internal static (int[] Begin, int[] End, int[] Strides, SliceMasks Masks) RandomSliceSpec(Shape s, Random r)
    {
        int rank = s.Rank;
        bool ellipsis = r.Next(3) == 0;
        int lead = r.Next(rank + 1), trail = ellipsis ? r.Next(rank - lead + 1) : 0;
        var axes = Enumerable.Range(0, lead).Append(-1).Concat(Enumerable.Range(rank - trail, trail)).Where(k => k >= 0 || ellipsis).ToList();
        for (int n = r.Next(3); n > 0; n--)
        {
            axes.Insert(r.Next(axes.Count + 1), -2);
        }

        var (b, e, st) = (new int[axes.Count], new int[axes.Count], new int[axes.Count]);
        int bm = 0, em = 0, ell = 0, na = 0, sh = 0;
        for (int i = 0; i < axes.Count; i++)
        {
            int bit = 1 << i, k = axes[i];
            st[i] = 1;
            if (k == -1)
            {
                ell |= bit;
            }
            else if (k == -2)
            {
                na |= bit;
            }
            else if (s[k] > 0 && r.Next(4) == 0)
            {
                (b[i], e[i], sh) = (r.Next(-s[k], s[k]), r.Next(-3, 4), sh | bit);
            }
            else
            {
                (b[i], e[i], st[i]) = (r.Next(-s[k] - 2, s[k] + 3), r.Next(-s[k] - 2, s[k] + 3), (r.Next(1, 4) * (r.Next(2) == 0 ? 1 : -1)));
                bm |= r.Next(4) == 0 ? bit : 0;
                em |= r.Next(4) == 0 ? bit : 0;
            }
        }

        return (b, e, st, new SliceMasks(bm, em, ell, na, sh));
    }
}
