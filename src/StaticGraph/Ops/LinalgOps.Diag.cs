using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// The diagonal family TF1 uses for tf.diag, tf.diag_part, tf.matrix_diag, tf.matrix_diag_part, tf.matrix_set_diag.
internal static partial class LinalgOps
{
    /// <summary>y[i..., i...] = x[i...], zero elsewhere (y has shape x.shape + x.shape).</summary>
    public static readonly OpDef DiagOp = new("Diag",
        ctx =>
        {
            ctx.ExpectInputs(1);
            var x = ctx.Shape(0);
            if (x.HasRank && x.Rank < 1)
            {
                throw ctx.Error($"input must be at least rank 1, got shape {x}");
            }

            return InferContext.One(ctx.DType(0), x.HasRank ? Shape.Own([.. x, .. x]) : Shape.Unknown);
        },
        b => Indexing.AnyType(b, b.InputDType(0), new DiagKernel(DiagKind.Diag)))
    {
        Inputs = ["diagonal: T"], Outputs = ["output: T"],
        Grad = g => [DiagPart(g.Dy, null)], // dx = diag_part(dy)
    };

    public static Tensor Diag(Tensor diagonal, string? name) => Out("Diag", name, [diagonal], ("T", diagonal.DType));

    /// <summary>y[i...] = x[i..., i...] (x has shape d + d).</summary>
    public static readonly OpDef DiagPartOp = new("DiagPart",
        ctx =>
        {
            ctx.ExpectInputs(1);
            var x = ctx.Shape(0);
            if (!x.HasRank)
            {
                return InferContext.One(ctx.DType(0), Shape.Unknown);
            }

            int half = x.Rank / 2;
            var (front, back) = (Shape.Own(x.Take(half).ToArray()), Shape.Own(x.Skip(half).ToArray()));
            return x.Rank == 0 || x.Rank % 2 != 0 || !front.IsCompatibleWith(back)
                ? throw ctx.Error($"input must have an even rank >= 2 with equal halves (d + d), got shape {x}")
                : InferContext.One(ctx.DType(0), front.MergeWith(back));
        },
        b => Indexing.AnyType(b, b.InputDType(0), new DiagKernel(DiagKind.DiagPart)))
    {
        Inputs = ["input: T"], Outputs = ["diagonal: T"],
        Grad = g => [Diag(g.Dy, null)], // dx = diag(dy)
    };

    public static Tensor DiagPart(Tensor input, string? name) => Out("DiagPart", name, [input], ("T", input.DType));

    /// <summary>y[..., i, i] = x[..., i], zero off the diagonal (y has shape x.shape + [n]).</summary>
    public static readonly OpDef MatrixDiagOp = new("MatrixDiag",
        ctx =>
        {
            ctx.ExpectInputs(1);
            var x = ctx.Shape(0);
            if (x.HasRank && x.Rank < 1)
            {
                throw ctx.Error($"input must be at least rank 1, got shape {x}");
            }

            return InferContext.One(ctx.DType(0), x.HasRank ? Shape.Own([.. x, x[-1]]) : Shape.Unknown);
        },
        b => Indexing.AnyType(b, b.InputDType(0), new DiagKernel(DiagKind.MatrixDiag)))
    {
        Inputs = ["diagonal: T"], Outputs = ["output: T"],
        Grad = g => [MatrixDiagPart(g.Dy, null)], // dx = matrix_diag_part(dy)
    };

    public static Tensor MatrixDiag(Tensor diagonal, string? name) => Out("MatrixDiag", name, [diagonal], ("T", diagonal.DType));

    /// <summary>y[..., i] = x[..., i, i] for i &lt; min(m, n).</summary>
    public static readonly OpDef MatrixDiagPartOp = new("MatrixDiagPart",
        ctx =>
        {
            ctx.ExpectInputs(1);
            var x = ctx.Shape(0);
            if (!x.HasRank)
            {
                return InferContext.One(ctx.DType(0), Shape.Unknown);
            }

            return x.Rank < 2
                ? throw ctx.Error($"input must be at least rank 2, got shape {x}")
                : InferContext.One(ctx.DType(0), Shape.Own([.. x.Take(x.Rank - 2), DiagLength(x[-2], x[-1])]));
        },
        b => Indexing.AnyType(b, b.InputDType(0), new DiagKernel(DiagKind.MatrixDiagPart)))
    {
        Inputs = ["input: T"], Outputs = ["diagonal: T"],
        Grad = g => [MatrixSetDiag(ArrayOps.ZerosLike(g.X(0), null), g.Dy, null)], // dx = dy on the diagonal, 0 elsewhere
    };

    public static Tensor MatrixDiagPart(Tensor input, string? name) => Out("MatrixDiagPart", name, [input], ("T", input.DType));

    /// <summary>y = x with y[..., i, i] = diagonal[..., i].</summary>
    public static readonly OpDef MatrixSetDiagOp = new("MatrixSetDiag",
        ctx =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            var (x, d) = (ctx.Shape(0), ctx.Shape(1));
            if (x.HasRank && x.Rank < 2)
            {
                throw ctx.Error($"input must be at least rank 2, got shape {x}");
            }

            if (x.HasRank && d.HasRank && !Shape.Own([.. x.Take(x.Rank - 2), DiagLength(x[-2], x[-1])]).IsCompatibleWith(d))
            {
                throw ctx.Error($"diagonal must have shape input.shape[:-2] + [min(m, n)], got {d} for input {x}");
            }

            return InferContext.One(dtype, x);
        },
        b => Indexing.AnyType(b, b.InputDType(0), new DiagKernel(DiagKind.MatrixSetDiag)))
    {
        Inputs = ["input: T", "diagonal: T"], Outputs = ["output: T"],
        Grad = g => [MatrixSetDiag(g.Dy, ArrayOps.ZerosLike(g.X(1), null), null), // dx = dy off the diagonal
                     MatrixDiagPart(g.Dy, null)], // ddiagonal = matrix_diag_part(dy)
    };

    public static Tensor MatrixSetDiag(Tensor input, Tensor diagonal, string? name) =>
        Out("MatrixSetDiag", name, [input, diagonal], ("T", input.DType));

    private static int DiagLength(int m, int n) => m < 0 || n < 0 ? -1 : Math.Min(m, n);

    private enum DiagKind
    {
        Diag,
        DiagPart,
        MatrixDiag,
        MatrixDiagPart,
        MatrixSetDiag,
    }

    private sealed class DiagKernel(DiagKind kind) : IAnyFunc<Kernel>
    {
        public Kernel Invoke<T>() => ctx =>
        {
            var x = ctx.Input(0);
            var xs = x.AsSpan<T>();
            var shape = x.Shape;
            string op = $"{ctx.Op.Type} node '{ctx.Op.Name}'";
            switch (kind)
            {
                case DiagKind.Diag:
                {
                    var y = ctx.Output(0, Shape.Own([.. shape, .. shape])).AsSpan<T>();
                    y.Clear();
                    for (int j = 0; j < xs.Length; j++)
                    {
                        y[(j * xs.Length) + j] = xs[j];
                    }

                    break;
                }

                case DiagKind.DiagPart:
                {
                    int half = x.Rank / 2;
                    var front = Shape.Own(shape.Take(half).ToArray());
                    if (x.Rank == 0 || x.Rank % 2 != 0 || !front.Equals(Shape.Own(shape.Skip(half).ToArray())))
                    {
                        throw new InvalidArgumentException($"{op}: input must have an even rank with equal halves, got shape {shape}");
                    }

                    var y = ctx.Output(0, front).AsSpan<T>();
                    for (int j = 0; j < y.Length; j++)
                    {
                        y[j] = xs[(j * y.Length) + j];
                    }

                    break;
                }

                case DiagKind.MatrixDiag:
                {
                    int n = shape[-1], batches = n == 0 ? 0 : xs.Length / n;
                    var y = ctx.Output(0, Shape.Own([.. shape, n])).AsSpan<T>();
                    y.Clear();
                    for (int b = 0; b < batches; b++)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            y[(b * n * n) + (i * n) + i] = xs[(b * n) + i];
                        }
                    }

                    break;
                }

                default:
                {
                    if (x.Rank < 2)
                    {
                        throw new InvalidArgumentException($"{op}: input must be at least rank 2, got shape {shape}");
                    }

                    int m = shape[-2], n = shape[-1], len = Math.Min(m, n), batches = m * n == 0 ? 0 : xs.Length / (m * n);
                    var diagShape = Shape.Own([.. shape.Take(x.Rank - 2), len]);
                    if (kind == DiagKind.MatrixDiagPart)
                    {
                        var y = ctx.Output(0, diagShape).AsSpan<T>();
                        for (int b = 0; b < batches; b++)
                        {
                            for (int i = 0; i < len; i++)
                            {
                                y[(b * len) + i] = xs[(b * m * n) + (i * n) + i];
                            }
                        }
                    }
                    else
                    {
                        var d = ctx.Input(1);
                        if (!d.Shape.Equals(diagShape))
                        {
                            throw new InvalidArgumentException($"{op}: diagonal must have shape {diagShape}, got {d.Shape}");
                        }

                        var ds = d.AsSpan<T>();
                        var y = ctx.Output(0, shape).AsSpan<T>();
                        xs.CopyTo(y);
                        for (int b = 0; b < batches; b++)
                        {
                            for (int i = 0; i < len; i++)
                            {
                                y[(b * m * n) + (i * n) + i] = ds[(b * len) + i];
                            }
                        }
                    }

                    break;
                }
            }
        };
    }
}
