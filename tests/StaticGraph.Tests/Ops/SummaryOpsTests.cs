using System.Buffers.Binary;
using System.IO.Compression;
using StaticGraph.IO;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Ops;

public class SummaryOpsTests
{
    private static Tensorflow.Summary Parse(NDArray nd) => Tensorflow.Summary.Parser.ParseFrom(nd.Item<byte[]>());

    private static Tensorflow.Summary RunSummary(Graph g, Tensor t)
    {
        using var sess = new Session(g);
        return Parse(sess.Run(t));
    }

    [Fact]
    public void Scalar_is_named_and_tagged_by_its_name_scope_as_tf1_does()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        Tensor s1, s2, s3;
        using (tf.name_scope("train"))
        {
            s1 = tf.summary.scalar("loss", tf.constant(0.25f));
            s2 = tf.summary.scalar("loss", tf.constant(3));
        }

        s3 = tf.summary.scalar("acc", tf.constant(0.5), family: "eval");
        Assert.Equal("train/loss", s1.Op.Name);
        Assert.Equal("train/loss_1", s2.Op.Name);
        Assert.Equal("eval/acc", s3.Op.Name);
        Assert.Equal("ScalarSummary", s1.Op.Type);
        Assert.Equal(DType.String, s1.DType);
        Assert.Equal(Shape.Scalar, s1.Shape);
        Assert.Equal([s1, s2, s3], tf.get_collection<Tensor>(tf.GraphKeys.SUMMARIES));

        var v1 = Assert.Single(RunSummary(g, s1).Value);
        Assert.Equal(("train/loss", 0.25f), (v1.Tag, v1.SimpleValue));
        var v2 = Assert.Single(RunSummary(g, s2).Value);
        Assert.Equal(("train/loss_1", 3f), (v2.Tag, v2.SimpleValue));
        var v3 = Assert.Single(RunSummary(g, s3).Value);
        Assert.Equal(("eval/eval/acc", 0.5f), (v3.Tag, v3.SimpleValue)); // TF1 puts the family in front of the scope again
    }

    [Fact]
    public void Scalar_tags_are_cleaned_and_collections_respected()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var s = tf.summary.scalar("/a b:c", tf.constant(1f), collections: ["mine"]);
        Assert.Equal("a_b_c", s.Op.Name);
        Assert.Empty(tf.get_collection(tf.GraphKeys.SUMMARIES));
        Assert.Equal([s], tf.get_collection<Tensor>("mine"));
        Assert.Null(tf.summary.merge_all());
    }

    [Fact]
    public void ScalarSummary_with_vector_tags_and_mismatched_shapes()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var ok = SummaryOps.ScalarSummary(tf.constant(new[] { "a", "b" }), tf.constant(new[] { 1.5, -2.0 }), null);
        var values = RunSummary(g, ok).Value;
        Assert.Equal([("a", 1.5f), ("b", -2f)], values.Select(v => (v.Tag, v.SimpleValue)));
        Assert.Throws<GraphException>(() => SummaryOps.ScalarSummary(tf.constant(new[] { "a", "b" }), tf.constant(new[] { 1f, 2f, 3f }), null));
    }

    [Fact]
    public void Histogram_buckets_for_a_small_input()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var h = tf.summary.histogram("w", tf.constant(new[] { -1f, 0f, 1f, 1f, 2.5f }));
        Assert.Equal("HistogramSummary", h.Op.Type);
        var v = Assert.Single(RunSummary(g, h).Value);
        Assert.Equal("w", v.Tag);
        var p = v.Histo;
        Assert.Equal(-1.0, p.Min);
        Assert.Equal(2.5, p.Max);
        Assert.Equal(5.0, p.Num);
        Assert.Equal(3.5, p.Sum);
        Assert.Equal(9.25, p.SumSquares);
        // Runs of empty buckets collapse into one entry at the run's last limit: empty, -1, empty, 0, empty, 1 1, empty, 2.5, empty.
        Assert.Equal([0.0, 1, 0, 1, 0, 2, 0, 1, 0], p.Bucket);
        var l = p.BucketLimit;
        Assert.Equal(9, l.Count);
        Assert.InRange(l[0], -1.1 * 1.0000001, -1.0);         // the limit just below -1's bucket: -(0.95..)*1.1
        Assert.InRange(l[1], -1.0 + 1e-9, -1.0 / 1.1 + 1e-9); // -1 lies in [l0, l1)
        Assert.Equal(0.0, l[2]);                              // [-1e-12, 0) is the last negative bucket
        Assert.Equal(1e-12, l[3]);                            // 0 lies in [0, 1e-12)
        Assert.InRange(l[5], 1.0 + 1e-12, 1.1);
        Assert.InRange(l[6], 2.5 / 1.1, 2.5);
        Assert.InRange(l[7], 2.5 + 1e-12, 2.75);
        Assert.Equal(double.MaxValue, l[8]);
        Assert.Equal(1.1, l[7] / l[6], 9);
    }

    [Fact]
    public void Histogram_of_zero_only_and_default_limits()
    {
        var p = Histogram.Build([0.0]);
        Assert.Equal([0.0, 1e-12, double.MaxValue], p.BucketLimit);
        Assert.Equal([0.0, 1, 0], p.Bucket);
        var limits = Histogram.Limits.ToArray();
        Assert.Equal(-double.MaxValue, limits[0]);
        Assert.Equal(double.MaxValue, limits[^1]);
        Assert.Equal(0.0, limits[limits.Length / 2]);
        Assert.Equal(1551, limits.Length); // 1e-12 * 1.1^k for k = 0..773 (below 1e20) and DBL_MAX, mirrored, plus 0
        Assert.True(limits.Zip(limits.Skip(1)).All(t => t.First < t.Second));
    }

    [Fact]
    public void Tf_written_histograms_use_exactly_these_bucket_limits_and_collapse_empty_runs()
    {
        var limits = new HashSet<double>(Histogram.Limits.ToArray());
        string path = StaticGraph.Tests.IO.TfArtifacts.PathOf("tb-mnist_with_summaries/train/events.out.tfevents.1515280092.tayo-glaptop");
        var histos = tf.train.summary_iterator(path).Where(e => e.Summary is not null)
            .SelectMany(e => e.Summary.Value).Where(v => v.Histo is not null).Select(v => v.Histo).ToList();
        Assert.Equal(72, histos.Count);
        foreach (var h in histos)
        {
            Assert.All(h.BucketLimit, l => Assert.Contains(l, limits));
            // Never two empty entries in a row: TF merges each run of empty buckets into one.
            Assert.DoesNotContain(h.Bucket.Zip(h.Bucket.Skip(1)), pair => pair.First == 0 && pair.Second == 0);
        }
    }

    [Fact]
    public void Histogram_rejects_nan_and_inf()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var nan = tf.summary.histogram("h", tf.constant(new[] { 1f, float.NaN }));
        var inf = tf.summary.histogram("h", tf.constant(new[] { double.NegativeInfinity }));
        using var sess = new Session(g);
        Assert.Contains("Nan in summary histogram for: h", Assert.Throws<InvalidArgumentException>(() => sess.Run(nan)).Message, StringComparison.Ordinal);
        Assert.Contains("Infinity in summary histogram for: h_1", Assert.Throws<InvalidArgumentException>(() => sess.Run(inf)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_all_of_scalar_and_histogram()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var x = tf.placeholder(tf.float32, new Shape(3), name: "x");
        tf.summary.scalar("mean", tf.reduce_mean(x));
        tf.summary.histogram("x", x);
        var merged = tf.summary.merge_all();
        Assert.NotNull(merged);
        Assert.Equal("Merge/MergeSummary", merged.Op.Name);
        using var sess = new Session(g);
        var s = Parse(sess.Run(merged, new FeedDict { { x, NDArray.FromArray(new[] { 1f, 2f, 6f }, 3) } }));
        // As in TF1, a summary's name scope is made unique against op names case-insensitively: "Mean" and "x" exist.
        Assert.Equal(["mean_1", "x_1"], s.Value.Select(v => v.Tag));
        Assert.Equal(3f, s.Value[0].SimpleValue);
        Assert.Equal(9.0, s.Value[1].Histo.Sum);
        Assert.Equal(3.0, s.Value[1].Histo.Num);
    }

    [Fact]
    public void Merge_rejects_duplicate_tags()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var a = tf.summary.scalar("a", tf.constant(1f));
        var m = tf.summary.merge([a, a], name: "m");
        Assert.Equal("m/m", m.Op.Name);
        using var sess = new Session(g);
        Assert.Contains("Duplicate tag a found in summary inputs", Assert.Throws<InvalidArgumentException>(() => sess.Run(m)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_summary_is_a_tensor_summary_for_the_text_plugin()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var t = tf.summary.text("notes", tf.constant("hello"));
        Assert.Equal("TensorSummaryV2", t.Op.Type);
        Assert.Equal("notes", t.Op.Name);
        var v = Assert.Single(RunSummary(g, t).Value);
        Assert.Equal("notes", v.Tag);
        Assert.Equal("text", v.Metadata.PluginData.PluginName);
        Assert.Equal(Tensorflow.DataType.DtString, v.Tensor.Dtype);
        Assert.Equal("hello", v.Tensor.StringVal[0].ToStringUtf8());
        Assert.Throws<ArgumentException>(() => tf.summary.text("bad", tf.constant(1f)));

        var num = tf.summary.tensor_summary("raw", tf.constant(new[] { 1, 2 }));
        var nv = Assert.Single(RunSummary(g, num).Value);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 2, 0, 0, 0 }, nv.Tensor.TensorContent.ToByteArray());
        Assert.Equal(2, nv.Tensor.TensorShape.Dim[0].Size);
    }

    private static (int Width, int Height, byte BitDepth, byte ColorType, byte[] Raw) DecodePng(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 }, png[..8]);
        int pos = 8;
        int width = 0, height = 0;
        byte depth = 0, color = 0;
        using var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            Assert.Equal(PngEncoder.Crc32(png.AsSpan(pos + 4, 4 + len)), crc);
            types.Add(type);
            if (type == "IHDR")
            {
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                depth = data[8];
                color = data[9];
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                Assert.Equal(0xAE426082u, crc); // the well-known CRC-32 of "IEND"
            }

            pos += 12 + len;
        }

        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return (width, height, depth, color, raw.ToArray());
    }

    [Fact]
    public void Png_crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32("123456789"u8));
    }

    [Fact]
    public void Uint8_image_summary_encodes_png_rows()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var pixels = new byte[2 * 2 * 3];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(10 * i);
        }

        var img = tf.summary.image("img", tf.constant(NDArray.FromArray(pixels, 2, 2, 3, 1)), max_outputs: 1);
        var v = Assert.Single(RunSummary(g, img).Value);
        Assert.Equal("img/image", v.Tag);
        Assert.Equal((2, 3, 1), (v.Image.Height, v.Image.Width, v.Image.Colorspace));
        var png = DecodePng(v.Image.EncodedImageString.ToByteArray());
        Assert.Equal((3, 2, (byte)8, (byte)0), (png.Width, png.Height, png.BitDepth, png.ColorType));
        Assert.Equal(new byte[] { 0, 0, 10, 20, 0, 30, 40, 50 }, png.Raw);
    }

    [Fact]
    public void Float_image_summary_normalizes_as_tf()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        // Image 0 in [0, 1]: scale 255. Image 1 has a negative: 128 + 127 * v / max|v|, NaN pixel painted red.
        var data = new float[] { 0f, 0.5f, 1f, -1f, 0.5f, float.NaN };
        var img = tf.summary.image("f", tf.constant(NDArray.FromArray(data, 2, 1, 3, 1)));
        var values = RunSummary(g, img).Value;
        Assert.Equal(["f/image/0", "f/image/1"], values.Select(v => v.Tag));
        Assert.Equal(new byte[] { 0, 0, 127, 255 }, DecodePng(values[0].Image.EncodedImageString.ToByteArray()).Raw);
        Assert.Equal(new byte[] { 0, 1, 191, 255 }, DecodePng(values[1].Image.EncodedImageString.ToByteArray()).Raw);
    }

    [Fact]
    public void Float64_rgb_image_with_all_zero_pixels_and_a_nan()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        // max < 1e-6 gives scale 0; the NaN pixel takes bad_color's first three channels (255, 0, 0).
        var data = new double[] { 0, 0, 0, double.NaN, 0, 0 };
        var img = tf.summary.image("d", tf.constant(NDArray.FromArray(data, 1, 1, 2, 3)), max_outputs: 1);
        var v = Assert.Single(RunSummary(g, img).Value);
        var png = DecodePng(v.Image.EncodedImageString.ToByteArray());
        Assert.Equal((2, 1, (byte)2), (png.Width, png.Height, png.ColorType));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 255, 0, 0 }, png.Raw);
    }

    [Fact]
    public void Rgba_image_and_bad_shapes()
    {
        var g = new Graph();
        using var _ = g.AsDefault();
        var rgba = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var img = tf.summary.image("c", tf.constant(NDArray.FromArray(rgba, 1, 1, 2, 4)));
        var v = Assert.Single(RunSummary(g, img).Value);
        Assert.Equal("c/image/0", v.Tag);
        var png = DecodePng(v.Image.EncodedImageString.ToByteArray());
        Assert.Equal((2, 1, (byte)6), (png.Width, png.Height, png.ColorType));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }, png.Raw);
        Assert.Throws<GraphException>(() => tf.summary.image("bad", tf.constant(NDArray.FromArray(new float[4], 1, 2, 1, 2))));
        Assert.Throws<GraphException>(() => tf.summary.image("bad3", tf.constant(new float[] { 1f })));
    }

    [Fact]
    public void Summaries_written_by_a_file_writer_read_back_at_their_steps()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sg-summary-" + Guid.NewGuid().ToString("N"));
        var g = new Graph();
        using var _ = g.AsDefault();
        var x = tf.placeholder(tf.float32, name: "x");
        tf.summary.scalar("loss", x * x);
        tf.summary.histogram("xs", tf.stack([x, x + 1f]));
        var merged = tf.summary.merge_all()!;
        string path;
        using (var sess = new Session(g))
        using (var writer = tf.summary.FileWriter(dir, g))
        {
            path = writer.FilePath;
            for (int step = 1; step <= 3; step++)
            {
                writer.AddSummary(sess.Run(merged, new FeedDict { { x, (float)step } }), step);
            }
        }

        var events = tf.train.summary_iterator(path).ToList();
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Contains(Tensorflow.GraphDef.Parser.ParseFrom(events[1].GraphDef).Node, n => n.Op == "MergeSummary");
        var scalars = events.Where(e => e.Summary is not null)
            .Select(e => (e.Step, e.Summary.Value.Single(v => v.Tag == "loss").SimpleValue)).ToArray();
        Assert.Equal([(1L, 1f), (2L, 4f), (3L, 9f)], scalars);
        Assert.All(events.Where(e => e.Summary is not null), e => Assert.Equal(2.0, e.Summary.Value.Single(v => v.Tag == "xs").Histo.Num));
    }
}
