using Spectre.Console;
using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// A memory-bound step and what makes it fast: <c>tf.nn.relu(a * b + c)</c> over three fed vectors runs as one fused
/// loop (no intermediate arrays), split across the session's cores, and each large result is disposed when done,
/// which hands its buffer back so the next run writes into memory that is already mapped. Runs the step with and
/// without disposing and prints the rate in GB/s (three inputs read, one output written), then checks one element.
/// Options: --size N (elements, default 16M), --runs N (default 50), --threads N (default all cores).
/// </summary>
public static class FusedElementwise
{
    public static int Run(string[] args)
    {
        int n = Paths.IntOption(args, "size", 1 << 24);
        int runs = Paths.IntOption(args, "runs", 50);
        int threads = Paths.IntOption(args, "threads", 0);

        tf.reset_default_graph();
        var a = tf.placeholder(tf.float32, [n], name: "a");
        var b = tf.placeholder(tf.float32, [n], name: "b");
        var c = tf.placeholder(tf.float32, [n], name: "c");
        var y = tf.nn.relu((a * b) + c);

        var r = new Random(1);
        float[] Draw() => [.. Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5))];
        var (va, vb, vc) = (Draw(), Draw(), Draw());
        var feed = new FeedDict { [a] = NDArray.FromArray(va, n), [b] = NDArray.FromArray(vb, n), [c] = NDArray.FromArray(vc, n) };

        using var sess = tf.Session(new ConfigProto { IntraOpParallelismThreads = threads });
        double bytes = 4.0 * n * sizeof(float);
        double Rate(bool dispose)
        {
            sess.Run(y, feed).Dispose(); // compiles the plan
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < runs; i++)
            {
                var result = sess.Run(y, feed);
                if (dispose)
                {
                    result.Dispose(); // done with it: the session takes the buffer back for its next run
                }
            }

            return bytes * runs / clock.Elapsed.TotalSeconds / 1e9;
        }

        AnsiConsole.MarkupLine($"[bold]relu(a * b + c)[/] over {n:N0} floats, {runs} runs per mode");
        AnsiConsole.MarkupLine($"  results disposed after use: {Rate(dispose: true):F1} GB/s");
        AnsiConsole.MarkupLine($"  results kept (fresh arrays): {Rate(dispose: false):F1} GB/s");

        using var last = sess.Run(y, feed);
        int k = n / 2;
        float expected = Math.Max((va[k] * vb[k]) + vc[k], 0f);
        float got = last.AsSpan<float>()[k];
        AnsiConsole.MarkupLine($"  element {k}: {got} (expected {expected})");
        return got == expected ? 0 : 1;
    }
}
