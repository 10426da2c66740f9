namespace StaticGraph.Tests.Execution;

/// <summary>Programs written exactly as API.md's examples, restricted to the Foundation ops, compile and compute the
/// right numbers.</summary>
public class ApiContractTests
{
    // A batch of one-hot rows: row i is hot at 3 * i, so with W[k, k % 10] = 1 its logits are hot at (3 * i) % 10.
    private static (float[,] X, long[] Y) Batch(int rows, Func<int, long> label)
    {
        var x = new float[rows, 784];
        var y = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i, 3 * i] = 1f;
            y[i] = label(i);
        }

        return (x, y);
    }

    private static float[,] PermutationWeights()
    {
        var w = new float[784, 10];
        for (int k = 0; k < 784; k++)
        {
            w[k, k % 10] = 1f;
        }

        return w;
    }

    [Fact]
    public void The_API_md_model_builds_and_evaluates_with_the_documented_spellings()
    {
        var g = tf.Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 784], name: "x");   // -1 == None
            var y_ = tf.placeholder(tf.int64, [-1]);
            var W = tf.Variable(tf.zeros([784, 10]), name: "W");
            var b = tf.Variable(tf.zeros([10]), name: "b");
            var logits = tf.matmul(x, W) + b;
            var loss = tf.reduce_mean(logits);
            var train_op = b.AssignAdd(tf.ones([10]) * 0.5);
            var correct = tf.equal(tf.argmax(logits, 1), y_);
            var accuracy = tf.reduce_mean(tf.cast(correct, tf.float32));

            Assert.Equal(new Shape(-1, 784), x.Shape);
            Assert.Equal(10, logits.Shape[-1]);
            Assert.Equal(-1, logits.Shape[0]);
            Assert.Equal(tf.@bool, correct.DType);
            Assert.Equal("x:0", x.Name);
            Assert.Equal("W:0", W.Name);
            Assert.Equal(Shape.Scalar, accuracy.Shape);

            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            sess.Run(W.Assign(tf.constant(PermutationWeights())));

            var (bx, by) = Batch(4, i => new long[] { 0, 3, 5, 9 }[i]);   // predictions 0, 3, 6, 9
            var feed = new FeedDict { [x] = bx, [y_] = by };

            float acc = (float)sess.Run(accuracy, feed);
            Assert.Equal(0.75f, acc);

            NDArray[] many = sess.Run([loss, accuracy], feed);
            Assert.Equal(0.1f, (float)many[0], 6);
            Assert.Equal(0.75f, (float)many[1]);

            var (lossValue, accValue) = sess.Run((loss, accuracy), feed);
            Assert.Equal(0.1f, (float)lossValue, 6);
            Assert.Equal(0.75f, (float)accValue);

            for (int step = 0; step < 2; step++)
            {
                var (stepLoss, _) = sess.Run((loss, train_op), feed);
                Assert.True(stepLoss.Shape.Rank == 0);
            }

            sess.Run(train_op, feed);                                       // an Operation as a target
            Assert.Equal(new float[10].Select(_ => 1.5f), sess.Run(b).ToArray<float>());
            Assert.Equal(1.6f, (float)sess.Run(loss, feed), 5);
            Assert.Equal(0.75f, (float)sess.Run(accuracy, feed));          // a uniform bias keeps the argmax
        }
    }

    [Fact]
    public void Argmax_is_int64_and_compares_with_int64_labels()
    {
        var g = tf.Graph();
        using (g.AsDefault())
        {
            var logits = tf.constant(new[,] { { 0.1f, 0.9f, 0.0f }, { 2f, 1f, 0f }, { 0f, 0f, 3f } });
            var labels = tf.placeholder(tf.int64, [-1], name: "labels");
            var predicted = tf.argmax(logits, 1);
            var accuracy = tf.reduce_mean(tf.cast(tf.equal(predicted, labels), tf.float32));
            Assert.Equal(tf.int64, predicted.DType);
            using var sess = tf.Session();
            var (p, a) = sess.Run((predicted, accuracy), new FeedDict { [labels] = new[] { 1L, 0L, 1L } });
            Assert.Equal(new[] { 1L, 0L, 2L }, p.ToArray<long>());
            Assert.Equal(2f / 3f, (float)a, 6);
        }
    }

    [Fact]
    public void Operators_mix_scalars_with_tensors_in_the_tensor_dtype()
    {
        var g = tf.Graph();
        using (g.AsDefault())
        {
            var p = tf.placeholder(tf.float32, [3], name: "p");
            var q = 1 - p;
            var r = (p * 2) + (p / 4) - (-p);
            var i = tf.constant(new[] { 7, -7 });
            var m = i % 3;
            Assert.Equal(tf.float32, q.DType);
            Assert.Equal(tf.int32, m.DType);
            using var sess = tf.Session();
            var (qv, rv, mv) = sess.Run((q, r, m), new FeedDict { [p] = new[] { 0f, 0.5f, 4f } });
            Assert.Equal(new[] { 1f, 0.5f, -3f }, qv.ToArray<float>());
            Assert.Equal(new[] { 0f, 1.625f, 13f }, rv.ToArray<float>());
            Assert.Equal(new[] { 1, 2 }, mv.ToArray<int>());   // floor mod, as Python
        }
    }

    [Fact]
    public void Comparison_operators_build_bool_tensors()
    {
        var g = tf.Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(new[] { 1f, 2f, 3f });
            var b = tf.constant(new[] { 2f, 2f, 2f });
            using var sess = tf.Session();
            var (lt, ge) = sess.Run((a < b, a >= b));
            Assert.Equal(new[] { true, false, false }, lt.ToArray<bool>());
            Assert.Equal(new[] { false, true, true }, ge.ToArray<bool>());
        }
    }

    [Fact]
    public void Feeding_by_name_and_fetching_by_lookup_work_together()
    {
        var g = tf.Graph();
        using (g.AsDefault())
        {
            using (tf.name_scope("model"))
            {
                var x = tf.placeholder(tf.float32, [-1, 2], name: "x");
                tf.identity(tf.reduce_mean(x, axis: 1), name: "out");
            }

            var outTensor = g.GetTensorByName("model/out:0");
            using var sess = tf.Session(g);
            var r = sess.Run(outTensor, new FeedDict { ["model/x:0"] = new[,] { { 1f, 3f }, { 5f, 7f } } });
            Assert.Equal(new[] { 2f, 6f }, r.ToArray<float>());
            Assert.Equal("[2. 6.]", r.ToString());
        }
    }
}
