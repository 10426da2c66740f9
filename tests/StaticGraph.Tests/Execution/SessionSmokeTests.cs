namespace StaticGraph.Tests.Execution;

public class SessionSmokeTests
{
    [Fact]
    public void Simple_computations_print_what_TF1_prints()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var n = tf.constant(new[,] { { 1.0f, 2.0f }, { 3.0f, 4.0f } });
            using var sess = tf.Session();
            Assert.Equal("[[ 7. 10.]\n [15. 22.]]", sess.Run(tf.matmul(n, n)).ToString());
        }
    }
}
