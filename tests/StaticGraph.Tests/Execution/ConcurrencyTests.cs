namespace StaticGraph.Tests.Execution;

public class ConcurrencyTests
{
    private const int Threads = 8;

    // Runs body(t) on Threads threads released together; an exception on a worker fails the test instead of the
    // test host.
    private static void OnThreads(Action<int> body)
    {
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                body(t);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                errors.Enqueue(e);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (!errors.IsEmpty)
        {
            throw new AggregateException(errors);
        }
    }

    private static float[,] InputFor(int thread, int run) => new[,]
    {
        { thread - 3.5f, run * 0.01f, 1f },
        { (run % 7) - 3f, thread * 0.25f, -2f },
    };

    [Fact]
    public void Concurrent_runs_with_different_feeds_give_the_serial_results()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
            var W = tf.Variable(tf.constant(new[,] { { 0.5f, -1f, 2f, 0f }, { 1f, 1f, -0.5f, 3f }, { -2f, 0.25f, 1f, 1f } }), name: "W");
            var b = tf.Variable(tf.constant(new[] { 0.1f, -0.2f, 0.3f, 0f }), name: "b");
            var y = tf.nn.relu(tf.matmul(x, W) + b);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            const int runs = 200;

            var expected = new float[Threads, runs][];
            for (int t = 0; t < Threads; t++)
            {
                for (int r = 0; r < runs; r++)
                {
                    expected[t, r] = sess.Run(y, new FeedDict { [x] = InputFor(t, r) }).ToArray<float>();
                }
            }

            var actual = new float[Threads, runs][];
            OnThreads(t =>
            {
                for (int r = 0; r < runs; r++)
                {
                    actual[t, r] = sess.Run(y, new FeedDict { [x] = InputFor(t, r) }).ToArray<float>();
                }
            });

            for (int t = 0; t < Threads; t++)
            {
                for (int r = 0; r < runs; r++)
                {
                    Assert.Equal(expected[t, r], actual[t, r]);
                }
            }

            Assert.Equal(2, sess.PlansBuilt); // the initializer and y
        }
    }

    [Fact]
    public void Concurrent_runs_of_different_signatures_give_the_serial_results()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1], name: "x");
            var doubled = x * 2f;
            var sum = tf.reduce_sum(doubled);
            using var sess = new Session(g);
            var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
            Parallel.For(0, Threads * 50, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
            {
                var input = Enumerable.Range(0, (i % 5) + 1).Select(k => (float)(k + i)).ToArray();
                float want = input.Sum() * 2f;
                float got = i % 2 == 0
                    ? (float)sess.Run(sum, new FeedDict { [x] = input })
                    : sess.Run(doubled, new FeedDict { [x] = input }).ToArray<float>().Sum();
                if (got != want)
                {
                    errors.Add($"run {i}: {got} != {want}");
                }
            });
            Assert.Empty(errors);
            Assert.Equal(2, sess.PlansBuilt);
        }
    }

    [Fact]
    public void Concurrent_AssignAdd_on_one_variable_ends_at_the_exact_sum()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var counter = tf.Variable(tf.constant(0L), name: "counter");
            var vec = tf.Variable(tf.zeros([16]), name: "vec");
            var inc = counter.AssignAdd(tf.constant(1L));
            var step = tf.placeholder(tf.float32, [16], name: "step");
            var add = vec.AssignAdd(step);
            using var sess = new Session(g);
            sess.Run(tf.global_variables_initializer());
            const int runs = 100;
            var ones = Enumerable.Repeat(1f, 16).ToArray();
            OnThreads(_ =>
            {
                for (int r = 0; r < runs; r++)
                {
                    sess.Run(inc);
                    sess.Run(add, new FeedDict { [step] = ones });
                }
            });

            Assert.Equal((long)Threads * runs, (long)sess.Run(counter));
            Assert.All(sess.Run(vec).ToArray<float>(), v => Assert.Equal(Threads * runs, v));
        }
    }

    [Fact]
    public void Concurrent_runs_of_a_deeper_graph_give_the_serial_results()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 4], name: "x");
            var labels = tf.placeholder(tf.int64, [-1], name: "labels");
            var W = tf.Variable(tf.constant(new[,] { { 1f, -1f, 0.5f }, { 0.25f, 2f, -1f }, { -0.5f, 0f, 1f }, { 1f, 1f, 1f } }), name: "W");
            var logits = tf.matmul(x, W);
            var probs = tf.nn.softmax(logits);
            var mean = tf.reduce_mean(probs, axis: 0);
            var total = tf.reduce_sum(tf.square(logits - tf.reduce_max(logits, axis: 1, keepdims: true)));
            var accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), labels), tf.float32));
            using var sess = new Session(g);
            sess.Run(W.Initializer);
            const int runs = 100;

            FeedDict Feed(int t, int r)
            {
                int rows = 1 + ((t + r) % 5);
                var data = new float[rows, 4];
                var ys = new long[rows];
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        data[i, j] = MathF.Sin((t * 31) + (r * 7) + (i * 3) + j);
                    }

                    ys[i] = (t + i) % 3;
                }

                return new FeedDict { [x] = data, [labels] = ys };
            }

            var expected = new string[Threads, runs];
            for (int t = 0; t < Threads; t++)
            {
                for (int r = 0; r < runs; r++)
                {
                    var (p, m, s, a) = sess.Run((probs, mean, total, accuracy), Feed(t, r));
                    expected[t, r] = string.Join("|", p.ToArray<float>().Concat(m.ToArray<float>()).Append((float)s).Append((float)a));
                }
            }

            var actual = new string[Threads, runs];
            OnThreads(t =>
            {
                for (int r = 0; r < runs; r++)
                {
                    var (p, m, s, a) = sess.Run((probs, mean, total, accuracy), Feed(t, r));
                    actual[t, r] = string.Join("|", p.ToArray<float>().Concat(m.ToArray<float>()).Append((float)s).Append((float)a));
                }
            });

            for (int t = 0; t < Threads; t++)
            {
                for (int r = 0; r < runs; r++)
                {
                    Assert.Equal(expected[t, r], actual[t, r]);
                }
            }
        }
    }

    [Fact]
    public void Building_a_graph_from_several_threads_gives_unique_names()
    {
        var g = new Graph();
        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            using (g.AsDefault())
            {
                names.Add(tf.constant(1f).Op.Name);
            }
        });
        Assert.Equal(400, names.Distinct().Count());
        Assert.Equal(400, g.OperationCount);
    }
}
