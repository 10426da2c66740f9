using StaticGraph.Autodiff;

namespace StaticGraph.Tests.Autodiff;

/// <summary>Runs one verification case: kernel output vs inference, analytic gradient vs central differences in
/// float64 (full Jacobian for small sizes, a random-direction VJP check otherwise), float32 vs float64 forward.</summary>
internal static class GradientVerification
{
    private const double Delta = 1e-5;
    private const double GradTolerance = 1e-6;
    private const double Float32Tolerance = 1e-4;
    private const int FullJacobianLimit = 400;

    public static double[][] DrawValues(Shape[] shapes, Domain[] domains, Random r)
    {
        int total = shapes.Sum(s => (int)s.NumElements);
        var pool = Enumerable.Range(0, total).Select(i => (i - (total / 2)) * 0.1).OrderBy(_ => r.Next()).ToArray();
        int next = 0;
        return shapes.Select((s, i) => Enumerable.Range(0, (int)s.NumElements).Select(_ =>
        {
            double u = r.NextDouble();
            double sign = r.Next(2) == 0 ? -1 : 1;
            return domains[i] switch
            {
                Domain.Positive => 0.5 + (1.5 * u),
                Domain.AwayFromZero => sign * (0.3 + (1.7 * u)),
                Domain.Large => sign * (2.5 + (0.5 * u)),
                Domain.Distinct => pool[next++] + 0.01,
                _ => (4 * u) - 2,
            };
        }).ToArray()).ToArray();
    }

    public static void Check(OpCase c, Draw draw, int seed)
    {
        try
        {
            CheckCore(c, draw, seed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{c.Op} failed for {draw}, value seed {seed}: {e.Message}", e);
        }
    }

    private static void CheckCore(OpCase c, Draw draw, int seed)
    {
        var values = DrawValues(draw.Shapes, c.Domains, new Random(seed));
        var y64 = Forward(c, draw, seed, values, DType.Float64, checkGradients: true);
        var y32 = Forward(c, draw, seed, values, DType.Float32, checkGradients: false);
        var a = y64.ToArray<double>();
        var b = y32.AsType(DType.Float64).ToArray<double>();
        for (int i = 0; i < a.Length; i++)
        {
            bool ok = (double.IsNaN(a[i]) && double.IsNaN(b[i])) || a[i] == b[i]
                || Math.Abs(a[i] - b[i]) <= Float32Tolerance * Math.Max(1, Math.Abs(a[i]));
            if (!ok)
            {
                throw new InvalidOperationException($"float32 kernel gives {b[i]} where float64 gives {a[i]} at {i}.");
            }
        }
    }

    private static NDArray Forward(OpCase c, Draw draw, int seed, double[][] values, DType dtype, bool checkGradients)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var xs = draw.Shapes.Select((s, i) => tf.placeholder(dtype, s, name: $"x{i}")).ToArray();
            var y = c.Build(xs, draw, new Random(seed));
            using var sess = new Session(g);
            var feed = new FeedDict();
            for (int i = 0; i < xs.Length; i++)
            {
                feed[xs[i]] = NDArray.FromArray(values[i], draw.Shapes[i].ToArray()).AsType(dtype);
            }

            var yv = sess.Run(y, feed);
            if (yv.DType != y.DType || !y.Shape.IsCompatibleWith(yv.Shape))
            {
                throw new InvalidOperationException($"the kernel produced {yv.DType} {yv.Shape} where inference said {y.DType} {y.Shape}.");
            }

            if (checkGradients)
            {
                using (sess.AsDefault())
                {
                    for (int i = 0; i < xs.Length; i++)
                    {
                        CheckGradient(sess, xs, i, y, yv.Shape, values, feed, new Random(seed + i));
                    }
                }
            }

            return yv;
        }
    }

    private static void CheckGradient(Session sess, Tensor[] xs, int i, Tensor y, Shape yShape, double[][] values, FeedDict feed, Random r)
    {
        var x = xs[i];
        var xShape = x.Shape;
        long nx = xShape.NumElements, ny = yShape.NumElements;
        if (nx * ny <= FullJacobianLimit)
        {
            var others = new FeedDict();
            for (int k = 0; k < xs.Length; k++)
            {
                if (k != i)
                {
                    others[xs[k]] = feed[xs[k]];
                }
            }

            var (theoretical, numerical) = GradientChecker.Compute(x, xShape, y, yShape,
                NDArray.FromArray(values[i], xShape.ToArray()), Delta, others);
            Compare(theoretical.ToArray<double>(), numerical.ToArray<double>(), $"Jacobian wrt input {i}");
            return;
        }

        // <u, J v> two ways: through the gradient graph, and by a central difference along v.
        var u = Enumerable.Range(0, (int)ny).Select(_ => r.NextDouble() - 0.5).ToArray();
        var v = Enumerable.Range(0, (int)nx).Select(_ => r.NextDouble() - 0.5).ToArray();
        var dy = tf.placeholder(y.DType, yShape);
        var dx = tf.gradients(y, x, grad_ys: dy)[0];
        feed[dy] = NDArray.FromArray(u, yShape.ToArray());
        double analytic = dx is null ? 0 : sess.Run(dx, feed).ToArray<double>().Zip(v, (p, q) => p * q).Sum();
        double Along(double step)
        {
            feed[x] = NDArray.FromArray(values[i].Zip(v, (p, q) => p + (step * q)).ToArray(), xShape.ToArray());
            return sess.Run(y, feed).ToArray<double>().Zip(u, (p, q) => p * q).Sum();
        }

        double numeric = (Along(Delta) - Along(-Delta)) / (2 * Delta);
        feed[x] = NDArray.FromArray(values[i], xShape.ToArray());
        Compare([analytic], [numeric], $"VJP wrt input {i}");
    }

    private static void Compare(double[] theoretical, double[] numerical, string what)
    {
        for (int k = 0; k < theoretical.Length; k++)
        {
            double t = theoretical[k], n = numerical[k];
            if (!(Math.Abs(t - n) <= GradTolerance * Math.Max(1, Math.Max(Math.Abs(t), Math.Abs(n)))))
            {
                throw new InvalidOperationException($"{what}: analytic {t} vs numeric {n} at entry {k}.");
            }
        }
    }
}
