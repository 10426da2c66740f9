using System.Diagnostics;
using Google.Protobuf;
using StaticGraph.IO;
using Tensorflow;

namespace StaticGraph.Tests.IO;

/// <summary>Seeded byte-level mutations (bit flips, truncation, splices, deletions) of every TF artifact the IO
/// layer reads: only the documented exception types may come out, quickly.</summary>
public class GraphDefFuzzTests
{
    private const int CasesPerFile = 200;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string f in TfArtifacts.Find("*.pb").Concat(TfArtifacts.Find("*.pbtxt")).Concat(TfArtifacts.Find("*.meta")).Concat(TfArtifacts.Find("checkpoint")))
        {
            if (!f.EndsWith("fingerprint.pb", StringComparison.Ordinal))
            {
                data.Add(TfArtifacts.Relative(f));
            }
        }

        return data;
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = original.ToList();
        int edits = 1 + rng.Next(3);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    int from = rng.Next(bytes.Count), len = Math.Min(1 + rng.Next(64), bytes.Count - from);
                    bytes.InsertRange(at, bytes.GetRange(from, len));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(1 + rng.Next(16), bytes.Count - at));
                    break;
                default:
                    bytes[at] = (byte)rng.Next(256);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static void Read(string relative, byte[] bytes)
    {
        string name = Path.GetFileName(relative);
        if (name == "checkpoint")
        {
            TextFormat.Parse<CheckpointState>(System.Text.Encoding.UTF8.GetString(bytes));
        }
        else if (name.EndsWith(".pbtxt", StringComparison.Ordinal))
        {
            Import(TextFormat.Parse<GraphDef>(System.Text.Encoding.UTF8.GetString(bytes)));
        }
        else if (name.EndsWith(".meta", StringComparison.Ordinal))
        {
            var meta = MetaGraphDef.Parser.ParseFrom(bytes);
            Import(meta.GraphDef ?? new GraphDef());
        }
        else if (name == "saved_model.pb")
        {
            foreach (var mg in SavedModel.Parser.ParseFrom(bytes).MetaGraphs)
            {
                Import(mg.GraphDef ?? new GraphDef());
            }
        }
        else
        {
            Import(GraphDef.Parser.ParseFrom(bytes));
        }
    }

    private static void Import(GraphDef def)
    {
        var g = new Graph();
        GraphDefImporter.Import(g, def, null, null, "");
        Assert.Equal(def.Node.Count, g.Operations.Count);
        var back = g.ToGraphDef();
        Assert.Equal(def.Node.Count, back.Node.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Mutated_artifacts_raise_only_documented_exceptions(string relative)
    {
        byte[] original = File.ReadAllBytes(TfArtifacts.PathOf(relative));
        var rng = new Random(relative.Aggregate(17, (h, c) => (h * 31) + c));
        var slowest = TimeSpan.Zero;
        for (int i = 0; i < CasesPerFile; i++)
        {
            byte[] bytes = Mutate(original, rng);
            var clock = Stopwatch.StartNew();
            try
            {
                Read(relative, bytes);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or TextFormatException or GraphException or InvalidArgumentException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
            catch (Exception e)
            {
                Assert.Fail($"{relative} case {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }

            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }

        Assert.True(slowest < TimeSpan.FromSeconds(10), $"{relative}: the slowest case took {slowest}.");
    }
}
