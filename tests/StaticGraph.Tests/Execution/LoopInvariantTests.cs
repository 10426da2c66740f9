using StaticGraph.Kernels;

namespace StaticGraph.Tests.Execution;

/// <summary>
/// A While body's pass-through loop variables (a recurrent weight captured by the loop) are invariant for one call:
/// a MatMul packs such a B once per loop and reuses the panels (<see cref="PackedB{T}"/>). These tests change the
/// weight between runs, in place and by reassignment, and carry a weight that does change per iteration, checking
/// every result against a loop written out in C#.
/// </summary>
public class LoopInvariantTests
{
    private const int Batch = 3, Units = 37, Steps = 5; // 37 columns: two panels, the second one mostly padding

    private static float[] Values(int count, int seed)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)((r.NextDouble() - 0.5) * 0.6))];
    }

    // h <- tanh(h · W) Steps times, or with W <- W · decay after each step when decay is given.
    private static float[] Reference(float[] h0, float[] w, float? decay = null)
    {
        var (h, wt) = ((float[])h0.Clone(), (float[])w.Clone());
        for (int s = 0; s < Steps; s++)
        {
            var next = new float[h.Length];
            for (int i = 0; i < Batch; i++)
            {
                for (int j = 0; j < Units; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < Units; p++)
                    {
                        sum += h[(i * Units) + p] * wt[(p * Units) + j];
                    }

                    next[(i * Units) + j] = (float)Math.Tanh(sum);
                }
            }

            h = next;
            if (decay is { } d)
            {
                wt = [.. wt.Select(x => x * d)];
            }
        }

        return h;
    }

    private static void Near(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"element {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void A_captured_weight_changed_between_runs_is_repacked_for_each_loop()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var h0 = tf.placeholder(tf.float32, [Batch, Units]);
            var w = tf.Variable(tf.constant(NDArray.FromArray(Values(Units * Units, 1), Units, Units)), name: "w");
            var r = tf.while_loop(v => v[0] < Steps, v => [v[0] + 1, tf.tanh(tf.matmul(v[1], w))], [tf.constant(0), h0]);
            var bump = w.AssignAdd(tf.constant(NDArray.FromArray(Values(Units * Units, 2), Units, Units)));
            var replace = w.Assign(tf.constant(NDArray.FromArray(Values(Units * Units, 3), Units, Units)));
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            var h = Values(Batch * Units, 4);
            var feed = new FeedDict { [h0] = NDArray.FromArray(h, Batch, Units) };
            foreach (var change in new Operation?[] { null, bump, replace, bump })
            {
                if (change is not null)
                {
                    sess.Run(change);
                }

                var weight = sess.Run((Tensor)w).ToArray<float>();
                Near(Reference(h, weight), sess.Run(r[1], feed).ToArray<float>());
                Near(Reference(h, weight), sess.Run(r[1], feed).ToArray<float>()); // a second loop over the same weight
            }
        }
    }

    [Fact]
    public void A_weight_carried_and_changed_by_the_loop_is_never_taken_for_invariant()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var h0 = tf.placeholder(tf.float32, [Batch, Units]);
            var w0 = tf.placeholder(tf.float32, [Units, Units]);
            var r = tf.while_loop(v => v[0] < Steps, v => [v[0] + 1, tf.tanh(tf.matmul(v[1], v[2])), v[2] * 0.5f],
                [tf.constant(0), h0, w0]);
            var (h, w) = (Values(Batch * Units, 5), Values(Units * Units, 6));
            using var sess = new Session(g);
            var got = sess.Run(r[1], new FeedDict { [h0] = NDArray.FromArray(h, Batch, Units), [w0] = NDArray.FromArray(w, Units, Units) });
            Near(Reference(h, w, decay: 0.5f), got.ToArray<float>());
        }
    }
}
