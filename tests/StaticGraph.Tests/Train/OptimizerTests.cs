using FsCheck;
using FsCheck.Fluent;

namespace StaticGraph.Tests.Train;

/// <summary>Each optimizer against TF1's update formulas, written out here in plain double arithmetic, for two steps
/// of loss = Σ c·w (constant gradient c), plus TF1's slot names.</summary>
public class OptimizerTests
{
    private static readonly double[] W0 = [1.0, 2.0];
    private static readonly double[] C = [0.5, -1.0];

    /// <summary>Runs two Minimize steps of <paramref name="make"/> on w (float64) and returns w after each step and the
    /// optimizer's variables' names.</summary>
    private static (double[] Step1, double[] Step2, string[] Names) TwoSteps(Func<Optimizer> make)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.constant(W0), name: "w");
            var loss = tf.reduce_sum(w * tf.constant(C));
            var opt = make();
            var train = opt.Minimize(loss);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            sess.Run(train);
            var s1 = sess.Run(w).ToArray<double>();
            sess.Run(train);
            var s2 = sess.Run(w).ToArray<double>();
            var names = tf.global_variables().Select(v => v.Name).ToArray();
            return (s1, s2, names);
        }
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"entry {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void GradientDescent_subtracts_lr_times_grad()
    {
        var (s1, s2, names) = TwoSteps(() => tf.train.GradientDescentOptimizer(0.1));
        AssertClose([0.95, 2.1], s1);
        AssertClose([0.9, 2.2], s2);
        Assert.Equal(["w:0"], names);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Momentum_matches_TF1_formula(bool nesterov)
    {
        double lr = 0.1, mu = 0.9;
        var w = (double[])W0.Clone();
        var accum = new double[2];
        var expected = new List<double[]>();
        for (int step = 0; step < 2; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                accum[i] = (accum[i] * mu) + C[i];
                w[i] -= nesterov ? (lr * C[i]) + (lr * mu * accum[i]) : lr * accum[i];
            }

            expected.Add((double[])w.Clone());
        }

        var (s1, s2, names) = TwoSteps(() => tf.train.MomentumOptimizer(lr, mu, use_nesterov: nesterov));
        AssertClose(expected[0], s1);
        AssertClose(expected[1], s2);
        Assert.Equal(["w:0", "w/Momentum:0"], names);
    }

    [Fact]
    public void Adam_matches_TF1_formula_and_names()
    {
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var w = (double[])W0.Clone();
        double[] m = new double[2], v = new double[2];
        double p1 = b1, p2 = b2;
        var expected = new List<double[]>();
        for (int step = 0; step < 2; step++)
        {
            double lrT = lr * Math.Sqrt(1 - p2) / (1 - p1);
            for (int i = 0; i < 2; i++)
            {
                m[i] = (b1 * m[i]) + ((1 - b1) * C[i]);
                v[i] = (b2 * v[i]) + ((1 - b2) * C[i] * C[i]);
                w[i] -= lrT * m[i] / (Math.Sqrt(v[i]) + eps);
            }

            (p1, p2) = (p1 * b1, p2 * b2);
            expected.Add((double[])w.Clone());
        }

        var (s1, s2, names) = TwoSteps(() => tf.train.AdamOptimizer(lr));
        AssertClose(expected[0], s1);
        AssertClose(expected[1], s2);
        Assert.Equal(["w:0", "beta1_power:0", "beta2_power:0", "w/Adam:0", "w/Adam_1:0"], names);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ApplyGradientDescent_and_ApplyMomentum_update_every_element_of_a_long_variable(bool nesterov)
    {
        // 37 elements: the kernels' whole vectors and their scalar tail.
        const int n = 37;
        double lr = 0.05, mu = 0.9;
        var rng = new Random(6);
        double[] Draw() => [.. Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble()) - 1)];
        double[] w0 = Draw(), accum0 = Draw(), grad = Draw();
        var g = new Graph();
        using (g.AsDefault())
        {
            var (w, u, accum) = (tf.Variable(w0, name: "w"), tf.Variable(w0, name: "u"), tf.Variable(accum0, name: "accum"));
            var sgd = StaticGraph.Ops.TrainingOps.Update("ApplyGradientDescent", [w.Ref, tf.constant(lr), tf.constant(grad)], null);
            var momentum = StaticGraph.Ops.TrainingOps.Update("ApplyMomentum",
                [u.Ref, accum.Ref, tf.constant(lr), tf.constant(grad), tf.constant(mu)], null, ("use_nesterov", nesterov));
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            sess.Run(sgd);
            sess.Run(momentum);
            var (wv, uv, av) = (sess.Run(w).ToArray<double>(), sess.Run(u).ToArray<double>(), sess.Run(accum).ToArray<double>());
            for (int i = 0; i < n; i++)
            {
                double a = (accum0[i] * mu) + grad[i];
                Assert.Equal(w0[i] - (lr * grad[i]), wv[i], 12);
                Assert.Equal(a, av[i], 12);
                Assert.Equal(w0[i] - (nesterov ? (lr * grad[i]) + (lr * mu * a) : lr * a), uv[i], 12);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ApplyAdam_updates_every_element_of_a_long_variable_by_TF1s_formula(bool nesterov)
    {
        // 37 elements: the kernel's whole vectors and its scalar tail.
        const int n = 37;
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7, b1p = b1 * b1 * b1, b2p = b2 * b2 * b2;
        var rng = new Random(5);
        double[] Draw(double lo, double hi) => [.. Enumerable.Range(0, n).Select(_ => lo + ((hi - lo) * rng.NextDouble()))];
        double[] w0 = Draw(-1, 1), m0 = Draw(-0.5, 0.5), v0 = Draw(0, 0.25), grad = Draw(-2, 2);
        var g = new Graph();
        using (g.AsDefault())
        {
            var (w, m, v) = (tf.Variable(w0, name: "w"), tf.Variable(m0, name: "m"), tf.Variable(v0, name: "v"));
            var apply = StaticGraph.Ops.TrainingOps.Update("ApplyAdam",
                [w.Ref, m.Ref, v.Ref, tf.constant(b1p), tf.constant(b2p), tf.constant(lr), tf.constant(b1), tf.constant(b2), tf.constant(eps), tf.constant(grad)],
                null, ("use_nesterov", nesterov));
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            sess.Run(apply);
            double lrT = lr * Math.Sqrt(1 - b2p) / (1 - b1p);
            for (int i = 0; i < n; i++)
            {
                double mi = (b1 * m0[i]) + ((1 - b1) * grad[i]), vi = (b2 * v0[i]) + ((1 - b2) * grad[i] * grad[i]);
                double direction = nesterov ? (mi * b1) + ((1 - b1) * grad[i]) : mi;
                Assert.Equal(mi, sess.Run(m).ToArray<double>()[i], 12);
                Assert.Equal(vi, sess.Run(v).ToArray<double>()[i], 12);
                Assert.Equal(w0[i] - (lrT * direction / (Math.Sqrt(vi) + eps)), sess.Run(w).ToArray<double>()[i], 12);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RMSProp_matches_TF1_formula_and_names(bool centered)
    {
        double lr = 0.01, rho = 0.9, mu = 0.5, eps = 1e-10;
        var w = (double[])W0.Clone();
        double[] ms = [1, 1], mg = new double[2], mom = new double[2];
        var expected = new List<double[]>();
        for (int step = 0; step < 2; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                ms[i] = (rho * ms[i]) + ((1 - rho) * C[i] * C[i]);
                mg[i] = (rho * mg[i]) + ((1 - rho) * C[i]);
                double denom = centered ? ms[i] - (mg[i] * mg[i]) + eps : ms[i] + eps;
                mom[i] = (mu * mom[i]) + (lr * C[i] / Math.Sqrt(denom));
                w[i] -= mom[i];
            }

            expected.Add((double[])w.Clone());
        }

        var (s1, s2, names) = TwoSteps(() => tf.train.RMSPropOptimizer(lr, decay: rho, momentum: mu, epsilon: eps, centered: centered));
        AssertClose(expected[0], s1);
        AssertClose(expected[1], s2);
        Assert.Equal(centered ? ["w:0", "w/RMSProp:0", "w/RMSProp_1:0", "w/RMSProp_2:0"] : ["w:0", "w/RMSProp:0", "w/RMSProp_1:0"], names);
    }

    [Fact]
    public void Adagrad_matches_TF1_formula()
    {
        double lr = 0.1;
        var w = (double[])W0.Clone();
        double[] acc = [0.1, 0.1];
        var expected = new List<double[]>();
        for (int step = 0; step < 2; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                acc[i] += C[i] * C[i];
                w[i] -= lr * C[i] / Math.Sqrt(acc[i]);
            }

            expected.Add((double[])w.Clone());
        }

        var (s1, s2, names) = TwoSteps(() => tf.train.AdagradOptimizer(lr));
        AssertClose(expected[0], s1);
        AssertClose(expected[1], s2);
        Assert.Equal(["w:0", "w/Adagrad:0"], names);
    }

    [Fact]
    public void Adadelta_matches_TF1_formula()
    {
        double lr = 1.0, rho = 0.95, eps = 1e-6;
        var w = (double[])W0.Clone();
        double[] acc = new double[2], accUpdate = new double[2];
        var expected = new List<double[]>();
        for (int step = 0; step < 2; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                acc[i] = (rho * acc[i]) + ((1 - rho) * C[i] * C[i]);
                double update = Math.Sqrt(accUpdate[i] + eps) / Math.Sqrt(acc[i] + eps) * C[i];
                accUpdate[i] = (rho * accUpdate[i]) + ((1 - rho) * update * update);
                w[i] -= lr * update;
            }

            expected.Add((double[])w.Clone());
        }

        var (s1, s2, names) = TwoSteps(() => tf.train.AdadeltaOptimizer(lr, rho, eps));
        AssertClose(expected[0], s1);
        AssertClose(expected[1], s2);
        Assert.Equal(["w:0", "w/Adadelta:0", "w/Adadelta_1:0"], names);
    }

    [Fact]
    public void Ftrl_matches_TF1_formula()
    {
        double lr = 0.5, power = -0.5, l1 = 0.01, l2 = 0.02;
        var w = (double[])W0.Clone();
        double[] acc = [0.1, 0.1], linear = new double[2];
        var expected = new List<double[]>();
        for (int step = 0; step < 2; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                double accNew = acc[i] + (C[i] * C[i]);
                linear[i] += C[i] - ((Math.Pow(accNew, -power) - Math.Pow(acc[i], -power)) / lr * w[i]);
                double quadratic = (Math.Pow(accNew, -power) / lr) + (2 * l2);
                w[i] = Math.Abs(linear[i]) > l1 ? ((Math.Sign(linear[i]) * l1) - linear[i]) / quadratic : 0;
                acc[i] = accNew;
            }

            expected.Add((double[])w.Clone());
        }

        var (s1, s2, names) = TwoSteps(() => tf.train.FtrlOptimizer(lr, l1_regularization_strength: l1, l2_regularization_strength: l2));
        AssertClose(expected[0], s1);
        AssertClose(expected[1], s2);
        Assert.Equal(["w:0", "w/Ftrl:0", "w/Ftrl_1:0"], names);
    }

    [Fact]
    public void GetSlot_uses_TF1_logical_names()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var w = tf.Variable(tf.zeros([3]), name: "w");
            var opt = tf.train.AdamOptimizer();
            opt.Minimize(tf.reduce_sum(tf.square(w)));
            Assert.Equal("w/Adam:0", opt.GetSlot(w, "m")!.Name);
            Assert.Equal("w/Adam_1:0", opt.GetSlot(w, "v")!.Name);
            Assert.Null(opt.GetSlot(w, "momentum"));
        }
    }

    [Fact]
    public void Minimize_with_global_step_increments_it_exactly_once_per_run()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var step = tf.train.get_or_create_global_step();
            Assert.Equal("global_step:0", step.Name);
            Assert.Equal(tf.int64, step.DType);
            var w = tf.Variable(tf.ones([2]), name: "w");
            var train = tf.train.GradientDescentOptimizer(0.1).Minimize(tf.reduce_sum(tf.square(w)), global_step: step);
            Assert.Equal("GradientDescent", train.Name);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            for (int i = 1; i <= 5; i++)
            {
                sess.Run(train);
                Assert.Equal((long)i, (long)sess.Run(step));
            }
        }
    }

    [Fact]
    public void Learning_rate_may_be_a_decayed_tensor()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var step = tf.train.get_or_create_global_step();
            var lr = tf.train.exponential_decay(0.1, step, 1, 0.5, staircase: true);
            var w = tf.Variable(tf.constant(new[] { 0.0f }), name: "w");
            var train = tf.train.GradientDescentOptimizer(lr).Minimize(tf.reduce_sum(w * -1.0), global_step: step);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            sess.Run(train);  // lr 0.1
            sess.Run(train);  // lr 0.05
            Assert.Equal(0.15f, (float)sess.Run(w), 6);
        }
    }

    /// <summary>Optimizers on a convex quadratic decrease the loss at every step for small learning rates. FTRL is
    /// left out: its first step jumps to a point set by its accumulators, not near the initial value.</summary>
    [Fact]
    public void Optimizers_decrease_a_convex_quadratic_monotonically()
    {
        Func<Optimizer>[] makers =
        [
            () => tf.train.GradientDescentOptimizer(0.01),
            () => tf.train.MomentumOptimizer(0.005, 0.5),
            () => tf.train.MomentumOptimizer(0.005, 0.5, use_nesterov: true),
            () => tf.train.AdamOptimizer(0.005),
            () => tf.train.RMSPropOptimizer(0.001),
            () => tf.train.RMSPropOptimizer(0.001, centered: true),
            () => tf.train.AdagradOptimizer(0.01),
            () => tf.train.AdadeltaOptimizer(1.0),
        ];
        var gen = from n in Gen.Choose(1, 5)
                  from a in Gen.ArrayOf(Gen.Choose(5, 20), n)
                  from b in Gen.ArrayOf(Gen.Choose(-20, 20), n)
                  from k in Gen.Choose(0, makers.Length - 1)
                  select (a: a.Select(x => x / 10.0).ToArray(), b: b.Select(x => x / 10.0).ToArray(), k);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(gen), t =>
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                // w starts 1 away from the optimum in every coordinate, so 20 small steps cannot overshoot.
                var w = tf.Variable(tf.constant(t.b.Select(x => x + 1.0).ToArray()), name: "w");
                var loss = tf.reduce_sum(tf.constant(t.a) * tf.square(w - tf.constant(t.b)));
                var train = makers[t.k]().Minimize(loss);
                using var sess = new Session(g);
                sess.Run(tf.global_variables_initializer());
                double previous = (double)sess.Run(loss);
                for (int i = 0; i < 20; i++)
                {
                    sess.Run(train);
                    double current = (double)sess.Run(loss);
                    Assert.True(current < previous, $"optimizer {t.k}: step {i} raised the loss from {previous} to {current}");
                    previous = current;
                }
            }
        }));
    }
}
