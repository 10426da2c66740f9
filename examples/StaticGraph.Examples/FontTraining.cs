using StaticGraph.Examples.Data;

namespace StaticGraph.Examples;

/// <summary>
/// The loop every font program of the book runs: full-batch gradient-descent epochs over the training images, with
/// training and validation accuracy recorded every 10 epochs, then the validation confusion matrix. Also the
/// book's ending: Saver save/restore and the numpy export (<c>np.savez_compressed</c>) and re-import of the weights.
/// </summary>
public static class FontTraining
{
    /// <summary>How often (in epochs) the book records accuracy.</summary>
    public const int Every = 10;

    /// <summary>Runs <paramref name="epochs"/> full-batch train steps, printing accuracy about 20 times.</summary>
    public static FontHistory Fit(Session sess, FontModel model, DataSet train, DataSet validation, int epochs)
    {
        ArgumentNullException.ThrowIfNull(sess);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var trainEval = Feed(model, train, 1f);
        var trainStep = Feed(model, train, 0.5f);
        var validationEval = Feed(model, validation, 1f);
        var trainAcc = new List<float>();
        var validationAcc = new List<float>();
        int report = Math.Max(Every, epochs / 20 / Every * Every);
        for (int i = 0; i < epochs; i++)
        {
            if (i % Every == 0)
            {
                trainAcc.Add((float)sess.Run(model.Accuracy, trainEval));
                validationAcc.Add((float)sess.Run(model.Accuracy, validationEval));
                if (i % report == 0)
                {
                    Console.WriteLine($"epoch {i,6}  train accuracy {trainAcc[^1]:F3}  validation accuracy {validationAcc[^1]:F3}");
                }
            }

            sess.Run(model.TrainStep, trainStep);
        }

        float final = (float)sess.Run(model.Accuracy, validationEval);
        var confusion = Confusion(sess.Run(model.Probabilities, validationEval), validation.Labels);
        Console.WriteLine($"final validation accuracy {final:F3}; confusion matrix (rows: true class, columns: predicted):");
        Console.WriteLine(Format(confusion));
        return new FontHistory(trainAcc, validationAcc, Every, final, confusion);
    }

    /// <summary>Counts (true label, argmax of the predicted row) pairs.</summary>
    public static int[,] Confusion(NDArray probabilities, NDArray labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        int classes = probabilities.Shape.ToArray()[1];
        var p = probabilities.ToArray<float>();
        var l = labels.ToArray<int>();
        var counts = new int[classes, classes];
        for (int i = 0; i < l.Length; i++)
        {
            var row = p.AsSpan(i * classes, classes);
            counts[l[i], System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row)]++;
        }

        return counts;
    }

    /// <summary>The matrix as numpy prints it, one row per line.</summary>
    public static string Format(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return string.Join("\n", Enumerable.Range(0, counts.GetLength(0)).Select(r =>
            " [" + string.Join(" ", Enumerable.Range(0, counts.GetLength(1)).Select(c => $"{counts[r, c],4}")) + "]"));
    }

    /// <summary>
    /// The book's ending: <c>saver.save</c> then <c>saver.restore</c> of a checkpoint, then <c>save_all</c>
    /// (<paramref name="variables"/> written in order as <c>arr_0</c>, <c>arr_1</c>, ... of <c>NAME.npz</c>) and
    /// <c>load_all</c> (each array assigned back to its variable). Prints the validation accuracy after each restore;
    /// it must not change.
    /// </summary>
    public static void SaveAndRestore(Session sess, IReadOnlyList<Variable> variables, string dir, string name, Func<float> validationAccuracy)
    {
        ArgumentNullException.ThrowIfNull(sess);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(validationAccuracy);
        var saver = tf.train.Saver();
        string saved = saver.Save(sess, Path.Combine(dir, name + ".ckpt"));
        saver.Restore(sess, saved);
        Console.WriteLine($"saved and restored {saved}: validation accuracy {validationAccuracy():F3}");

        string npz = Path.Combine(dir, name + ".npz");
        var values = sess.Run(variables.Select(v => (Tensor)v).ToArray());
        Npz.Save(npz, values.Select((v, i) => KeyValuePair.Create($"arr_{i}", v)));
        var loaded = Npz.Load(npz);
        for (int i = 0; i < variables.Count; i++)
        {
            sess.Run(variables[i].Assign(tf.constant(loaded[$"arr_{i}"])));
        }

        Console.WriteLine($"wrote {npz} ({variables.Count} arrays) and assigned it back: validation accuracy {validationAccuracy():F3}");
    }

    private static FeedDict Feed(FontModel model, DataSet data, float keepProb)
    {
        var feed = new FeedDict { [model.X] = data.Images, [model.Labels] = FontData.OneHot(data.Labels) };
        if (model.KeepProb is Tensor keep)
        {
            feed[keep] = keepProb;
        }

        return feed;
    }
}
