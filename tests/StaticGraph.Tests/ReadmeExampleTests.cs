namespace StaticGraph.Tests;

public class ReadmeExampleTests
{
    [Fact]
    public void The_README_example_trains_a_linear_model()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            // The README's 20-line example, verbatim but for the prints.
            var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
            var y_ = tf.placeholder(tf.float32, [-1]);
            var W = tf.Variable(tf.zeros([3, 1]), name: "W");
            var b = tf.Variable(tf.zeros([1]), name: "b");
            var y = tf.reshape(tf.matmul(x, W) + b, [-1]);
            var loss = tf.reduce_mean(tf.square(y - y_));
            var grads = tf.gradients(loss, [W, b]);
            var train = tf.group(W.AssignSub(grads[0]! * 0.01), b.AssignSub(grads[1]! * 0.01));

            using var sess = tf.Session();
            sess.Run(tf.global_variables_initializer());
            var feed = new FeedDict { [x] = new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, [y_] = new float[] { 1, 2 } };
            float first = 0, last = 0;
            for (int step = 0; step < 500; step++)
            {
                var (l, _) = sess.Run((loss, train), feed);
                first = step == 0 ? (float)l : first;
                last = (float)l;
            }

            Assert.Equal(2.5f, first, 5);   // mean((0 - [1, 2])²)
            Assert.True(last < 1e-3f, $"loss {last}");
        }
    }
}
