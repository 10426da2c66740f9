namespace StaticGraph.Examples.Data;

/// <summary>
/// Synthetic CIFAR-10 in the real binary format (<c>data_batch_1.bin</c> ... <c>data_batch_5.bin</c>,
/// <c>test_batch.bin</c>), so the CIFAR examples run without the real files. Each class has its own colour (hue
/// c/10) and shape (disc, square, horizontal bars, vertical bars, cross, alternating between the two halves of the
/// classes), drawn at a random position and size over a random dark background, with per-pixel noise: easy to tell
/// apart for a CNN, not trivially for a linear model.
/// </summary>
public static class SyntheticCifar
{
    /// <summary>Writes the six batch files of <paramref name="perBatch"/> images each into <paramref name="dir"/>.</summary>
    public static void Write(string dir, int perBatch, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perBatch);
        var random = new Random(seed);
        string[] names = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];
        foreach (var name in names)
        {
            var labels = new int[perBatch];
            var pixels = new byte[perBatch * Cifar10.ImageBytes];
            for (int i = 0; i < perBatch; i++)
            {
                labels[i] = random.Next(10);
                Draw(labels[i], random, pixels.AsSpan(i * Cifar10.ImageBytes, Cifar10.ImageBytes));
            }

            Cifar10.WriteBinary(Path.Combine(dir, name), pixels, labels);
        }
    }

    // One 32x32 image of class c into planar RGB bytes.
    private static void Draw(int c, Random random, Span<byte> image)
    {
        var (r, g, b) = Hue(c / 10.0);
        var background = (random.Next(0, 90), random.Next(0, 90), random.Next(0, 90));
        int cx = random.Next(10, 22), cy = random.Next(10, 22), size = random.Next(6, 11);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                bool inside = Inside(c % 5, x - cx, y - cy, size);
                double shade = 0.75 + (0.25 * (c >= 5 ? (double)y / 31 : 1 - ((double)y / 31)));   // classes 5-9 shade the other way
                int p = (y * 32) + x;
                image[p] = Pixel(inside ? r * shade : background.Item1, random);
                image[1024 + p] = Pixel(inside ? g * shade : background.Item2, random);
                image[2048 + p] = Pixel(inside ? b * shade : background.Item3, random);
            }
        }
    }

    private static bool Inside(int shape, int dx, int dy, int size) => shape switch
    {
        0 => (dx * dx) + (dy * dy) <= size * size,                                   // disc
        1 => Math.Abs(dx) <= size && Math.Abs(dy) <= size,                           // square
        2 => Math.Abs(dx) <= size && Math.Abs(dy) <= size && (dy + 32) % 6 < 3,      // horizontal bars
        3 => Math.Abs(dx) <= size && Math.Abs(dy) <= size && (dx + 32) % 6 < 3,      // vertical bars
        _ => (Math.Abs(dx) <= 2 && Math.Abs(dy) <= size) || (Math.Abs(dy) <= 2 && Math.Abs(dx) <= size),   // cross
    };

    private static byte Pixel(double value, Random random) => (byte)Math.Clamp(value + random.Next(-25, 26), 0, 255);

    // A saturated colour of hue h in [0, 1), as 0-255 channel values.
    private static (double R, double G, double B) Hue(double h)
    {
        double Channel(double offset) => 255 * Math.Clamp(Math.Abs((((h + offset) * 6) % 6) - 3) - 1, 0, 1);
        return (Channel(0), Channel(2.0 / 3), Channel(1.0 / 3));
    }
}
