using StaticGraph.Execution;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// QR decomposition (TF's Qr op), used by the orthogonal initializer.
internal static partial class LinalgOps
{
    /// <summary>A = Q·R per matrix of [..., M, N]: Q [..., M, P] with orthonormal columns and upper-triangular R [..., P, N],
    /// P = min(M, N) (P = M for both when full_matrices), by Householder reflections.</summary>
    public static readonly OpDef QrOp = new("Qr",
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, DType.Float32, DType.Float64);
            var s = ctx.Shape(0);
            if (!s.HasRank)
            {
                return [new TensorSpec(ctx.DType(0), Shape.Unknown), new TensorSpec(ctx.DType(0), Shape.Unknown)];
            }

            if (s.Rank < 2)
            {
                throw ctx.Error($"input must have rank >= 2, got shape {s}");
            }

            bool full = ctx.Attr("full_matrices", false);
            int m = s[-2], n = s[-1];
            int p = full ? m : (m < 0 || n < 0 ? -1 : Math.Min(m, n));
            var batch = s.Take(s.Rank - 2).ToArray();
            return [new TensorSpec(ctx.DType(0), Shape.Own([.. batch, m, p])), new TensorSpec(ctx.DType(0), Shape.Own([.. batch, p, n]))];
        },
        b => QrKernel(b.Attr("full_matrices", false)))
    {
        Inputs = ["input: T"], Outputs = ["q: T", "r: T"],
        AttrDefaults = new Dictionary<string, object> { ["full_matrices"] = false },
        NoGradient = "TF's QR gradient needs MatrixTriangularSolve, which StaticGraph does not have yet",
    };

    public static (Tensor Q, Tensor R) Qr(Tensor input, bool fullMatrices, string? name)
    {
        var op = Op("Qr", name, [input], ("T", input.DType), ("full_matrices", fullMatrices));
        return (op.Outputs[0], op.Outputs[1]);
    }

    private static Kernel QrKernel(bool full) => ctx =>
    {
        var a = ctx.Input(0);
        int m = a.Shape[-2], n = a.Shape[-1];
        int p = full ? m : Math.Min(m, n);
        var batch = a.Shape.Take(a.Rank - 2).ToArray();
        var q = ctx.Output(0, Shape.Own([.. batch, m, p]));
        var r = ctx.Output(1, Shape.Own([.. batch, p, n]));
        int count = m * n == 0 ? batch.Aggregate(1, (x, d) => x * d) : a.Size / (m * n);
        var src = a.AsType(DType.Float64).ToArray<double>();
        var qd = new double[q.Size];
        var rd = new double[r.Size];
        for (int i = 0; i < count; i++)
        {
            Householder(src.AsSpan(i * m * n, m * n), m, n, p, qd.AsSpan(i * m * p, m * p), rd.AsSpan(i * p * n, p * n));
        }

        Kernels.CastKernel.Convert(NDArray.FromArray(qd, q.Shape.ToArray()), q);
        Kernels.CastKernel.Convert(NDArray.FromArray(rd, r.Shape.ToArray()), r);
    };

    // R starts as A; each reflection H = I - 2vvᵀ zeroes a column below the diagonal; Q = H₁H₂…, applied to I.
    private static void Householder(ReadOnlySpan<double> a, int m, int n, int p, Span<double> q, Span<double> r)
    {
        var work = a.ToArray();
        var full = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            full[(i * m) + i] = 1;
        }

        var v = new double[m];
        for (int k = 0; k < Math.Min(m - 1, n); k++)
        {
            double norm = 0;
            for (int i = k; i < m; i++)
            {
                norm += work[(i * n) + k] * work[(i * n) + k];
            }

            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                continue;
            }

            double alpha = work[(k * n) + k] > 0 ? -norm : norm;
            Array.Clear(v);
            for (int i = k; i < m; i++)
            {
                v[i] = work[(i * n) + k];
            }

            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < m; i++)
            {
                vv += v[i] * v[i];
            }

            if (vv == 0)
            {
                continue;
            }

            Reflect(work, m, n, v, k, vv);   // R ← H·R
            Reflect(full, m, m, v, k, vv, rightSide: true);   // Q ← Q·H
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < p; j++)
            {
                q[(i * p) + j] = full[(i * m) + j];
            }
        }

        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < n; j++)
            {
                r[(i * n) + j] = j < i || i >= m ? 0 : work[(i * n) + j];
            }
        }
    }

    // x ← (I - 2vvᵀ/vᵀv)·x on the rows (or x ← x·(I - 2vvᵀ/vᵀv) on the columns with rightSide).
    private static void Reflect(double[] x, int rows, int cols, double[] v, int k, double vv, bool rightSide = false)
    {
        if (!rightSide)
        {
            for (int j = 0; j < cols; j++)
            {
                double dot = 0;
                for (int i = k; i < rows; i++)
                {
                    dot += v[i] * x[(i * cols) + j];
                }

                double f = 2 * dot / vv;
                for (int i = k; i < rows; i++)
                {
                    x[(i * cols) + j] -= f * v[i];
                }
            }

            return;
        }

        for (int i = 0; i < rows; i++)
        {
            double dot = 0;
            for (int j = k; j < cols; j++)
            {
                dot += x[(i * cols) + j] * v[j];
            }

            double f = 2 * dot / vv;
            for (int j = k; j < cols; j++)
            {
                x[(i * cols) + j] -= f * v[j];
            }
        }
    }
}
