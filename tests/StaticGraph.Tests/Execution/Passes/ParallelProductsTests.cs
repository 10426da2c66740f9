using StaticGraph.Execution;
using StaticGraph.Execution.Passes;

namespace StaticGraph.Tests.Execution.Passes;

/// <summary><see cref="ParallelProducts"/>: which products pair, which moves are refused, and that paired plans
/// give the one-thread plan's results bit for bit (each product runs on one thread either way).</summary>
public class ParallelProductsTests
{
    private static Plan Compile(Graph g, Tensor[] fetches, Tensor[] feeds, int threads) =>
        Compiler.Compile(g, fetches, [], feeds, new SessionState { IntraOpThreads = threads });

    private static NDArray Random(int seed, params int[] shape)
    {
        var r = new Random(seed);
        return NDArray.FromArray(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray(), shape);
    }

    [Fact]
    public void Two_independent_products_pair_with_the_steps_the_second_needs_and_match_one_thread()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (dy, w, x) = (tf.placeholder(tf.float32, [64, 512]), tf.placeholder(tf.float32, [160, 512]), tf.placeholder(tf.float32, [64, 160]));
            var dx = tf.matmul(dy, w, transpose_b: true);          // [64, 160]
            var xs = tf.tanh(x);                                     // needed only by the second product: moves up
            var dw = tf.matmul(xs, dy, transpose_a: true);          // [160, 512]
            var y = tf.reduce_sum(dx) + tf.reduce_sum(dw);
            var plan = Compile(g, [y], [dy, w, x], threads: 2);
            if (Environment.ProcessorCount > 1)
            {
                var pair = Assert.Single(plan.Steps, s => s.Parts is not null);
                Assert.Equal(["MatMul", "MatMul"], pair.Parts!.Select(p => p.Op.Type));
            }

            var feed = new FeedDict { [dy] = Random(1, 64, 512), [w] = Random(2, 160, 512), [x] = Random(3, 64, 160) };
            using var one = new Session(g, new ConfigProto { IntraOpParallelismThreads = 1 });
            using var two = new Session(g, new ConfigProto { IntraOpParallelismThreads = 2 });
            Assert.Equal(one.Run([dx, dw], feed).Select(v => v.ToArray<float>()), two.Run([dx, dw], feed).Select(v => v.ToArray<float>()));
            Assert.DoesNotContain(Compile(g, [y], [dy, w, x], threads: 1).Steps, s => s.Parts is not null);
        }
    }

    [Fact]
    public void A_product_that_needs_the_other_or_a_random_draw_between_them_does_not_pair()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (a, b) = (tf.placeholder(tf.float32, [64, 64]), tf.placeholder(tf.float32, [64, 64]));
            var first = tf.matmul(a, b);
            var chained = tf.matmul(first, b);                              // needs the first
            var noise = tf.random_normal([64, 64], seed: 1);
            var drawn = tf.matmul(a, noise * 2f);                            // would move a random draw
            var plan = Compile(g, [chained, drawn], [a, b], threads: 2);
            Assert.DoesNotContain(plan.Steps, s => s.Parts is not null);
        }
    }

    // A variable update between the products, or a control dependency of the second on a step between them, pins
    // the second product where it is.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_stateful_step_or_a_control_dependency_between_the_products_keeps_them_apart(bool control)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (a, b) = (tf.placeholder(tf.float32, [128, 128]), tf.placeholder(tf.float32, [128, 128]));
            var w = tf.Variable(tf.ones([128, 128]), name: "w");
            var p1 = tf.matmul(a, b);
            Tensor p2;
            Operation between;
            if (control)
            {
                var marker = tf.reduce_sum(a);
                between = marker.Op;
                using (tf.control_dependencies([marker]))
                {
                    p2 = tf.matmul(b, a);
                }
            }
            else
            {
                between = w.AssignAdd(tf.ones([128, 128]));
                p2 = tf.matmul(b, w);
            }

            var plan = Compiler.Compile(g, [p1, p2], [between], [a, b], new SessionState { IntraOpThreads = 2 });
            Assert.DoesNotContain(plan.Steps, s => s.Parts is not null);
        }
    }

    // The second product accumulates in place into u (u + a·b, the product folded into its sum), and a step between
    // the products still reads u: moving the product up would let it overwrite u before that read, so it stays.
    [Fact]
    public void A_product_writing_in_place_over_a_value_read_between_them_does_not_move()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (a, b, x) = (tf.placeholder(tf.float32, [128, 128]), tf.placeholder(tf.float32, [128, 128]), tf.placeholder(tf.float32, [128, 128]));
            var u = x * 2f;
            var p1 = tf.matmul(a, b);
            var reader = tf.reduce_sum(u * 3f);
            var p2 = tf.add_n([u, tf.matmul(b, a)]);
            var fetches = new[] { p1, reader, p2 };
            var plan = Compile(g, fetches, [a, b, x], threads: 2);
            Assert.DoesNotContain(plan.Steps, s => s.Parts is not null);

            var feed = new FeedDict { [a] = Random(4, 128, 128), [b] = Random(5, 128, 128), [x] = Random(6, 128, 128) };
            using var one = new Session(g, new ConfigProto { IntraOpParallelismThreads = 1 });
            using var two = new Session(g, new ConfigProto { IntraOpParallelismThreads = 2 });
            Assert.Equal(one.Run(fetches, feed).Select(v => v.ToArray<float>()), two.Run(fetches, feed).Select(v => v.ToArray<float>()));
        }
    }

    // The LSTM case: dynamic_rnn's gradient loop pairs each iteration's input and weight gradients; two threads give
    // the one-thread gradients bit for bit.
    [Fact]
    public void Dynamic_rnn_gradients_with_paired_products_match_one_thread()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.set_random_seed(3);
            var x = tf.placeholder(tf.float32, [32, 6, 40]);
            var cell = tf.nn.rnn_cell.BasicLSTMCell(128);
            var (outputs, _) = tf.nn.dynamic_rnn(cell, x, dtype: tf.float32);
            var loss = tf.reduce_sum(tf.square(outputs));
            var grads = tf.gradients(loss, [x, .. tf.trainable_variables().Select(v => (Tensor)v)]);
            var feed = new FeedDict { [x] = Random(7, 32, 6, 40) };
            float[][] Run(int threads)
            {
                using var sess = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
                sess.Run(tf.global_variables_initializer());
                return [.. sess.Run([.. grads.Select(t => t!)], feed).Select(v => v.ToArray<float>())];
            }

            Assert.Equal(Run(1), Run(2));
        }
    }
}
