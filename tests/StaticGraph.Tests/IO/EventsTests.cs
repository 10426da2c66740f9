using Google.Protobuf;
using StaticGraph.IO;

namespace StaticGraph.Tests.IO;

public class EventsTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sg-events-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Kind(Tensorflow.Event e) => e.WhatCase.ToString();

    [Theory]
    [InlineData("tb-functionaltests-estimator/events.out.tfevents.1476472047.localhost", 71, 1476472047)]
    [InlineData("tb-functionaltests-estimator/eval/events.out.tfevents.1476472058.localhost", 5, 1476472058)]
    [InlineData("tb-mnist_with_summaries/train/events.out.tfevents.1515280092.tayo-glaptop", 12, 1515280092)]
    [InlineData("tb-mnist_with_summaries/test/events.out.tfevents.1515280094.tayo-glaptop", 2, 1515280094)]
    public void Real_event_files_iterate_with_every_crc_verified(string relative, int records, long wallTime)
    {
        var events = tf.train.summary_iterator(TfArtifacts.PathOf(relative)).ToList();
        Assert.Equal(records, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(wallTime, (long)events[0].WallTime);
        Assert.All(events.Skip(1), e => Assert.NotEqual(Tensorflow.Event.WhatOneofCase.FileVersion, e.WhatCase));
    }

    [Fact]
    public void Estimator_train_events_hold_loss_scalars_graphs_and_session_logs()
    {
        var events = tf.train.summary_iterator(TfArtifacts.PathOf("tb-functionaltests-estimator/events.out.tfevents.1476472047.localhost")).ToList();
        var kinds = events.GroupBy(Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, kinds["FileVersion"]);
        Assert.Equal(3, kinds["GraphDef"]);
        Assert.Equal(3, kinds["MetaGraphDef"]);
        Assert.Equal(6, kinds["SessionLog"]);
        Assert.Equal(58, kinds["Summary"]);

        var firstGraph = Tensorflow.GraphDef.Parser.ParseFrom(events.First(e => e.WhatCase == Tensorflow.Event.WhatOneofCase.GraphDef).GraphDef);
        Assert.Equal(255, firstGraph.Node.Count);
        Assert.Equal(15, firstGraph.Versions.Producer);

        var logs = events.Where(e => e.SessionLog is not null).Select(e => (e.Step, e.SessionLog.Status)).ToArray();
        Assert.Equal(
            [(1L, Tensorflow.SessionLog.Types.SessionStatus.Start), (1L, Tensorflow.SessionLog.Types.SessionStatus.Checkpoint),
             (1000L, Tensorflow.SessionLog.Types.SessionStatus.Checkpoint), (1001L, Tensorflow.SessionLog.Types.SessionStatus.Start),
             (1001L, Tensorflow.SessionLog.Types.SessionStatus.Checkpoint), (3000L, Tensorflow.SessionLog.Types.SessionStatus.Checkpoint)],
            logs);

        var loss = events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Where(v => v.Tag == "loss").Select(v => (e.Step, v.SimpleValue))).ToList();
        Assert.Equal(30, loss.Count);
        Assert.Equal((1L, 0.693147182f), loss[0]);
        Assert.Equal((2901L, 0.000587052607f), loss[^1]);
        Assert.Equal(28, events.Count(e => e.Summary?.Value.Any(v => v.Tag == "global_step/sec") == true));
    }

    [Fact]
    public void Mnist_events_hold_scalar_histogram_and_image_summaries()
    {
        var events = tf.train.summary_iterator(TfArtifacts.PathOf("tb-mnist_with_summaries/train/events.out.tfevents.1515280092.tayo-glaptop")).ToList();
        var graph = Tensorflow.GraphDef.Parser.ParseFrom(events.Single(e => e.WhatCase == Tensorflow.Event.WhatOneofCase.GraphDef).GraphDef);
        Assert.Equal(363, graph.Node.Count);
        Assert.Equal(17, graph.Versions.Producer);
        var meta = Tensorflow.MetaGraphDef.Parser.ParseFrom(events.Single(e => e.WhatCase == Tensorflow.Event.WhatOneofCase.MetaGraphDef).MetaGraphDef);
        Assert.Equal("0.12.1", meta.MetaInfoDef.TensorflowVersion);

        var summaries = events.Where(e => e.Summary is not null).ToList();
        Assert.Equal(9, summaries.Count);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), summaries.Select(e => e.Step));
        var values = summaries[0].Summary.Value;
        Assert.Equal(37, values.Count);
        Assert.Equal(19, values.Count(v => v.ValueCase == Tensorflow.Summary.Types.Value.ValueOneofCase.SimpleValue));
        Assert.Equal(8, values.Count(v => v.ValueCase == Tensorflow.Summary.Types.Value.ValueOneofCase.Histo));
        Assert.Equal(10, values.Count(v => v.ValueCase == Tensorflow.Summary.Types.Value.ValueOneofCase.Image));
        Assert.Equal(-0.000103973936f, values.Single(v => v.Tag == "layer1/weights/summaries/mean").SimpleValue);
        Assert.Equal(-0.000191020474f, summaries[^1].Summary.Value.Single(v => v.Tag == "layer1/weights/summaries/mean").SimpleValue);

        foreach (var h in values.Where(v => v.Histo is not null).Select(v => v.Histo))
        {
            Assert.Equal(h.BucketLimit.Count, h.Bucket.Count);
            Assert.Equal(h.Num, h.Bucket.Sum(), 6);
            Assert.True(h.Min <= h.Max);
        }

        foreach (var img in values.Where(v => v.Image is not null).Select(v => v.Image))
        {
            Assert.Equal(28, img.Height);
            Assert.Equal(28, img.Width);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, img.EncodedImageString.Span[..8].ToArray());
        }
    }

    [Fact]
    public void A_written_file_reads_back_with_version_graph_and_scalars()
    {
        string dir = TempDir();
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, name: "x");
            _ = tf.multiply(x, tf.constant(2f), name: "y");
        }

        string path;
        using (var writer = tf.summary.FileWriter(dir, g))
        {
            path = writer.FilePath;
            Assert.StartsWith("events.out.tfevents.", Path.GetFileName(path), StringComparison.Ordinal);
            for (int step = 0; step < 3; step++)
            {
                var s = new Tensorflow.Summary();
                s.Value.Add(new Tensorflow.Summary.Types.Value { Tag = "loss", SimpleValue = 1.5f * step });
                writer.AddSummary(NDArray.Wrap(DType.String, Shape.Scalar, new[] { s.ToByteArray() }), step * 10);
            }

            writer.AddSessionLog(new Tensorflow.SessionLog { Status = Tensorflow.SessionLog.Types.SessionStatus.Start }, 7);
        }

        var events = tf.train.summary_iterator(path).ToList();
        Assert.Equal(6, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.InRange(events[0].WallTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        var gd = Tensorflow.GraphDef.Parser.ParseFrom(events[1].GraphDef);
        Assert.Contains(gd.Node, n => n.Name == "x" && n.Op == "Placeholder");
        Assert.Contains(gd.Node, n => n.Name == "y" && n.Op == "Mul");
        Assert.Equal([(0L, 0f), (10L, 1.5f), (20L, 3f)], events.Skip(2).Take(3).Select(e => (e.Step, e.Summary.Value.Single(v => v.Tag == "loss").SimpleValue)));
        Assert.Equal(Tensorflow.SessionLog.Types.SessionStatus.Start, events[5].SessionLog.Status);
        Assert.Equal(7L, events[5].Step);
    }

    [Fact]
    public void Writes_are_buffered_until_flush_and_two_writers_get_two_files()
    {
        string dir = TempDir();
        using var a = new FileWriter(dir);
        using var b = new FileWriter(dir);
        Assert.NotEqual(a.FilePath, b.FilePath);
        long afterVersion = new FileInfo(a.FilePath).Length;
        Assert.Single(tf.train.summary_iterator(a.FilePath));
        a.AddEvent(new Tensorflow.Event { Step = 3, FileVersion = "x" });
        Assert.Equal(afterVersion, new FileInfo(a.FilePath).Length);
        a.Flush();
        Assert.Equal(2, tf.train.summary_iterator(a.FilePath).Count());
        a.Close();
        a.AddEvent(new Tensorflow.Event { Step = 4 }); // dropped after Close, as in TF
        Assert.Equal(2, tf.train.summary_iterator(a.FilePath).Count());
    }

    [Fact]
    public void Plugin_metadata_is_written_only_with_the_first_value_of_a_tag()
    {
        string dir = TempDir();
        var g = new Graph();
        using var _ = g.AsDefault();
        var text = tf.summary.text("notes", tf.constant("hi"));
        string path;
        using (var sess = new Session(g))
        using (var w = tf.summary.FileWriter(dir))
        {
            path = w.FilePath;
            w.AddSummary(sess.Run(text), 1);
            w.AddSummary(sess.Run(text), 2);
        }

        var values = tf.train.summary_iterator(path).Where(e => e.Summary is not null).Select(e => e.Summary.Value.Single()).ToList();
        Assert.Equal("text", values[0].Metadata.PluginData.PluginName);
        Assert.Null(values[1].Metadata);
        Assert.Equal("hi", values[1].Tensor.StringVal[0].ToStringUtf8());
    }

    [Fact]
    public void Concurrent_writers_produce_whole_records()
    {
        string dir = TempDir();
        string path;
        using (var w = new FileWriter(dir))
        {
            path = w.FilePath;
            Parallel.For(0, 8, t =>
            {
                for (int i = 0; i < 200; i++)
                {
                    var s = new Tensorflow.Summary();
                    s.Value.Add(new Tensorflow.Summary.Types.Value { Tag = $"t{t}", SimpleValue = i });
                    w.AddSummary(s, i);
                    if (i % 50 == 0)
                    {
                        w.Flush();
                    }
                }
            });
        }

        var events = tf.train.summary_iterator(path).Skip(1).ToList();
        Assert.Equal(1600, events.Count);
        Assert.All(Enumerable.Range(0, 8), t => Assert.Equal(
            Enumerable.Range(0, 200).Select(i => (float)i),
            events.Select(e => e.Summary.Value[0]).Where(v => v.Tag == $"t{t}").Select(v => v.SimpleValue)));
    }

    [Fact]
    public void Tfrecord_framing_matches_tf_for_a_known_payload()
    {
        using var ms = new MemoryStream();
        TFRecord.Write(ms, "hello"u8);
        byte[] bytes = ms.ToArray();
        Assert.Equal(12 + 5 + 4, bytes.Length);
        Assert.Equal(5UL, BitConverter.ToUInt64(bytes, 0));
        Assert.Equal(Crc32C.Mask(Crc32C.Compute(bytes.AsSpan(0, 8))), BitConverter.ToUInt32(bytes, 8));
        Assert.Equal("hello"u8.ToArray(), bytes[12..17]);
        Assert.Equal(Crc32C.Mask(Crc32C.Compute("hello"u8)), BitConverter.ToUInt32(bytes, 17));
    }

    [Fact]
    public void Bad_crc_names_the_file_and_says_checksum()
    {
        string dir = TempDir();
        string path = Path.Combine(dir, "events.out.tfevents.bad");
        byte[] bytes = File.ReadAllBytes(TfArtifacts.PathOf("tb-mnist_with_summaries/test/events.out.tfevents.1515280094.tayo-glaptop"));
        bytes[100] ^= 4;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataLossException>(() => tf.train.summary_iterator(path).ToList());
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Matches("(?i)checksum|crc", e.Message);
    }

    [Fact]
    public void A_huge_length_with_a_valid_length_crc_is_a_truncation_not_an_allocation()
    {
        using var ms = new MemoryStream();
        var header = new byte[12];
        BitConverter.TryWriteBytes(header.AsSpan(0, 8), ulong.MaxValue - 3);
        BitConverter.TryWriteBytes(header.AsSpan(8), Crc32C.Mask(Crc32C.Compute(header.AsSpan(0, 8))));
        ms.Write(header);
        ms.Position = 0;
        Assert.Empty(TFRecord.Read(ms, "mem"));
    }

    [Fact]
    public void Flipped_or_truncated_event_files_raise_only_data_loss_or_end_cleanly()
    {
        string dir = TempDir();
        string source;
        using (var w = new FileWriter(dir))
        {
            source = w.FilePath;
            w.AddGraph(new Tensorflow.GraphDef { Node = { new Tensorflow.NodeDef { Name = "a", Op = "NoOp" } } });
            for (int i = 0; i < 6; i++)
            {
                var s = new Tensorflow.Summary();
                s.Value.Add(new Tensorflow.Summary.Types.Value { Tag = "v", SimpleValue = i });
                w.AddSummary(s, i);
            }
        }

        var originals = new[]
        {
            File.ReadAllBytes(source),
            File.ReadAllBytes(TfArtifacts.PathOf("tb-mnist_with_summaries/test/events.out.tfevents.1515280094.tayo-glaptop")),
        };
        var originalEvents = originals.Select(o => ReadAll(o, "orig")).ToArray();
        // Record boundaries: the byte offsets at which each record ends.
        var ends = originals.Select(o =>
        {
            var list = new List<int>();
            for (int pos = 0; pos < o.Length;)
            {
                pos += 12 + (int)BitConverter.ToUInt64(o, pos) + 4;
                list.Add(pos);
            }

            return list;
        }).ToArray();

        var rng = new Random(20240607);
        string bad = Path.Combine(dir, "bad.tfevents");
        int detected = 0, truncatedClean = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            int which = rng.Next(originals.Length);
            var bytes = (byte[])originals[which].Clone();
            bool truncate = rng.Next(3) == 0;
            if (truncate)
            {
                bytes = bytes[..rng.Next(bytes.Length)];
            }
            else
            {
                for (int k = rng.Next(1, 4); k > 0; k--)
                {
                    bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
                }
            }

            File.WriteAllBytes(bad, bytes);
            if (truncate)
            {
                // A clean truncation yields exactly the records wholly inside the file.
                var got = tf.train.summary_iterator(bad).Select(e => e.ToByteString()).ToList();
                int whole = ends[which].Count(end => end <= bytes.Length);
                Assert.Equal(originalEvents[which].Take(whole), got);
                truncatedClean++;
                continue;
            }

            try
            {
                var got = tf.train.summary_iterator(bad).Select(e => e.ToByteString()).ToList();
                Assert.Equal(originalEvents[which], got); // only when flips cancelled out
            }
            catch (DataLossException e)
            {
                detected++;
                Assert.Contains(bad, e.Message, StringComparison.Ordinal);
                Assert.Matches("(?i)checksum|crc|corrupt", e.Message);
            }
        }

        Assert.True(detected > 1500, $"only {detected} corruptions detected");
        Assert.True(truncatedClean > 500);
    }

    private static List<ByteString> ReadAll(byte[] bytes, string name) =>
        TFRecord.Read(new MemoryStream(bytes), name).Select(p => Tensorflow.Event.Parser.ParseFrom(p).ToByteString()).ToList();
}
