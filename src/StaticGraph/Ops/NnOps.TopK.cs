using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// TopKV2 (the k largest entries of each last-axis row) and InTopKV2 (whether a target class is among them).
internal static partial class NnOps
{
    /// <summary>values, indices = the k largest entries of each row (last axis), largest first; equal values keep
    /// the lower index first.</summary>
    public static readonly OpDef TopKV2Op = new("TopKV2",
        ctx =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.ExpectDType(0, RealNumbers);
            ctx.ExpectDType(1, DType.Int32);
            ctx.ExpectRank(1, 0);
            var input = ctx.Shape(0);
            if (input.HasRank && input.Rank < 1)
            {
                throw ctx.Error($"input must be at least 1-D, got shape {input}");
            }

            int k = ctx.Constant(1) is NDArray kv ? kv.Item<int>() : -1;
            if (ctx.Constant(1) is not null && k < 0)
            {
                throw ctx.Error($"k must be non-negative, got {k}");
            }

            if (k >= 0 && input.HasRank && input[-1] >= 0 && input[-1] < k)
            {
                throw ctx.Error($"input must have at least k={k} columns, got shape {input}");
            }

            Shape output = input.HasRank ? [.. input.Take(input.Rank - 1), k] : StaticGraph.Shape.Unknown;
            return [new TensorSpec(dtype, output), new TensorSpec(DType.Int32, output)];
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new TopKKernel()))
    {
        Inputs = ["input: T", "k: int32"], Outputs = ["values: T", "indices: int32"],
        Grad = g => [TopKGrad(g.X(0), g.Op.Outputs[1], g.Dy), null],
        AttrDefaults = new Dictionary<string, object> { ["sorted"] = true },
    };

    public static (Tensor Values, Tensor Indices) TopK(Tensor input, int k, bool sorted, string? name)
    {
        var op = Op("TopKV2", name, [input, Scalar(k, DType.Int32, input.Graph, "k")], ("sorted", sorted), ("T", input.DType));
        return (op.Outputs[0], op.Outputs[1]);
    }

    // dx = dy scattered to the indices: Σ_j dy[.., j] · [indices[.., j] == i], a one-hot product over a
    // [rows, k, n] mask (only Reshape, Equal, Cast, Mul and Sum, so second-order gradients work).
    private static Tensor TopKGrad(Tensor x, Tensor indices, Tensor dy)
    {
        int n = x.Shape.HasRank ? x.Shape[-1] : -1, k = indices.Shape.HasRank ? indices.Shape[-1] : -1;
        if (n < 0 || k < 0)
        {
            throw new GraphException($"The gradient of TopKV2 node '{indices.Op.Name}' needs k and the input's last dimension known at graph-construction time, got input shape {x.Shape} and indices shape {indices.Shape}.");
        }

        if (k == 0)
        {
            return ArrayOps.ZerosLike(x, null);
        }

        var graph = x.Graph;
        var iota = IntVector(Enumerable.Range(0, n).ToArray(), graph, "iota");
        var mask = Indicator(MathOps.Equal(ArrayOps.Reshape(indices, IntVector([-1, k, 1], graph), null), iota, null), dy.DType);
        var scattered = ReduceOps.Sum(ArrayOps.Reshape(dy, IntVector([-1, k, 1], graph), null) * mask, [1], false, null);
        return ArrayOps.Reshape(scattered, ArrayOps.ShapeOf(x, DType.Int32, null), null);
    }

    private sealed class TopKKernel : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var x = ctx.Input(0);
            int k = ctx.Input(1).Item<int>(), n = x.Shape[-1];
            if (k < 0 || k > n)
            {
                throw new InvalidArgumentException(k < 0 ? $"Need k >= 0, got {k}" : $"input must have at least k={k} columns, got shape {x.Shape}");
            }

            int[] dims = x.Shape.ToArray();
            dims[^1] = k;
            var values = ctx.Output(0, StaticGraph.Shape.Own(dims)).AsSpan<T>();
            var indices = ctx.Output(1, StaticGraph.Shape.Own((int[])dims.Clone())).AsSpan<int>();
            var xs = x.AsSpan<T>();
            int rows = n == 0 ? 0 : xs.Length / n;
            for (int r = 0; r < rows && k > 0; r++)
            {
                TopRow(xs.Slice(r * n, n), values.Slice(r * k, k), indices.Slice(r * k, k));
            }
        };

        // Insertion into a sorted top-k buffer: an entry goes after every kept entry that is >= it, so ties keep
        // the lower index first; O(n) per row when few entries beat the current k-th.
        private static void TopRow<T>(ReadOnlySpan<T> row, Span<T> values, Span<int> indices) where T : INumber<T>
        {
            int k = values.Length, count = 0;
            for (int i = 0; i < row.Length; i++)
            {
                T v = row[i];
                if (count == k && !(v > values[k - 1]))
                {
                    continue;
                }

                int pos = count < k ? count : k - 1;
                while (pos > 0 && v > values[pos - 1])
                {
                    values[pos] = values[pos - 1];
                    indices[pos] = indices[pos - 1];
                    pos--;
                }

                values[pos] = v;
                indices[pos] = i;
                count = Math.Min(count + 1, k);
            }
        }
    }

    /// <summary>out_b = (predictions[b, targets_b] is among the k largest of row b); false for an out-of-range
    /// target or a non-finite prediction.</summary>
    public static readonly OpDef InTopKV2Op = new("InTopKV2",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, Floating);
            ctx.ExpectDType(1, DType.Int32, DType.Int64);
            ctx.SameDType(1, 2);
            ctx.ExpectRank(0, 2);
            ctx.ExpectRank(1, 1);
            ctx.ExpectRank(2, 0);
            var (p, t) = (ctx.Shape(0), ctx.Shape(1));
            Shape batch = p.HasRank ? [p[0]] : [-1];
            if (!batch.IsCompatibleWith(t))
            {
                throw ctx.Error($"predictions and targets must have the same batch size, got {p} and {t}");
            }

            return InferContext.One(DType.Bool, batch.MergeWith(t));
        },
        b => Dispatch.On(b, b.InputDType(0), f32: () => InTopK<float>, f64: () => InTopK<double>))
    {
        Inputs = ["predictions: float", "targets: T", "k: T"], Outputs = ["precision: bool"],
        NoGradient = "a bool output",
    };

    public static Tensor InTopK(Tensor predictions, Tensor targets, Tensor k, string? name) =>
        Out("InTopKV2", name, [predictions, targets, k], ("T", targets.DType));

    private static void InTopK<T>(KernelContext ctx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var predictions = ctx.Input(0);
        var targets = ctx.Input(1).AsType(DType.Int64).AsSpan<long>();
        long k = ctx.Input(2).AsType(DType.Int64).Item<long>();
        int batch = predictions.Shape[0], classes = predictions.Shape[1];
        if (targets.Length != batch)
        {
            throw new InvalidArgumentException($"First dimension of predictions {batch} must match length of targets {targets.Length}");
        }

        var p = predictions.AsSpan<T>();
        var output = ctx.OutputDims(0, [batch]).AsSpan<bool>();
        for (int b = 0; b < batch; b++)
        {
            long t = targets[b];
            var row = p.Slice(b * classes, classes);
            bool unknown = t < 0 || t >= classes || !T.IsFinite(row[(int)t]);
            int greater = 0;
            for (int i = 0; !unknown && i < classes; i++)
            {
                unknown = !T.IsFinite(row[i]);
                greater += row[i] > row[(int)t] ? 1 : 0;
            }

            output[b] = !unknown && greater < k;
        }
    }
}
