using StaticGraph.Execution;
using StaticGraph.Ops;

namespace StaticGraph.Kernels;

/// <summary>d = f(x, y) over two spans.</summary>
internal delegate void BinaryVV<T, TOut>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<TOut> d);

/// <summary>d = f(x, y) with a scalar y.</summary>
internal delegate void BinaryVS<T, TOut>(ReadOnlySpan<T> x, T y, Span<TOut> d);

/// <summary>d = f(x, y) with a scalar x.</summary>
internal delegate void BinarySV<T, TOut>(T x, ReadOnlySpan<T> y, Span<TOut> d);

/// <summary>A binary numeric function given generically, so one definition serves every numeric dtype.</summary>
internal interface INumericBinary
{
    BinaryFn<T, T> Fn<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>;
}

/// <summary>A numeric comparison given generically.</summary>
internal interface INumericCompare
{
    BinaryFn<T, bool> Fn<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>;
}

/// <summary>A binary elementwise function in the three span forms the broadcast loop needs.</summary>
internal sealed record BinaryFn<T, TOut>(BinaryVV<T, TOut> VV, BinaryVS<T, TOut> VS, BinarySV<T, TOut> SV)
{
    /// <summary>Span loops around a scalar function (for ops TensorPrimitives lacks).</summary>
    public static BinaryFn<T, TOut> FromScalar(Func<T, T, TOut> f) => new(
        (x, y, d) =>
        {
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = f(x[i], y[i]);
            }
        },
        (x, y, d) =>
        {
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = f(x[i], y);
            }
        },
        (x, y, d) =>
        {
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = f(x, y[i]);
            }
        });

    /// <summary>A commutative function given its vector-vector and vector-scalar forms.</summary>
    public static BinaryFn<T, TOut> Commutative(BinaryVV<T, TOut> vv, BinaryVS<T, TOut> vs) => new(vv, vs, (x, y, d) => vs(y, x, d));
}

/// <summary>
/// numpy broadcasting for binary elementwise kernels. Dimensions are right-aligned; size-1 dimensions stretch.
/// Adjacent dimensions that broadcast the same way are merged, so the loop runs span functions over contiguous
/// rows (vector-vector, vector-scalar or scalar-vector) and computes offsets only once per row.
/// </summary>
internal static class Broadcast
{
    /// <summary>The broadcast result of two static shapes; null when they cannot broadcast.</summary>
    public static Shape? StaticShape(Shape a, Shape b)
    {
        if (!a.HasRank || !b.HasRank)
        {
            return Shape.Unknown;
        }

        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b[i - (rank - b.Rank)];
            int? d = (da, db) switch
            {
                (1, _) => db,
                (_, 1) => da,
                (-1, -1) => -1,
                (-1, _) => db,
                (_, -1) => da,
                _ when da == db => da,
                _ => null,
            };
            if (d is null)
            {
                return null;
            }

            dims[i] = d.Value;
        }

        return Shape.Own(dims);
    }

    /// <summary>Inference for binary elementwise ops: same dtype, broadcast shapes.</summary>
    public static TensorSpec[] Infer(InferContext ctx, DType? outDType = null)
    {
        ctx.ExpectInputs(2);
        var dtype = ctx.SameDType();
        var shape = StaticShape(ctx.Shape(0), ctx.Shape(1))
            ?? throw ctx.Error($"Dimensions must be equal or 1 to broadcast, but shapes are {ctx.Shape(0)} and {ctx.Shape(1)}");
        return InferContext.One(outDType ?? dtype, shape);
    }

    /// <summary>The broadcast result of two concrete shapes; throws InvalidArgument when incompatible.</summary>
    public static Shape RuntimeShape(Shape a, Shape b)
    {
        if (a.Equals(b))
        {
            return a;
        }

        var s = StaticShape(a, b);
        return s is not null && s.IsFullyDefined
            ? s
            : throw new InvalidArgumentException($"Incompatible shapes: {a} vs. {b}");
    }

    /// <summary>A broadcasting kernel for a numeric binary function, closed over the input dtype at bind time.</summary>
    public static KernelFactory Numeric(INumericBinary op) => b => Dispatch.Numeric(b, b.InputDType(0), new Bind<INumericBinary>(op, false));

    /// <summary>A broadcasting kernel for a numeric comparison with a bool output.</summary>
    public static KernelFactory Compare(INumericCompare op) => b => Dispatch.Numeric(b, b.InputDType(0), new Bind<INumericCompare>(op, true));

    /// <summary>Binds a broadcast kernel for one dtype.</summary>
    public static Kernel Kernel<T, TOut>(BinaryFn<T, TOut> f) => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Input(1);
        var d = x.Shape.Equals(y.Shape) ? ctx.Output(0, x.Shape) : ctx.OutputDims(0, RuntimeDims(x.Shape, y.Shape, stackalloc int[Math.Max(x.Rank, y.Rank)]));
        Apply(f, x.Shape, x.AsSpan<T>(), y.Shape, y.AsSpan<T>(), d.Shape, d.AsSpan<TOut>());
    };

    /// <summary>The broadcast dimensions of two concrete shapes written into <paramref name="dims"/> (no allocation);
    /// throws InvalidArgument when incompatible.</summary>
    public static ReadOnlySpan<int> RuntimeDims(Shape a, Shape b, Span<int> dims)
    {
        int rank = dims.Length;
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b[i - (rank - b.Rank)];
            dims[i] = da == db || db == 1 ? da : da == 1 ? db : throw new InvalidArgumentException($"Incompatible shapes: {a} vs. {b}");
        }

        return dims;
    }

    private sealed class Bind<TOp>(TOp op, bool compare) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T> => compare
            ? Kernel(((INumericCompare)op!).Fn<T>())
            : Kernel(((INumericBinary)op!).Fn<T>());
    }

    /// <summary>Applies <paramref name="f"/> over broadcast operands into <paramref name="d"/> of shape
    /// <paramref name="ds"/>.</summary>
    public static void Apply<T, TOut>(BinaryFn<T, TOut> f, Shape xs, ReadOnlySpan<T> x, Shape ys, ReadOnlySpan<T> y, Shape ds, Span<TOut> d)
    {
        if (d.Length == 0)
        {
            return;
        }

        if (x.Length == d.Length && y.Length == d.Length)
        {
            f.VV(x, y, d);
            return;
        }

        if (y.Length == 1 && x.Length == d.Length)
        {
            f.VS(x, y[0], d);
            return;
        }

        if (x.Length == 1 && y.Length == d.Length)
        {
            f.SV(x[0], y, d);
            return;
        }

        Span<int> buffer = stackalloc int[3 * Math.Max(1, ds.Rank)];
        int k = Collapse(xs, ys, ds, buffer);
        var dims = buffer[..k];
        var xStrides = buffer.Slice(k, k);
        var yStrides = buffer.Slice(2 * k, k);
        int n = dims[k - 1];
        bool xRow = xStrides[k - 1] != 0;
        bool yRow = yStrides[k - 1] != 0;
        int rows = d.Length / n;
        Span<int> index = stackalloc int[k];
        int xo = 0, yo = 0;
        for (int r = 0; r < rows; r++)
        {
            var dst = d.Slice(r * n, n);
            if (xRow && yRow)
            {
                f.VV(x.Slice(xo, n), y.Slice(yo, n), dst);
            }
            else if (xRow)
            {
                f.VS(x.Slice(xo, n), y[yo], dst);
            }
            else if (yRow)
            {
                f.SV(x[xo], y.Slice(yo, n), dst);
            }
            else
            {
                f.VS(x.Slice(xo, 1), y[yo], dst[..1]);
                dst.Fill(dst[0]);
            }

            // Odometer over the outer dimensions.
            for (int a = k - 2; a >= 0; a--)
            {
                index[a]++;
                xo += xStrides[a];
                yo += yStrides[a];
                if (index[a] < dims[a])
                {
                    break;
                }

                xo -= xStrides[a] * dims[a];
                yo -= yStrides[a] * dims[a];
                index[a] = 0;
            }
        }
    }

    /// <summary>Right-aligns both shapes to the output, drops size-1 output dimensions, and merges neighbours that
    /// broadcast alike; strides are 0 along broadcast dimensions. Writes k dims, then k x-strides, then k y-strides
    /// into <paramref name="buffer"/> (3·rank long, on the caller's stack) and returns k.</summary>
    internal static int Collapse(Shape xs, Shape ys, Shape ds, Span<int> buffer)
    {
        int rank = ds.Rank;
        Span<bool> xFull = stackalloc bool[Math.Max(1, rank)];
        Span<bool> yFull = stackalloc bool[Math.Max(1, rank)];
        int k = 0;
        for (int i = 0; i < rank; i++)
        {
            int dd = ds[i];
            if (dd == 1)
            {
                continue;
            }

            int xi = i - (rank - xs.Rank);
            int yi = i - (rank - ys.Rank);
            bool xf = xi >= 0 && xs[xi] == dd;
            bool yf = yi >= 0 && ys[yi] == dd;
            if (k > 0 && xFull[k - 1] == xf && yFull[k - 1] == yf)
            {
                buffer[k - 1] *= dd;
            }
            else
            {
                buffer[k] = dd;
                xFull[k] = xf;
                yFull[k] = yf;
                k++;
            }
        }

        if (k == 0)
        {
            buffer[0] = 1;
            xFull[0] = yFull[0] = true;
            k = 1;
        }

        // Move the merged dims' strides into place behind them (dims occupy [0, k)).
        int xs1 = 1, ys1 = 1;
        for (int i = k - 1; i >= 0; i--)
        {
            buffer[k + i] = xFull[i] ? xs1 : 0;
            buffer[(2 * k) + i] = yFull[i] ? ys1 : 0;
            if (xFull[i])
            {
                xs1 *= buffer[i];
            }

            if (yFull[i])
            {
                ys1 *= buffer[i];
            }
        }

        return k;
    }
}
