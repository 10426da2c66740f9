using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Port of the book's chapter 3 convolution and pooling walk-through on one made-up 10×10 image (random integers
/// 0–9 plus 10 on the diagonal): a 3×3 convolution with 2 filters (SAME, ReLU; weights truncated normal with stddev
/// 1/3, biases 0.1), then 2×2 max pooling down to 5×5. Prints the image, both convolution channels and the pooled
/// channel; --plots DIR draws them as the book's matshow figures. --seed N picks the image.
/// </summary>
public static class ToyConvPool
{
    public static int Run(string[] args)
    {
        var plots = Plots.FromArgs(args);
        var random = new Random(Paths.IntOption(args, "seed", 0));
        var image = new float[1, 10, 10];
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 10; c++)
            {
                image[0, r, c] = random.Next(10) + (r == c ? 10 : 0);
            }
        }

        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, [-1, 10, 10], name: "x");
        var x_im = tf.reshape(x, [-1, 10, 10, 1]);

        // Convolutional layer: 2 features computed on each 3x3 window of the 1-channel image.
        int winx = 3, winy = 3, num_filters = 2;
        var W1 = tf.Variable(tf.truncated_normal([winx, winy, 1, num_filters], stddev: 1.0 / Math.Sqrt(winx * winy)), name: "W1");
        var b1 = tf.Variable(tf.constant(0.1f, shape: [num_filters]), name: "b1");
        var xw = tf.nn.conv2d(x_im, W1, strides: [1, 1, 1, 1], padding: "SAME");
        var h1 = tf.nn.relu(xw + b1);

        // Pooling layer: the maximum of each 2x2 block, no overlap, incomplete blocks dropped.
        var p1 = tf.nn.max_pool(h1, ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID");
        int p1_size = (int)p1.Shape.Skip(1).Aggregate(1L, (a, d) => a * d);
        var p1f = tf.reshape(p1, [-1, p1_size]);

        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var feed = new FeedDict { [x] = image };
        var (H, P) = sess.Run((h1, p1), feed);
        var original = Channel(NDArray.FromMultiDimArray(image).AsSpan<float>().ToArray(), 10, 1, 0);
        var conv1 = Channel(H.ToArray<float>(), 10, num_filters, 0);
        var conv2 = Channel(H.ToArray<float>(), 10, num_filters, 1);
        var pooled = Channel(P.ToArray<float>(), 5, num_filters, 0);
        Console.WriteLine($"image:\n{Format(original)}\nconvolution channel 1:\n{Format(conv1)}\nconvolution channel 2:\n{Format(conv2)}");
        Console.WriteLine($"max-pooled channel 1 (5x5: the best of every 2x2 block):\n{Format(pooled)}");
        Console.WriteLine($"flattened pooling output: {sess.Run(p1f, feed).Shape} ({p1_size} values per image)");

        plots?.Matrix("conv-toy-image", "the 10x10 image", original);
        plots?.Matrix("conv-toy-conv1", "convolution channel 1", conv1);
        plots?.Matrix("conv-toy-conv2", "convolution channel 2", conv2);
        plots?.Matrix("conv-toy-pool1", "max-pooled channel 1", pooled);
        return 0;
    }

    // Channel c of a [1, side, side, channels] value as a matrix.
    private static float[,] Channel(float[] values, int side, int channels, int c)
    {
        var m = new float[side, side];
        for (int i = 0; i < side * side; i++)
        {
            m[i / side, i % side] = values[(i * channels) + c];
        }

        return m;
    }

    private static string Format(float[,] m) => string.Join("\n", Enumerable.Range(0, m.GetLength(0)).Select(r =>
        " [" + string.Join(" ", Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c].ToString("F2", System.Globalization.CultureInfo.InvariantCulture).PadLeft(6))) + "]"));
}
