using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Linear algebra: batched matrix products (BatchMatMul, BatchMatMulV2 with broadcast batch dimensions)
/// the diagonal family (Diag, DiagPart, MatrixDiag, MatrixDiagPart, MatrixSetDiag, in LinalgOps.Diag.cs) and QR
/// decomposition (LinalgOps.Qr.cs).</summary>
internal static partial class LinalgOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        BatchMatMulOp, BatchMatMulV2Op, DiagOp, DiagPartOp, MatrixDiagOp, MatrixDiagPartOp, MatrixSetDiagOp, QrOp,
    ];

    private static DType[] MatMulTypes => [DType.Float32, DType.Float64, DType.Int32, DType.Int64];

    private static OpDef BatchProduct(string name, bool broadcast) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, MatMulTypes);
            var (a, b) = (ctx.Shape(0), ctx.Shape(1));
            if (!a.HasRank || !b.HasRank)
            {
                return InferContext.One(dtype, Shape.Unknown);
            }

            if (a.Rank < 2 || b.Rank < 2)
            {
                throw ctx.Error($"both inputs must have rank >= 2, got shapes {a} and {b}");
            }

            bool ax = ctx.Attr("adj_x", false), ay = ctx.Attr("adj_y", false);
            int m = a[ax ? -1 : -2], k1 = a[ax ? -2 : -1], k2 = b[ay ? -1 : -2], n = b[ay ? -2 : -1];
            if (k1 >= 0 && k2 >= 0 && k1 != k2)
            {
                throw ctx.Error($"Dimensions must be equal, but are {k1} and {k2} (the contracted dimensions of {a} and {b})");
            }

            var (ba, bb) = (Shape.Own(a.Take(a.Rank - 2).ToArray()), Shape.Own(b.Take(b.Rank - 2).ToArray()));
            Shape? batch = broadcast ? Broadcast.StaticShape(ba, bb) : ba.Rank == bb.Rank && ba.IsCompatibleWith(bb) ? ba.MergeWith(bb) : null;
            return batch is null
                ? throw ctx.Error(broadcast
                    ? $"the batch dimensions {ba} and {bb} do not broadcast"
                    : $"the batch dimensions must be equal (BatchMatMul does not broadcast), got {ba} and {bb}")
                : InferContext.One(dtype, Shape.Own([.. batch, m, n]));
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new BatchMatMulKernel(b.Attr("adj_x", false), b.Attr("adj_y", false), broadcast, b.Threads)))
    {
        Inputs = ["x: T", "y: T"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["adj_x"] = false, ["adj_y"] = false },
        Grad = g => BatchMatMulGrad(g, broadcast),
    };

    /// <summary>C[b] = op(A[b]) · op(B[b]) for each batch index b (equal batch dimensions), op = adjoint where
    /// adj_x / adj_y.</summary>
    public static readonly OpDef BatchMatMulOp = BatchProduct("BatchMatMul", broadcast: false);

    /// <summary>C[b] = op(A[b]) · op(B[b]) with numpy broadcasting of the batch dimensions.</summary>
    public static readonly OpDef BatchMatMulV2Op = BatchProduct("BatchMatMulV2", broadcast: true);

    public static Tensor BatchMatMul(Tensor x, Tensor y, bool adjX, bool adjY, string? name) =>
        Out("BatchMatMul", name, [x, y], ("T", x.DType), ("adj_x", adjX), ("adj_y", adjY));

    public static Tensor BatchMatMulV2(Tensor x, Tensor y, bool adjX, bool adjY, string? name) =>
        Out("BatchMatMulV2", name, [x, y], ("T", x.DType), ("adj_x", adjX), ("adj_y", adjY));

    // The MatMul rules per adjoint combination; V2 then sums each gradient over the batch dimensions its input was
    // broadcast along (this op is not elementwise, so the driver's unbroadcasting does not apply).
    private static Tensor?[] BatchMatMulGrad(Autodiff.GradContext g, bool broadcast)
    {
        bool ax = g.Attr<bool>("adj_x"), ay = g.Attr<bool>("adj_y");
        var (a, b, dy) = (g.X(0), g.X(1), g.Dy);
        Tensor P(Tensor x, Tensor y, bool tx, bool ty) => broadcast ? BatchMatMulV2(x, y, tx, ty, null) : BatchMatMul(x, y, tx, ty, null);
        var (da, db) = (ax, ay) switch
        {
            (false, false) => (P(dy, b, false, true), P(a, dy, true, false)), // dA = dY·Bᴴ, dB = Aᴴ·dY
            (false, true) => (P(dy, b, false, false), P(dy, a, true, false)), // dA = dY·B, dB = dYᴴ·A
            (true, false) => (P(b, dy, false, true), P(a, dy, false, false)), // dA = B·dYᴴ, dB = A·dY
            (true, true) => (P(b, dy, true, true), P(dy, a, true, true)), // dA = Bᴴ·dYᴴ, dB = dYᴴ·Aᴴ
        };
        return broadcast ? [SumToShape(da, a), SumToShape(db, b)] : [da, db];
    }

    /// <summary>Sums <paramref name="grad"/> over the leading dimensions where <paramref name="x"/> was broadcast
    /// and reshapes it to x's shape (statically when both shapes are known, else with BroadcastGradientArgs).</summary>
    private static Tensor SumToShape(Tensor grad, Tensor x)
    {
        var (xs, gs) = (x.Shape, grad.Shape);
        if (xs.IsFullyDefined && gs.IsFullyDefined)
        {
            if (xs.Equals(gs))
            {
                return grad;
            }

            var (axes, _) = AutodiffOps.ReductionAxes(xs.ToArray(), gs.ToArray());
            return ArrayOps.Reshape(ReduceOps.Sum(grad, axes, false, "Sum"), IntVector(xs.ToArray(), x.Graph, "Shape"), "Reshape");
        }

        var sx = ArrayOps.ShapeOf(x, DType.Int32, "Shape");
        var (rx, _) = AutodiffOps.BroadcastGradientArgs(sx, ArrayOps.ShapeOf(grad, DType.Int32, "Shape_1"), "BroadcastGradientArgs");
        return ArrayOps.Reshape(ReduceOps.Reduce("Sum", grad, rx, false, "Sum"), sx, "Reshape");
    }

    private sealed class BatchMatMulKernel(bool adjX, bool adjY, bool broadcast, int threads) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => ctx =>
        {
            var (a, b) = (ctx.Input(0), ctx.Input(1));
            if (a.Rank < 2 || b.Rank < 2)
            {
                throw new InvalidArgumentException($"{ctx.Op.Type} node '{ctx.Op.Name}': both inputs must have rank >= 2, got {a.Shape} and {b.Shape}");
            }

            int m = a.Shape[adjX ? -1 : -2], k = a.Shape[adjX ? -2 : -1], kb = b.Shape[adjY ? -1 : -2], n = b.Shape[adjY ? -2 : -1];
            var (ba, bb) = (Shape.Own(a.Shape.Take(a.Rank - 2).ToArray()), Shape.Own(b.Shape.Take(b.Rank - 2).ToArray()));
            if (k != kb || (!broadcast && !ba.Equals(bb)))
            {
                throw new InvalidArgumentException($"{ctx.Op.Type} node '{ctx.Op.Name}': In[0] and In[1] are incompatible: {a.Shape} vs. {b.Shape} (adj_x={adjX}, adj_y={adjY})");
            }

            var batch = broadcast ? Broadcast.RuntimeShape(ba, bb) : ba;
            var c = (T[])ctx.Output(0, Shape.Own([.. batch, m, n])).RawData;
            int count = (int)batch.NumElements;
            var (ao, bo) = (Indexing.BroadcastOffsets(ba, batch), Indexing.BroadcastOffsets(bb, batch));
            var (aData, bData) = ((T[])a.RawData, (T[])b.RawData);

            // Products large enough to split on their own split inside the GEMM; smaller ones go to workers whole.
            int inner = Parallelism.Workers((long)m * n * k, threads);
            int workers = inner > 1 ? 1 : Parallelism.Workers((long)count * m * n * k, threads, count);
            Parallelism.Ranges(count, workers, (_, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    Gemm.Multiply<T>(aData.AsSpan(ao[i] * m * k, m * k), bData.AsSpan(bo[i] * k * n, k * n), c.AsSpan(i * m * n, m * n),
                        m, n, k, adjX, adjY, inner);
                }
            });
        };
    }
}
