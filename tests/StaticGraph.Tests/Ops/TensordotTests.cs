namespace StaticGraph.Tests.Ops;

public class TensordotTests
{
    [Fact]
    public void Tensordot_contracts_scattered_axes_in_pairing_order()
    {
        // c[j, k] = Σ_{i, l} a[i, j, l] · b[l, k, i] for a [3, 2, 4] and b [4, 5, 3].
        var ra = Enumerable.Range(0, 24).Select(v => (double)((v * 7 % 11) - 5)).ToArray();
        var rb = Enumerable.Range(0, 60).Select(v => (double)((v * 5 % 13) - 6)).ToArray();
        var expected = new double[10];
        for (int j = 0; j < 2; j++)
        {
            for (int k = 0; k < 5; k++)
            {
                for (int i = 0; i < 3; i++)
                {
                    for (int l = 0; l < 4; l++)
                    {
                        expected[(j * 5) + k] += ra[(((i * 2) + j) * 4) + l] * rb[(((l * 5) + k) * 3) + i];
                    }
                }
            }
        }

        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(NDArray.FromArray(ra, 3, 2, 4));
            var b = tf.constant(NDArray.FromArray(rb, 4, 5, 3));
            var c = tf.tensordot(a, b, [[0, 2], [2, 0]]);
            Assert.Equal(new Shape(2, 5), c.Shape);
            using var sess = new Session(g);
            Assert.Equal(expected, sess.Run(c).ToArray<double>());
        }
    }
}
