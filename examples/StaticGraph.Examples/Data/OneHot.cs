namespace StaticGraph.Examples.Data;

/// <summary>One-hot label rows and back.</summary>
public static class OneHot
{
    /// <summary>hot[i, labels[i]] = 1, every other entry 0, as a float32 [N, classes] array; a label outside
    /// 0..classes-1 is an error naming its row.</summary>
    public static NDArray Encode(NDArray labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var l = labels.DType == tf.int64 ? labels.ToArray<long>().Select(v => (int)v).ToArray() : labels.ToArray<int>();
        var hot = new float[l.Length * classes];
        for (int i = 0; i < l.Length; i++)
        {
            if (l[i] < 0 || l[i] >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {l[i]} in row {i} is outside 0..{classes - 1}.");
            }

            hot[(i * classes) + l[i]] = 1;
        }

        return NDArray.FromArray(hot, l.Length, classes);
    }

    /// <summary>The index of the largest entry of each row of a [N, classes] array (the first one on ties).</summary>
    public static int[] Decode(NDArray rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int classes = rows.Shape[-1];
        var values = rows.ToArray<float>();
        var labels = new int[values.Length / classes];
        for (int i = 0; i < labels.Length; i++)
        {
            var row = values.AsSpan(i * classes, classes);
            for (int c = 1; c < classes; c++)
            {
                labels[i] = row[c] > row[labels[i]] ? c : labels[i];
            }
        }

        return labels;
    }
}
