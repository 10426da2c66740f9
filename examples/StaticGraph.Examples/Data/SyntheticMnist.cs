namespace StaticGraph.Examples.Data;

/// <summary>
/// Synthetic MNIST in the real IDX format (the four files <see cref="Mnist"/> reads), so the MNIST examples run
/// without the real files: each digit is drawn as on a seven-segment display, at a random position, size, slant and
/// stroke width, with per-pixel noise, white on black in 28×28 pixels.
/// </summary>
public static class SyntheticMnist
{
    // Segments a, b, c, d, e, f, g of each digit (a top, b upper right, c lower right, d bottom, e lower left,
    // f upper left, g middle).
    private static readonly string[] Segments = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"];

    /// <summary>Writes <paramref name="trainCount"/> training and <paramref name="testCount"/> test digits into
    /// <paramref name="dir"/>.</summary>
    public static void Write(string dir, int trainCount, int testCount, int seed)
    {
        var random = new Random(seed);
        foreach (var (prefix, count) in new[] { ("train", trainCount), ("t10k", testCount) })
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
            var labels = new byte[count];
            var pixels = new byte[count * 784];
            for (int i = 0; i < count; i++)
            {
                labels[i] = (byte)random.Next(10);
                Draw(labels[i], random, pixels.AsSpan(i * 784, 784));
            }

            Idx.WriteBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), pixels, count, 28, 28);
            Idx.WriteBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), labels, count);
        }
    }

    private static void Draw(int digit, Random random, Span<byte> image)
    {
        double w = random.Next(6, 10), h = random.Next(8, 12);          // half-width of a segment, half-height of the digit
        double cx = 14 + random.Next(-3, 4), cy = 14 + random.Next(-2, 3), slant = (random.NextDouble() - 0.5) * 0.5;
        double stroke = 1.2 + random.NextDouble();
        for (int y = 0; y < 28; y++)
        {
            for (int x = 0; x < 28; x++)
            {
                double u = x - cx + (slant * (y - cy)), v = y - cy;   // digit coordinates: u across, v down
                double d = Segments[digit].Min(s => Distance(s, u, v, w, h));
                double ink = Math.Clamp(1.5 - (d / stroke), 0, 1) * 255;
                image[(y * 28) + x] = (byte)Math.Clamp(ink + random.Next(-20, 21), 0, 255);
            }
        }
    }

    // Distance from (u, v) to segment s of a digit spanning [-w, w] x [-h, h].
    private static double Distance(char s, double u, double v, double w, double h) => s switch
    {
        'a' => ToLine(u, v, -w, -h, w, -h),
        'b' => ToLine(u, v, w, -h, w, 0),
        'c' => ToLine(u, v, w, 0, w, h),
        'd' => ToLine(u, v, -w, h, w, h),
        'e' => ToLine(u, v, -w, 0, -w, h),
        'f' => ToLine(u, v, -w, -h, -w, 0),
        _ => ToLine(u, v, -w, 0, w, 0),
    };

    private static double ToLine(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double t = Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        double ex = px - (ax + (t * dx)), ey = py - (ay + (t * dy));
        return Math.Sqrt((ex * ex) + (ey * ey));
    }
}
