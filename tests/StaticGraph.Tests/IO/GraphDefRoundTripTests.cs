using Tensorflow;

namespace StaticGraph.Tests.IO;

public sealed class GraphDefRoundTripTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sg-graphdef-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    private static readonly float[] Input = [0.5f, -1f, 2f, 0.25f, 3f, -0.5f, 1f, 1.5f, -2f, 0f, 0.75f, -1.25f];

    // x [-1, 3] -> dense with variables -> relu -> conv-free extras that carry list/string/bool attrs.
    private static Graph Build()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
            var w = tf.Variable(tf.constant(new[,] { { 0.1f, -0.2f }, { 0.3f, 0.4f }, { -0.5f, 0.6f } }), name: "W");
            var b = tf.Variable(tf.constant(new[] { 0.01f, -0.02f }), name: "b");
            using (tf.name_scope("layer"))
            {
                var h = tf.nn.relu(tf.matmul(x, w) + b);
                var t = tf.transpose(h, [1, 0]);
                var s = tf.reduce_sum(t, axis: [1], keepdims: true);
                tf.identity(tf.matmul(h, tf.transpose(t, [1, 0]), transpose_a: true) * 2f + tf.transpose(s, [1, 0]), name: "out");
            }
        }

        return g;
    }

    private static NDArray Run(Graph g, string output)
    {
        using var sess = tf.Session(g);
        foreach (var op in g.Operations.Where(o => o.Type == "Assign"))
        {
            sess.Run(op);
        }

        return sess.Run(g.GetTensorByName(output), new FeedDict { ["x:0"] = NDArray.FromArray(Input, 4, 3) });
    }

    [Fact]
    public void Export_writes_TF_op_names_inputs_attrs_and_versions()
    {
        var def = Build().ToGraphDef();
        Assert.Equal(27, def.Versions.Producer);
        Assert.Equal(12, def.Versions.MinConsumer);
        var w = def.Node.Single(n => n.Name == "W");
        Assert.Equal("VariableV2", w.Op);
        Assert.Equal(DataType.DtFloat, w.Attr["dtype"].Type);
        Assert.Equal([3L, 2L], w.Attr["shape"].Shape.Dim.Select(d => d.Size));
        Assert.Equal(["W", "Const"], def.Node.Single(n => n.Name == "W/Assign").Input);
        Assert.True(def.Node.Single(n => n.Name == "x").Attr["shape"].Shape.Dim[0].Size == -1);
        var matmul = def.Node.Single(n => n.Name == "layer/MatMul_1");
        Assert.True(matmul.Attr["transpose_a"].B);
        var initial = def.Node.Single(n => n.Name == "Const").Attr["value"].Tensor;
        Assert.Equal(24, initial.TensorContent.Length);
        Assert.Equal(DataType.DtFloat, initial.Dtype);
        Assert.Equal(["layer/Relu", "layer/transpose/perm"], def.Node.Single(n => n.Name == "layer/transpose").Input); // TF1 names the perm constant under the op
    }

    [Fact]
    public void Control_inputs_and_later_outputs_export_as_TF_spells_them()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var a = tf.constant(new[] { 1f, 2f, 3f, 4f });
            var parts = tf.split(a, 2);
            var noop = tf.group(a.Op);
            using (tf.control_dependencies([noop]))
            {
                tf.identity(parts[1], name: "second");
            }
        }

        var node = g.ToGraphDef().Node.Single(n => n.Name == "second");
        Assert.Equal(["split:1", "^group_deps"], node.Input);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_graph_with_variables_written_and_imported_runs_identically(bool asText)
    {
        var g = Build();
        string path = tf.train.write_graph(g, _dir, asText ? "graph.pbtxt" : "graph.pb", as_text: asText);
        Assert.Equal(Path.Combine(_dir, asText ? "graph.pbtxt" : "graph.pb"), path);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*"));
        var def = asText ? TextFormat.Parse<GraphDef>(File.ReadAllText(path)) : GraphDef.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.Equal(g.ToGraphDef(), def);

        var g2 = new Graph();
        using (g2.AsDefault())
        {
            tf.import_graph_def(def, name: "");
        }

        Assert.Equal(g.Operations.Count, g2.Operations.Count);
        Assert.Equal(def, g2.ToGraphDef());
        var expected = Run(g, "layer/out:0");
        Assert.Equal(expected.ToArray<float>(), Run(g2, "layer/out:0").ToArray<float>());
        Assert.Equal(new Shape(2, 2), expected.Shape);
    }

    [Fact]
    public void Write_graph_creates_the_folder_and_replaces_an_existing_file()
    {
        string nested = Path.Combine(_dir, "a", "b");
        tf.train.write_graph(new Graph(), nested, "g.pb", as_text: false);
        string path = tf.train.write_graph(Build(), nested, "g.pb", as_text: false);
        Assert.Equal(Build().ToGraphDef(), GraphDef.Parser.ParseFrom(File.ReadAllBytes(path)));
        Assert.Single(Directory.GetFiles(nested));
    }

    [Fact]
    public void Freezing_a_trained_graph_gives_the_same_outputs_from_constants()
    {
        var g = new Graph();
        NDArray trained;
        GraphDef frozen;
        var feed = NDArray.FromArray(Input, 4, 3);
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 3], name: "x");
            var y = tf.placeholder(tf.float32, [-1, 1], name: "y");
            var w = tf.Variable(tf.zeros([3, 1]), name: "W");
            var b = tf.Variable(tf.zeros([1]), name: "b");
            var pred = tf.identity(tf.matmul(x, w) + b, name: "pred");
            var loss = tf.reduce_mean(tf.square(pred - y));
            var train = tf.train.GradientDescentOptimizer(0.05).Minimize(loss);
            using var sess = tf.Session(g);
            sess.Run(tf.global_variables_initializer());
            var targets = NDArray.FromArray(new[] { 1f, -1f, 2f, 0.5f }, 4, 1);
            for (int i = 0; i < 20; i++)
            {
                sess.Run(train, new FeedDict { [x] = feed, [y] = targets });
            }

            trained = sess.Run(pred, new FeedDict { [x] = feed });
            frozen = tf.graph_util.convert_variables_to_constants(sess, g.ToGraphDef(), ["pred"]);
        }

        Assert.Equal(["x", "W", "W/read", "b", "b/read", "MatMul", "add", "pred"], frozen.Node.Select(n => n.Name));
        var wConst = frozen.Node.Single(n => n.Name == "W");
        Assert.Equal("Const", wConst.Op);
        Assert.Equal(12, wConst.Attr["value"].Tensor.TensorContent.Length);
        Assert.Equal(DataType.DtFloat, wConst.Attr["dtype"].Type);
        Assert.Equal("Identity", frozen.Node.Single(n => n.Name == "W/read").Op);

        var g2 = new Graph();
        using (g2.AsDefault())
        {
            tf.import_graph_def(frozen, name: "");
            using var sess = tf.Session(g2);
            var again = sess.Run(g2.GetTensorByName("pred:0"), new FeedDict { ["x:0"] = feed });
            Assert.Equal(trained.ToArray<float>(), again.ToArray<float>());
            Assert.NotEqual(new float[4], again.ToArray<float>());
        }
    }

    [Fact]
    public void Extract_sub_graph_keeps_what_the_destinations_need_in_order_and_rejects_unknown_names()
    {
        var def = Build().ToGraphDef();
        var sub = tf.graph_util.extract_sub_graph(def, ["W/read"]);
        Assert.Equal(["W"], sub.Node.Select(n => n.Name).Where(n => n != "W/read"));
        var e = Assert.Throws<GraphException>(() => tf.graph_util.extract_sub_graph(def, ["nope"]));
        Assert.Contains("'nope' not in graph", e.Message, StringComparison.Ordinal);
    }
}
