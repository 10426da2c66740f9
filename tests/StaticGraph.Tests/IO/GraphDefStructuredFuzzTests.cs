using Google.Protobuf;
using StaticGraph.IO;
using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph.Tests.IO;

/// <summary>Seeded structural mutations of real GraphDefs (attrs replaced or dropped, inputs rewired, op types
/// swapped for other registered ops): import either works or raises a documented exception.</summary>
public class GraphDefStructuredFuzzTests
{
    private static readonly string[] OpNames = OpRegistry.All.Select(o => o.Name).ToArray();

    private static AttrValue RandomAttr(Random rng)
    {
        long[] ints = [-5, -1, 0, 1, 2, 3, 7, 1L << 40, long.MinValue];
        return rng.Next(9) switch
        {
            0 => new AttrValue { I = ints[rng.Next(ints.Length)] },
            1 => new AttrValue { F = rng.Next(3) == 0 ? float.NaN : (float)(rng.NextDouble() * 4) - 2 },
            2 => new AttrValue { B = rng.Next(2) == 0 },
            3 => new AttrValue { S = ByteString.CopyFromUtf8(new[] { "SAME", "VALID", "NHWC", "NCHW", "bogus", "" }[rng.Next(6)]) },
            4 => new AttrValue { Type = (DataType)rng.Next(0, 30) },
            5 => new AttrValue { Shape = RandomShape(rng) },
            6 => new AttrValue { List = RandomList(rng, ints) },
            7 => new AttrValue { Tensor = RandomTensor(rng) },
            _ => new AttrValue(),
        };
    }

    private static TensorShapeProto RandomShape(Random rng)
    {
        var s = new TensorShapeProto { UnknownRank = rng.Next(8) == 0 };
        int rank = rng.Next(5);
        for (int i = 0; i < rank; i++)
        {
            s.Dim.Add(new TensorShapeProto.Types.Dim { Size = new long[] { -7, -1, 0, 1, 2, 3, 1L << 33 }[rng.Next(7)] });
        }

        return s;
    }

    private static AttrValue.Types.ListValue RandomList(Random rng, long[] ints)
    {
        var l = new AttrValue.Types.ListValue();
        int n = rng.Next(6);
        for (int i = 0; i < n; i++)
        {
            switch (rng.Next(3))
            {
                case 0: l.I.Add(ints[rng.Next(ints.Length)]); break;
                case 1: l.Shape.Add(RandomShape(rng)); break;
                default: l.Type.Add((DataType)rng.Next(0, 12)); break;
            }
        }

        return l;
    }

    private static TensorProto RandomTensor(Random rng)
    {
        var t = new TensorProto { Dtype = (DataType)rng.Next(0, 12), TensorShape = RandomShape(rng) };
        int n = rng.Next(5);
        for (int i = 0; i < n; i++)
        {
            t.IntVal.Add(rng.Next(-3, 5));
            t.FloatVal.Add(rng.Next(-3, 5));
        }

        if (rng.Next(3) == 0)
        {
            t.TensorContent = ByteString.CopyFrom(new byte[rng.Next(0, 40)]);
        }

        return t;
    }

    private static void Mutate(GraphDef def, Random rng)
    {
        var node = def.Node[rng.Next(def.Node.Count)];
        switch (rng.Next(6))
        {
            case 0 when node.Attr.Count > 0:
                node.Attr.Remove(node.Attr.Keys.ElementAt(rng.Next(node.Attr.Count)));
                break;
            case 1 when node.Attr.Count > 0:
                node.Attr[node.Attr.Keys.ElementAt(rng.Next(node.Attr.Count))] = RandomAttr(rng);
                break;
            case 2:
                var other = def.Node[rng.Next(def.Node.Count)].Name;
                string input = rng.Next(3) switch { 0 => other, 1 => $"{other}:{rng.Next(4)}", _ => "^" + other };
                if (node.Input.Count > 0 && rng.Next(2) == 0)
                {
                    node.Input[rng.Next(node.Input.Count)] = input;
                }
                else
                {
                    node.Input.Add(input);
                }

                break;
            case 3 when node.Input.Count > 0:
                node.Input.RemoveAt(rng.Next(node.Input.Count));
                break;
            case 4:
                node.Op = OpNames[rng.Next(OpNames.Length)];
                break;
            default:
                node.Attr[new[] { "T", "dtype", "shape", "value", "axis", "N", "strides", "padding", "perm", "transpose_a", "Tidx", "keep_dims" }[rng.Next(12)]] = RandomAttr(rng);
                break;
        }
    }

    public static TheoryData<string> Graphs() => new()
    {
        "tf2onnx-regression/graphdef/frozen.pb",
        "tf2onnx-fc-layers/frozen.pb",
        "tfnet-meta-graphs/xor.meta",
        "tfnet-meta-graphs/cond_test.meta",
        "serving-half_plus_two-v2ckpt/export.meta",
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Structurally_mutated_graphdefs_import_or_raise_documented_exceptions(string relative)
    {
        byte[] bytes = File.ReadAllBytes(TfArtifacts.PathOf(relative));
        var original = relative.EndsWith(".meta", StringComparison.Ordinal) ? MetaGraphDef.Parser.ParseFrom(bytes).GraphDef : GraphDef.Parser.ParseFrom(bytes);
        // Keep the registered ops only, so mutations reach shape inference instead of the unknown-op check.
        var known = new GraphDef();
        known.Node.AddRange(original.Node.Where(n => OpRegistry.Contains(n.Op)));
        var names = known.Node.Select(n => n.Name).ToHashSet();
        foreach (var n in known.Node)
        {
            var kept = n.Input.Where(i => names.Contains(i.TrimStart('^').Split(':')[0])).ToArray();
            n.Input.Clear();
            n.Input.AddRange(kept);
        }

        var rng = new Random(relative.Length * 7919);
        for (int i = 0; i < 500; i++)
        {
            var def = known.Clone();
            int edits = 1 + rng.Next(3);
            for (int e = 0; e < edits; e++)
            {
                Mutate(def, rng);
            }

            try
            {
                GraphDefImporter.Import(new Graph(), def, null, null, "");
            }
            catch (Exception e) when (e is GraphException or InvalidArgumentException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
            catch (Exception e)
            {
                Assert.Fail($"{relative} case {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
    }
}
