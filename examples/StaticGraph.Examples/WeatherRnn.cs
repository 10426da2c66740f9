using System.Globalization;
using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// Seed 004 (the book's chapter 4 "Exploring RNNs"): a BasicRNNCell with a state of 11 numbers reads all 4,542 weekly
/// weather rows (5 standardized variables) as one sequence in tf.nn.dynamic_rnn, which loops over the weeks instead
/// of unrolling them; a softmax layer on every step's output predicts the meteorological season. Full-batch gradient
/// descent 0.01 for 100 epochs, training accuracy every 10. Faithful to the book, the softmax output (plus 1e-50) is
/// passed to softmax_cross_entropy_with_logits as if it were logits. Options: --data PATH (weather.npz; default
/// ../shared/datasets/hands-on-dl/weather.npz), --epochs N, --plots DIR.
/// </summary>
public static class WeatherRnn
{
    private const int NumClasses = 4, NumInputs = 5, StateSize = 11;

    public static int Run(string[] args)
    {
        int epochs = Paths.IntOption(args, "epochs", 100);
        string path = Paths.Option(args, "data") ?? Paths.HandsOnDl("weather.npz") ?? throw new FileNotFoundException(
            "weather.npz not found: pass --data PATH (the book's file, in ../shared/datasets/hands-on-dl).");
        var (inputs, labels, weeks) = Load(path);
        Console.WriteLine($"{weeks} weeks of {NumInputs} variables from {path}");

        tf.reset_default_graph();
        tf.set_random_seed(1);
        var x = tf.placeholder(tf.float32, [-1, NumInputs], name: "x");
        var x_ = tf.reshape(x, [1, weeks, NumInputs]);          // one sequence of every week
        var y_ = tf.placeholder(tf.float32, [-1, NumClasses], name: "y_");
        var cell = tf.nn.rnn_cell.BasicRNNCell(StateSize);
        var (outputs, _) = tf.nn.dynamic_rnn(cell, x_, dtype: tf.float32);
        var W1 = tf.Variable(tf.truncated_normal([StateSize, NumClasses], stddev: 1.0 / Math.Sqrt(NumInputs)), name: "W1");
        var b1 = tf.Variable(tf.constant(0.1f, shape: [NumClasses]), name: "b1");
        var h1 = tf.reshape(outputs, [-1, StateSize]);
        var y = tf.nn.softmax(tf.matmul(h1, W1) + b1);
        var cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels: y_, logits: y + 1e-50));
        var train_step = tf.train.GradientDescentOptimizer(0.01).Minimize(cross_entropy);
        var correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1));
        var accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
        Console.WriteLine($"parameters: {tf.trainable_variables().Sum(v => v.Shape.NumElements):N0} (RNN kernel 16x11 + bias 11, softmax 11x4 + 4)");

        using var sess = tf.Session();
        sess.Run(tf.global_variables_initializer());
        var feed = new FeedDict { [x] = inputs, [y_] = labels };
        var trainAcc = new List<float>();
        for (int i = 0; i < epochs; i++)
        {
            if (i % 10 == 0)
            {
                trainAcc.Add(sess.Run(accuracy, feed).Item<float>());
                Console.WriteLine($"epoch {i,3}: train accuracy {trainAcc[^1]:P1}");
            }

            sess.Run(train_step, feed);
        }

        float final = sess.Run(accuracy, feed).Item<float>();
        Console.WriteLine($"final train accuracy {final:P1} after {epochs} epochs");
        Plots.FromArgs(args)?.AccuracyCurves("weather-rnn-accuracy", trainAcc, [], 10);
        return 0;
    }

    /// <summary>The book's preprocessing: season labels (spring 0 = Mar-May, summer 1, autumn 2, winter 3 = Dec-Feb)
    /// from each week's YYYYMMDD date, one-hot; the 5 variables standardized per column.</summary>
    private static (NDArray Inputs, NDArray Labels, int Weeks) Load(string path)
    {
        var npz = Npz.Load(path);
        var weekly = npz.TryGetValue("weekly", out var w) ? w.AsType(DType.Float64) : throw new InvalidDataException(
            $"{path}: expected an array 'weekly' [weeks, 6] (date, 5 variables); found {string.Join(", ", npz.Keys)}.");
        if (weekly.Rank != 2 || weekly.Shape[1] != 1 + NumInputs)
        {
            throw new InvalidDataException($"{path}: 'weekly' has shape {weekly.Shape}, expected [weeks, {1 + NumInputs}].");
        }

        int weeks = weekly.Shape[0];
        var values = weekly.ToArray<double>();
        var inputs = new float[weeks * NumInputs];
        var labels = new float[weeks * NumClasses];
        for (int c = 0; c < NumInputs; c++)
        {
            double mean = Enumerable.Range(0, weeks).Average(r => values[(r * 6) + 1 + c]);
            double std = Math.Sqrt(Enumerable.Range(0, weeks).Average(r => Math.Pow(values[(r * 6) + 1 + c] - mean, 2)));
            for (int r = 0; r < weeks; r++)
            {
                inputs[(r * NumInputs) + c] = (float)((values[(r * 6) + 1 + c] - mean) / std);
            }
        }

        for (int r = 0; r < weeks; r++)
        {
            var date = DateTime.ParseExact(((long)values[r * 6]).ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture);
            labels[(r * NumClasses) + Season(date.Month)] = 1;
        }

        return (NDArray.FromArray(inputs, weeks, NumInputs), NDArray.FromArray(labels, weeks, NumClasses), weeks);
    }

    private static int Season(int month) => month switch
    {
        >= 3 and < 6 => 0,
        >= 6 and < 9 => 1,
        >= 9 and < 12 => 2,
        _ => 3,
    };
}
