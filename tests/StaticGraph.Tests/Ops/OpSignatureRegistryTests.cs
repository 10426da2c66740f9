using FsCheck.Fluent;
using StaticGraph.IO;
using StaticGraph.Ops;
using StaticGraph.Tests.Autodiff;
using StaticGraph.Tests.IO;

namespace StaticGraph.Tests.Ops;

/// <summary>Every registered op's TF argument signature against the registry and against nodes: the number of
/// inputs and outputs the signature implies for a node's attrs is the number the node has.</summary>
public class OpSignatureRegistryTests
{
    // Each string as parsed and printed back: a declaration that is not in canonical REGISTER_OP spacing shows here.
    private static string[] Reprinted(OpDef def)
    {
        var sig = OpSignature.Require(def);
        return [.. sig.Inputs.Select(a => a.ToString()), "->", .. sig.Outputs.Select(a => a.ToString())];
    }

    private static IEnumerable<string> Mismatches(Operation op)
    {
        var sig = OpSignature.Require(OpRegistry.Get(op.Type));
        int inputs = sig.InputCount(op.Attrs), outputs = sig.OutputCount(op.Attrs);
        if (inputs != op.Inputs.Count || outputs != op.Outputs.Count)
        {
            yield return $"{op.Name} ({sig}): signature gives {inputs} inputs, {outputs} outputs; the node has {op.Inputs.Count}, {op.Outputs.Count}";
        }
    }

    [Fact]
    public void Every_registered_op_declares_a_signature_in_canonical_register_op_syntax()
    {
        Assert.Empty(OpRegistry.All.Where(d => d.Inputs is null || d.Outputs is null).Select(d => d.Name));
        Assert.Empty(OpRegistry.All.Where(d => !Reprinted(d).SequenceEqual([.. d.Inputs!, "->", .. d.Outputs!])).Select(d => d.Name));
    }

    [Fact]
    public void A_few_signatures_read_as_tensorflow_declares_them()
    {
        Assert.Equal("ConcatV2(values: N * T, axis: Tidx) -> (output: T)", OpSignature.Require(OpRegistry.Get("ConcatV2")).ToString());
        Assert.Equal("Variable() -> (ref: Ref(dtype))", OpSignature.Require(OpRegistry.Get("Variable")).ToString());
        var restore = OpSignature.Require(OpRegistry.Get("RestoreV2"));
        Assert.Equal("dtypes", restore.Outputs[0].TypeListAttr);
        Assert.Contains(new OpAttr("dtypes", "list(type)", 1), restore.Attrs);
    }

    [Fact]
    public void Signature_arity_matches_every_node_of_the_gradient_table_graphs_and_their_gradients()
    {
        var mismatches = new List<string>();
        int nodes = 0;
        foreach (var c in OpCases.All)
        {
            foreach (var draw in Gen.Sample(c.Shapes, 10, 3))
            {
                var g = new Graph();
                using (g.AsDefault())
                {
                    var xs = draw.Shapes.Select((s, i) => tf.placeholder(DType.Float64, s, name: $"x{i}")).ToArray();
                    var y = c.Build(xs, draw, new Random(1));
                    tf.gradients(y, xs);
                }

                nodes += g.Operations.Count;
                mismatches.AddRange(g.Operations.SelectMany(Mismatches));
            }
        }

        Assert.Empty(mismatches.Distinct());
        Assert.True(nodes > 1000, $"only {nodes} nodes checked");
    }

    [Fact]
    public void Signature_arity_matches_every_registered_node_of_the_real_tensorflow_graphs()
    {
        var mismatches = new List<string>();
        int nodes = 0;
        foreach (var (path, graph) in TfArtifacts.GraphDefs())
        {
            var outputs = graph.Node.SelectMany(n => n.Input).Where(i => !i.StartsWith('^'))
                .Select(i => i.Split(':')).Where(p => p.Length == 2).ToLookup(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            foreach (var node in graph.Node.Where(n => OpRegistry.Contains(n.Op)))
            {
                var def = OpRegistry.Get(node.Op);
                var attrs = new Dictionary<string, object>(def.AttrDefaults, StringComparer.Ordinal);
                foreach (var (name, value) in node.Attr)
                {
                    attrs[name] = AttrValueConverter.FromProto(value);
                }

                var sig = OpSignature.Require(def);
                int inputs = node.Input.Count(i => !i.StartsWith('^')), count = sig.OutputCount(attrs);
                int lastUsed = outputs[node.Name].DefaultIfEmpty(-1).Max();
                if (inputs != sig.InputCount(attrs) || lastUsed >= count)
                {
                    mismatches.Add($"{path} {node.Name} ({sig}): {inputs} inputs, output {lastUsed} used; signature gives {sig.InputCount(attrs)} inputs, {count} outputs");
                }

                nodes++;
            }
        }

        Assert.Empty(mismatches);
        Assert.True(nodes > 2000, $"only {nodes} nodes checked");
    }

    [Fact]
    public void Signature_output_counts_match_the_inferred_outputs_of_imported_tensorflow_graphs()
    {
        var mismatches = new List<string>();
        int imported = 0;
        foreach (var (path, graph) in TfArtifacts.GraphDefs().Where(x => x.Graph.Node.All(n => OpRegistry.Contains(n.Op))))
        {
            var g = new Graph();
            GraphDefImporter.Import(g, graph, null, null, "");
            mismatches.AddRange(g.Operations.SelectMany(Mismatches).Select(m => $"{path}: {m}"));
            imported++;
        }

        Assert.Empty(mismatches);
        Assert.True(imported >= 8, $"only {imported} graphs imported");
    }
}
