namespace StaticGraph.IO;

/// <summary>TF's summary histogram (tensorflow/core/lib/histogram): the default bucket limits grow by 10% from 1e-12
/// to 1e20, mirrored for negatives, with 0 between and ±DBL_MAX at the ends; bucket i counts values in
/// [limit[i-1], limit[i]). The proto collapses each run of empty buckets into one entry (its last limit), as TF's
/// <c>EncodeToProto(preserve_zero_buckets=false)</c> does.</summary>
internal static class Histogram
{
    private static readonly double[] DefaultLimits = BuildLimits();

    /// <summary>The default bucket limits, ascending (-DBL_MAX ... 0 ... DBL_MAX).</summary>
    public static ReadOnlySpan<double> Limits => DefaultLimits;

    private static double[] BuildLimits()
    {
        var pos = new List<double>();
        for (double v = 1.0e-12; v < 1.0e20; v *= 1.1)
        {
            pos.Add(v);
        }

        pos.Add(double.MaxValue);
        var result = new double[2 * pos.Count + 1];
        for (int i = 0; i < pos.Count; i++)
        {
            result[pos.Count - 1 - i] = -pos[i];
            result[pos.Count + 1 + i] = pos[i];
        }

        result[pos.Count] = 0.0;
        return result;
    }

    /// <summary>The HistogramProto of <paramref name="values"/>, which must all be finite.</summary>
    public static Tensorflow.HistogramProto Build(ReadOnlySpan<double> values)
    {
        var limits = DefaultLimits;
        var counts = new double[limits.Length];
        double min = double.MaxValue, max = -double.MaxValue, sum = 0, sumSquares = 0;
        foreach (double v in values)
        {
            counts[UpperBound(limits, v)] += 1.0;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            sumSquares += v * v;
        }

        var proto = new Tensorflow.HistogramProto { Min = min, Max = max, Num = values.Length, Sum = sum, SumSquares = sumSquares };
        for (int i = 0; i < counts.Length;)
        {
            double end = limits[i];
            double count = counts[i];
            i++;
            if (count <= 0.0)
            {
                while (i < counts.Length && counts[i] <= 0.0)
                {
                    end = limits[i];
                    count = counts[i];
                    i++;
                }
            }

            proto.BucketLimit.Add(end);
            proto.Bucket.Add(count);
        }

        return proto;
    }

    // The first index whose limit is greater than v (std::upper_bound); finite v is always below DBL_MAX's slot.
    private static int UpperBound(double[] limits, double v)
    {
        int lo = 0, hi = limits.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (limits[mid] > v)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return Math.Min(lo, limits.Length - 1);
    }
}
