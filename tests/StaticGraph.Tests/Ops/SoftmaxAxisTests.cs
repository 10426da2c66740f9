namespace StaticGraph.Tests.Ops;

public class SoftmaxAxisTests
{
    [Fact]
    public void Softmax_and_cross_entropy_work_along_a_leading_axis()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var logits = tf.constant(new[,] { { 1.0, 2.0 }, { 3.0, 5.0 } });
            var labels = tf.constant(new[,] { { 1.0, 0.0 }, { 0.0, 1.0 } });
            var s = tf.nn.softmax(logits, axis: 0);
            var ce = tf.nn.softmax_cross_entropy_with_logits_v2(labels: labels, logits: logits, axis: 0);
            using var sess = new Session(g);
            var (sv, cv) = sess.Run((s, ce));
            // Columns: softmax([1, 3]) = [1/(1+e²), e²/(1+e²)], softmax([2, 5]) = [1/(1+e³), e³/(1+e³)].
            double e2 = Math.Exp(2), e3 = Math.Exp(3);
            double[] expected = [1 / (1 + e2), 1 / (1 + e3), e2 / (1 + e2), e3 / (1 + e3)];
            var actual = sv.ToArray<double>();
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(expected[i], actual[i], 12);
            }

            // Column 0 picks class 0 (logit 1 of [1, 3]); column 1 picks class 1 (logit 5 of [2, 5]).
            Assert.Equal(new Shape(2), cv.Shape);
            Assert.Equal(-Math.Log(1 / (1 + e2)), cv.ToArray<double>()[0], 12);
            Assert.Equal(-Math.Log(e3 / (1 + e3)), cv.ToArray<double>()[1], 12);
        }
    }
}
