using StaticGraph.IO;
using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph.Tests.IO;

/// <summary>Golden tests against real TensorFlow: the <c>stripped_op_list</c> of the meta graphs in
/// ../shared/tf-artifacts holds TF's own OpDefs, so our signatures' argument lists must equal theirs.</summary>
public class StrippedOpListTests
{
    // Ops whose TF signature changed since the only artifact that holds them was written.
    private static readonly Dictionary<string, string> Changed = new(StringComparer.Ordinal)
    {
        ["Where"] = "TF 0.11 took only a bool input; TF 1.x generalized it to 'input: T'",
    };

    private static string Show(Tensorflow.OpDef.Types.ArgDef a) =>
        $"{a.Name}: type={a.Type} type_attr={a.TypeAttr} number_attr={a.NumberAttr} type_list_attr={a.TypeListAttr} ref={a.IsRef}";

    private static string[] Args(Tensorflow.OpDef op) => [.. op.InputArg.Select(Show), "->", .. op.OutputArg.Select(Show)];

    // 1.x files first (StaticGraph claims TF 1.15), then TF 2, then 0.x; newest first within each.
    private static (int, int, int, int) Rank(string version)
    {
        int[] v = version.Split('.').Select(p => int.TryParse(p, out int n) ? n : 0).Concat([0, 0, 0]).Take(3).ToArray();
        return (v[0] == 1 ? 2 : v[0] == 2 ? 1 : 0, v[0], v[1], v[2]);
    }

    /// <summary>For each op in any artifact's stripped_op_list, TF's OpDef from the most relevant file.</summary>
    private static Dictionary<string, (string Path, Tensorflow.OpDef Op)> TensorflowOps()
    {
        var best = new Dictionary<string, (string Path, Tensorflow.OpDef Op, (int, int, int, int) Rank)>(StringComparer.Ordinal);
        foreach (var (path, meta) in TfArtifacts.MetaGraphs())
        {
            var rank = Rank(meta.MetaInfoDef?.TensorflowVersion ?? "");
            foreach (var op in meta.MetaInfoDef?.StrippedOpList?.Op ?? [])
            {
                if (!best.TryGetValue(op.Name, out var seen) || rank.CompareTo(seen.Rank) > 0)
                {
                    best[op.Name] = (path, op, rank);
                }
            }
        }

        return best.ToDictionary(kv => kv.Key, kv => (kv.Value.Path, kv.Value.Op), StringComparer.Ordinal);
    }

    [Fact]
    public void Op_signatures_equal_the_argument_lists_of_real_tensorflow_meta_graphs()
    {
        var mismatches = new List<string>();
        int compared = 0;
        foreach (var (name, (path, op)) in TensorflowOps().Where(kv => OpRegistry.Contains(kv.Key) && !Changed.ContainsKey(kv.Key)))
        {
            var sig = OpSignature.Require(OpRegistry.Get(name));
            string[] ours = [.. sig.Inputs.Select(MetaGraphExporter.ToArgDef).Select(Show), "->", .. sig.Outputs.Select(MetaGraphExporter.ToArgDef).Select(Show)];
            if (!ours.SequenceEqual(Args(op)))
            {
                mismatches.Add($"{name} ({path}):\n  TF:   {string.Join("; ", Args(op))}\n  ours: {string.Join("; ", ours)}");
            }

            compared++;
        }

        Assert.Empty(mismatches);
        Assert.Equal(108, compared); // registered ops found in the artifacts (Switch, Merge and ReverseSequence among them), less Where, excused above
    }

    [Fact]
    public void Attrs_the_arguments_reference_have_the_kinds_tensorflow_declares()
    {
        var mismatches = new List<string>();
        foreach (var (name, (path, op)) in TensorflowOps().Where(kv => OpRegistry.Contains(kv.Key) && !Changed.ContainsKey(kv.Key)))
        {
            foreach (var attr in OpSignature.Require(OpRegistry.Get(name)).Attrs)
            {
                var tf = op.Attr.FirstOrDefault(a => a.Name == attr.Name);
                if (tf?.Type != attr.Type)
                {
                    mismatches.Add($"{name}.{attr.Name} ({path}): TF {tf?.Type ?? "(none)"}, ours {attr.Type}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void A_reexported_tensorflow_meta_graph_lists_the_ops_with_tensorflows_arguments_and_attr_kinds()
    {
        var original = MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(TfArtifacts.PathOf("tfnet-meta-graphs/xor.meta")));
        var g = new Graph();
        MetaGraphDef again;
        using (g.AsDefault())
        {
            tf.train.import_meta_graph(original);
            again = tf.train.export_meta_graph(graph: g);
        }

        var theirs = original.MetaInfoDef.StrippedOpList.Op.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var shared = again.MetaInfoDef.StrippedOpList.Op.Where(o => theirs.ContainsKey(o.Name)).ToArray();
        Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), shared.Select(o => o.Name));
        foreach (var op in shared)
        {
            Assert.Equal(Args(theirs[op.Name]), Args(op));
            // StaticGraph's IsStateful also covers ref updates (Assign, Apply*), which TF declares stateless.
            Assert.True(op.IsStateful || !theirs[op.Name].IsStateful, $"{op.Name} is stateful in TF");
            foreach (var attr in op.Attr)
            {
                Assert.Equal((op.Name, attr.Name, theirs[op.Name].Attr.Single(a => a.Name == attr.Name).Type), (op.Name, attr.Name, attr.Type));
            }
        }
    }

    [Fact]
    public void Exported_ops_carry_refs_fixed_types_and_type_list_attrs()
    {
        var g = new Graph();
        MetaGraphDef meta;
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, new Shape(-1, 2), name: "x");
            var w = tf.Variable(tf.zeros(new Shape(2, 1)), name: "w");
            var loss = tf.reduce_sum(tf.matmul(x, w));
            tf.train.AdamOptimizer(0.1).Minimize(loss);
            tf.train.Saver();
            meta = tf.train.export_meta_graph();
        }

        var ops = meta.MetaInfoDef.StrippedOpList.Op.ToDictionary(o => o.Name, StringComparer.Ordinal);
        Assert.Equal(["a: type=DtInvalid type_attr=T number_attr= type_list_attr= ref=False", "b: type=DtInvalid type_attr=T number_attr= type_list_attr= ref=False", "->",
            "product: type=DtInvalid type_attr=T number_attr= type_list_attr= ref=False"], Args(ops["MatMul"]));
        Assert.Equal(["var", "m", "v"], ops["ApplyAdam"].InputArg.Where(a => a.IsRef).Select(a => a.Name));
        Assert.Equal("out", Assert.Single(ops["ApplyAdam"].OutputArg, a => a.IsRef).Name);
        Assert.Equal(DataType.DtString, ops["SaveV2"].InputArg[0].Type);
        Assert.Equal("dtypes", ops["SaveV2"].InputArg[3].TypeListAttr);
        var dtypes = ops["SaveV2"].Attr.Single(a => a.Name == "dtypes");
        Assert.Equal(("list(type)", true, 1L), (dtypes.Type, dtypes.HasMinimum, dtypes.Minimum));
        Assert.Equal("bool", ops["MatMul"].Attr.Single(a => a.Name == "transpose_a").Type);
        Assert.False(ops["MatMul"].Attr.Single(a => a.Name == "transpose_a").DefaultValue.B);
        Assert.Empty(ops["NoOp"].InputArg.Concat(ops["NoOp"].OutputArg));
    }
}
