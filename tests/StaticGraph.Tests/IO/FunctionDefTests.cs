using Google.Protobuf;
using Tensorflow;

namespace StaticGraph.Tests.IO;

public class FunctionDefTests
{
    [Fact]
    public void A_graph_with_cond_and_while_exports_its_bodies_as_a_function_library()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            var y = tf.cond(x > 0, () => x * 2, () => x - 1, name: "branch");
            tf.while_loop(v => v < 100f, v => v * y, x, name: "grow");
            var def = g.ToGraphDef();
            var names = def.Library.Function.Select(f => f.Signature.Name).ToArray();
            Assert.Equal(4, names.Length);
            Assert.Contains("cond_true_0", names);
            var body = def.Library.Function.Single(f => f.Signature.Name == "while_body_0");
            Assert.Equal(2, body.Signature.InputArg.Count); // the loop variable and the captured y
            Assert.All(body.NodeDef.SelectMany(n => n.Input).Where(i => i.Contains(':', StringComparison.Ordinal)),
                i => Assert.Equal(3, i.Split(':').Length)); // node:output_arg:index
            var node = def.Node.Single(n => n.Name == "branch");
            Assert.Equal("StatelessIf", node.Op);
            Assert.Equal("cond_true_0", node.Attr["then_branch"].Func.Name);
        }
    }

    [Fact]
    public void Exported_control_flow_imports_into_a_new_graph_and_computes_the_same()
    {
        GraphDef def;
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [], name: "x");
            var y = tf.cond(x > 0, () => x * 2, () => x - 1, name: "branch");
            tf.identity(tf.while_loop(v => v < 100f, v => v * y, x, name: "grow"), name: "out");
            def = GraphDef.Parser.ParseFrom(g.ToGraphDef().ToByteArray());
        }

        var h = new Graph();
        using (h.AsDefault())
        {
            tf.import_graph_def(def, name: "");
            using var sess = tf.Session();
            var feed = new FeedDict { ["x:0"] = 3f };
            Assert.Equal(3f * 6 * 6, sess.Run(h.GetTensorByName("out:0"), feed).Item<float>());
            Assert.Equal(500f, sess.Run(h.GetTensorByName("out:0"), new FeedDict { ["x:0"] = -4f }).Item<float>());
        }
    }

    [Fact]
    public void A_reference_to_a_missing_function_names_it()
    {
        var def = new GraphDef();
        def.Node.Add(new NodeDef
        {
            Name = "w",
            Op = "StatelessWhile",
            Attr = { ["T"] = new AttrValue { List = new AttrValue.Types.ListValue() }, ["cond"] = new AttrValue { Func = new NameAttrList { Name = "nowhere" } } },
        });
        def.Library = new FunctionDefLibrary();
        def.Library.Function.Add(new FunctionDef { Signature = new Tensorflow.OpDef { Name = "other" } });
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.ThrowsAny<GraphException>(() => tf.import_graph_def(def, name: ""));
            Assert.Contains("nowhere", e.Message, StringComparison.Ordinal);
        }
    }
}
