using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Autodiff;

namespace StaticGraph.Tests.Autodiff;

/// <summary>Whole-graph properties of tf.gradients: random DAGs with shared subexpressions, linearity, sums,
/// dtypes and shapes, and second-order derivatives against closed forms.</summary>
public class GradientPropertyTests
{
    private static readonly string[] DagOps = ["Add", "Sub", "Mul", "MatMul", "Tanh", "Sigmoid", "Square", "Neg"];

    /// <summary>A node of a random program: an op and the indices of its operands among earlier nodes.</summary>
    public sealed record DagNode(int Op, int A, int B);

    private static Gen<DagNode[]> Programs =>
        from n in Gen.Choose(1, 8)
        from nodes in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, DagOps.Length - 1), Gen.Zip(Gen.Choose(0, 1000), Gen.Choose(0, 1000))), n)
        select nodes.Select((t, i) => new DagNode(t.Item1, t.Item2.Item1 % (i + 2), t.Item2.Item2 % (i + 2))).ToArray();

    private static Tensor Apply(DagNode node, List<Tensor> values)
    {
        var (a, b) = (values[node.A], values[node.B]);
        return DagOps[node.Op] switch
        {
            "Add" => a + b,
            "Sub" => a - b,
            "Mul" => a * b,
            "MatMul" => tf.matmul(a, b),
            "Tanh" => tf.tanh(a),
            "Sigmoid" => tf.sigmoid(a),
            "Square" => tf.square(a),
            _ => -a,
        };
    }

    [Fact]
    public void Random_DAGs_with_shared_subexpressions_match_finite_differences()
    {
        var cases = from program in Programs from seed in Gen.Choose(0, int.MaxValue) select (program, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(cases), t =>
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var x1 = tf.placeholder(tf.float64, [2, 2]);
                var x2 = tf.placeholder(tf.float64, [2, 2]);
                var values = new List<Tensor> { x1, x2 };
                foreach (var node in t.program)
                {
                    values.Add(Apply(node, values));
                }

                // Every node feeds the output, so each intermediate has several consumers.
                var y = tf.add_n(values.Skip(2).Select(v => tf.reduce_sum(v)).ToArray());
                var r = new Random(t.seed);
                NDArray Draw() => NDArray.FromArray(Enumerable.Range(0, 4).Select(_ => (r.NextDouble() * 2) - 1).ToArray(), 2, 2);
                var (v1, v2) = (Draw(), Draw());
                using var sess = new Session(g);
                using (sess.AsDefault())
                {
                    foreach (var (x, v, other, ov) in new[] { (x1, v1, x2, v2), (x2, v2, x1, v1) })
                    {
                        var (theoretical, numerical) = GradientChecker.Compute(x, [2, 2], y, [], v, 1e-6, new FeedDict { [other] = ov });
                        var (a, b) = (theoretical.ToArray<double>(), numerical.ToArray<double>());
                        for (int i = 0; i < a.Length; i++)
                        {
                            Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5 * Math.Max(1, Math.Abs(b[i])),
                                $"program [{string.Join(", ", t.program.Select(p => $"{DagOps[p.Op]}({p.A},{p.B})"))}] seed {t.seed}: {a[i]} vs {b[i]}");
                        }
                    }
                }
            }
        }));
    }

    [Fact]
    public void Gradients_are_linear_in_grad_ys_and_additive_over_ys()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [3]);
            var y1 = tf.tanh(x) * tf.square(x);
            var y2 = tf.exp(x) * x;
            var u = tf.constant(new[] { 1.0, -2.0, 0.5 });
            var v = tf.constant(new[] { 3.0, 1.0, -1.0 });
            var combined = tf.gradients(y1, x, grad_ys: (u * 2) + (v * 3))[0]!;
            var separate = (tf.gradients(y1, x, grad_ys: u)[0]! * 2) + (tf.gradients(y1, x, grad_ys: v)[0]! * 3);
            var ofSum = tf.gradients(y1 + y2, x)[0]!;
            var sumOf = tf.gradients(y1, x)[0]! + tf.gradients(y2, x)[0]!;
            var listed = tf.gradients([y1, y2], [x])[0]!;
            using var sess = new Session(g);
            var feed = new FeedDict { [x] = new[] { 0.3, -0.7, 1.1 } };
            AssertClose(sess.Run(combined, feed), sess.Run(separate, feed));
            AssertClose(sess.Run(ofSum, feed), sess.Run(sumOf, feed));
            AssertClose(sess.Run(listed, feed), sess.Run(sumOf, feed));
        }
    }

    [Fact]
    public void Gradients_have_the_dtype_and_shape_of_xs()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.ones([3, 2]), name: "w");
            var b = tf.Variable(tf.zeros([2]), name: "b");
            var x = tf.placeholder(tf.float32, [-1, 3]);
            var loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b));
            var grads = tf.gradients(loss, [w, b]);
            Assert.Equal(tf.float32, grads[0]!.DType);
            Assert.Equal(new Shape(3, 2), grads[0]!.Shape);
            Assert.Equal(new Shape(2), grads[1]!.Shape);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            var db = sess.Run(grads[1]!, new FeedDict { [x] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } } });
            Assert.Equal(new Shape(2), db.Shape);
        }
    }

    [Fact]
    public void Prod_gradient_is_exact_with_zeros()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [2, 3]);
            var dx = tf.gradients(tf.reduce_prod(x, 1), x)[0]!;
            using var sess = new Session(g);
            var got = sess.Run(dx, new FeedDict { [x] = new double[,] { { 2, 0, 3 }, { 0, 5, 0 } } }).ToArray<double>();
            // Row 1 has one zero: only the zero's partial (2 * 3) survives. Row 2 has two zeros: all partials are 0.
            Assert.Equal(new double[] { 0, 6, 0, 0, 0, 0 }, got);
        }
    }

    [Fact]
    public void Second_derivatives_of_tanh_and_sigmoid_match_closed_forms()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float64, [5]);
            var tanh2 = tf.gradients(tf.gradients(tf.tanh(x), x)[0]!, x)[0]!;
            var sigmoid2 = tf.gradients(tf.gradients(tf.sigmoid(x), x)[0]!, x)[0]!;
            var cube2 = tf.gradients(tf.gradients(x * x * x, x)[0]!, x)[0]!;
            var points = new[] { -2.0, -0.5, 0.0, 0.7, 1.9 };
            using var sess = new Session(g);
            var feed = new FeedDict { [x] = points };
            var (t2, s2, c2) = sess.Run((tanh2, sigmoid2, cube2), feed);
            for (int i = 0; i < points.Length; i++)
            {
                double p = points[i], t = Math.Tanh(p), s = 1 / (1 + Math.Exp(-p));
                Assert.Equal(-2 * t * (1 - (t * t)), t2.ToArray<double>()[i], 12);  // d²/dx² tanh = -2 tanh (1 - tanh²)
                Assert.Equal(s * (1 - s) * (1 - (2 * s)), s2.ToArray<double>()[i], 12); // d²/dx² σ = σ(1-σ)(1-2σ)
                Assert.Equal(6 * p, c2.ToArray<double>()[i], 12);                      // d²/dx² x³ = 6x
            }
        }
    }

    private static void AssertClose(NDArray expected, NDArray actual)
    {
        var (a, b) = (expected.ToArray<double>(), actual.ToArray<double>());
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(a[i], b[i], 10);
        }
    }
}
