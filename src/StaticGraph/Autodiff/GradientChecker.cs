namespace StaticGraph.Autodiff;

/// <summary>
/// TF1's gradient checker (<c>tf.test.compute_gradient</c>): the Jacobian of y with respect to x computed twice,
/// from the gradient graph (one backward run per element of y, seeded with a one-hot grad_ys) and by central
/// differences (two forward runs per element of x), both laid out as [size of x, size of y] in float64.
/// </summary>
internal static class GradientChecker
{
    public static (NDArray Theoretical, NDArray Numerical) Compute(Tensor x, Shape xShape, Tensor y, Shape yShape,
        NDArray? xInit, double delta, FeedDict? extraFeed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!xShape.IsFullyDefined || !yShape.IsFullyDefined)
        {
            throw new ArgumentException($"compute_gradient needs fully defined shapes, got x {xShape} and y {yShape}.");
        }

        var x0 = (xInit ?? RandomInit(xShape)).AsType(DType.Float64);
        if (!x0.Shape.Equals(xShape))
        {
            throw new ArgumentException($"x_init_value has shape {x0.Shape} but x_shape is {xShape}.", nameof(xInit));
        }

        var session = Session.Default is Session s && s.Graph == x.Graph ? s : null;
        using var owned = session is null ? new Session(x.Graph) : null;
        var sess = session ?? owned!;
        int nx = checked((int)xShape.NumElements), ny = checked((int)yShape.NumElements);

        var theoretical = NDArray.Zeros(DType.Float64, [nx, ny]);
        var dy = Ops.ArrayOps.Placeholder(y.DType, yShape, "compute_gradient_dy");
        var dx = Gradients.Compute([y], [x], [dy], null, UnconnectedGradients.Zero, "gradients")[0]!;
        var t = theoretical.AsSpan<double>();
        var oneHot = new double[ny];
        for (int j = 0; j < ny; j++)
        {
            Array.Clear(oneHot);
            oneHot[j] = 1;
            var feed = Feed(extraFeed, x, x0);
            feed[dy] = NDArray.FromArray(oneHot, yShape.ToArray()).AsType(y.DType);
            var column = sess.Run(dx, feed).AsType(DType.Float64).AsSpan<double>();
            for (int i = 0; i < nx; i++)
            {
                t[(i * ny) + j] = column[i];
            }
        }

        var numerical = NDArray.Zeros(DType.Float64, [nx, ny]);
        var n = numerical.AsSpan<double>();
        for (int i = 0; i < nx; i++)
        {
            var plus = Shifted(x0, i, delta);
            var minus = Shifted(x0, i, -delta);
            var yPlus = sess.Run(y, Feed(extraFeed, x, plus)).AsType(DType.Float64).ToArray<double>();
            var yMinus = sess.Run(y, Feed(extraFeed, x, minus)).AsType(DType.Float64).ToArray<double>();
            for (int j = 0; j < ny; j++)
            {
                n[(i * ny) + j] = (yPlus[j] - yMinus[j]) / (2 * delta);
            }
        }

        return (theoretical, numerical);
    }

    /// <summary>The largest absolute difference between the two Jacobians.</summary>
    public static double Error(Tensor x, Shape xShape, Tensor y, Shape yShape, NDArray? xInit, double delta)
    {
        var (theoretical, numerical) = Compute(x, xShape, y, yShape, xInit, delta);
        var a = theoretical.AsSpan<double>();
        var b = numerical.AsSpan<double>();
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = Math.Abs(a[i] - b[i]);
            max = double.IsNaN(d) ? double.NaN : Math.Max(max, d);
            if (double.IsNaN(max))
            {
                break;
            }
        }

        return max;
    }

    private static FeedDict Feed(FeedDict? extra, Tensor x, NDArray value)
    {
        var feed = new FeedDict();
        if (extra is not null)
        {
            foreach (var (k, v) in extra)
            {
                if (k is Tensor t)
                {
                    feed[t] = v;
                }
                else
                {
                    feed[(string)k] = v;
                }
            }
        }

        feed[x] = value.AsType(x.DType);
        return feed;
    }

    private static NDArray Shifted(NDArray x0, int i, double delta)
    {
        var copy = x0.Clone();
        copy.AsSpan<double>()[i] += delta;
        return copy;
    }

    // TF1's default x_init_value: uniform samples in [0, 1).
    private static NDArray RandomInit(Shape shape)
    {
        var values = new double[shape.NumElements];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Random.Shared.NextDouble();
        }

        return NDArray.FromArray(values, shape.ToArray());
    }
}
