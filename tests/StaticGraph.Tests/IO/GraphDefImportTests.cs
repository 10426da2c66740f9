using StaticGraph.IO;
using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph.Tests.IO;

public class GraphDefImportTests
{
    private static GraphDef Load(string relative) => GraphDef.Parser.ParseFrom(File.ReadAllBytes(TfArtifacts.PathOf(relative)));

    private static string[] MissingOps(GraphDef def) =>
        def.Node.Select(n => n.Op).Distinct().Where(op => !OpRegistry.Contains(op)).Order(StringComparer.Ordinal).ToArray();

    private static float[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();
    }

    [Fact]
    public void The_frozen_regression_graph_computes_its_trained_line()
    {
        var def = Load("tf2onnx-regression/graphdef/frozen.pb");
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(def, name: "");
            Assert.Equal(def.Node.Count, g.Operations.Count);
            Assert.Equal(8, g.Operations.Count);
            using var sess = tf.Session(g);
            float[] x = [0f, 1f, -2f, 10.5f];
            var y = sess.Run(g.GetTensorByName("pred:0"), new FeedDict { [g.GetTensorByName("X:0")] = x }).ToArray<float>();
            Assert.Equal(x.Select(v => (0.21396178f * v) + 1.04952538f).ToArray(), y, (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public void Import_defaults_to_the_import_scope_uniquified_and_returns_tensors_and_operations()
    {
        var def = Load("tf2onnx-regression/graphdef/frozen.pb");
        var g = new Graph();
        using (g.AsDefault())
        {
            var first = tf.import_graph_def(def, return_elements: ["pred:0", "Mul"]);
            var second = tf.import_graph_def(def, return_elements: ["pred:0"]);
            var pred = Assert.IsType<Tensor>(first[0]);
            Assert.Equal("import/pred:0", pred.Name);
            Assert.Equal("import/Mul", Assert.IsType<Operation>(first[1]).Name);
            Assert.Equal("import_1/pred:0", ((Tensor)second[0]).Name);
            Assert.Equal(16, g.Operations.Count);
            Assert.Empty(tf.import_graph_def(def, name: "third"));
        }
    }

    [Fact]
    public void Input_map_replaces_tensors_and_mapped_return_elements_are_the_replacements()
    {
        var def = Load("tf2onnx-regression/graphdef/frozen.pb");
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(new[] { 2f, 4f });
            var outs = tf.import_graph_def(def, input_map: new() { ["X:0"] = x }, return_elements: ["pred:0", "X:0"]);
            Assert.Same(x, outs[1]);
            using var sess = tf.Session(g);
            var y = sess.Run((Tensor)outs[0]).ToArray<float>();
            Assert.Equal(new[] { (0.21396178f * 2) + 1.04952538f, (0.21396178f * 4) + 1.04952538f }, y);
            Assert.Equal(1 + def.Node.Count, g.Operations.Count);
        }
    }

    [Fact]
    public void The_frozen_fc_layers_graph_runs_a_784_to_10_MLP_matching_its_weights()
    {
        var def = Load("tf2onnx-fc-layers/frozen.pb");
        Assert.Empty(MissingOps(def));
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(def, name: "");
            Assert.Equal(def.Node.Count, g.Operations.Count);
            const int n = 3;
            float[] x = Random(n * 784, 1);
            using var sess = tf.Session(g);
            var y = sess.Run(g.GetTensorByName("output:0"), new FeedDict { ["X:0"] = NDArray.FromArray(x, n, 784) });
            Assert.Equal(new Shape(n, 10), y.Shape);

            // The same MLP by hand from the Const weights: relu(relu(x W1 + b1) W2 + b2) W3 + b3.
            float[] Weights(string name) => TensorProtoConverter.ToNDArray(def.Node.Single(d => d.Name == name).Attr["value"].Tensor).ToArray<float>();
            float[] h = Dense(x, n, 784, Weights("dense/kernel"), Weights("dense/bias"), 256, relu: true);
            h = Dense(h, n, 256, Weights("dense_1/kernel"), Weights("dense_1/bias"), 256, relu: true);
            float[] expected = Dense(h, n, 256, Weights("pred/kernel"), Weights("pred/bias"), 10, relu: false);
            Assert.Equal(expected, y.ToArray<float>(), (a, b) => Math.Abs(a - b) <= 1e-4f * (1 + Math.Abs(a)));
        }
    }

    private static float[] Dense(float[] x, int n, int k, float[] w, float[] b, int m, bool relu)
    {
        var y = new float[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double s = b[j];
                for (int p = 0; p < k; p++)
                {
                    s += (double)x[(i * k) + p] * w[(p * m) + j];
                }

                y[(i * m) + j] = relu ? (float)Math.Max(0, s) : (float)s;
            }
        }

        return y;
    }

    [Fact]
    public void The_frozen_lstm_graph_runs_on_N_by_784()
    {
        var def = Load("tf2onnx-lstm/frozen.pb");
        Assert.Empty(MissingOps(def));
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(def, name: "");
            Assert.Equal(def.Node.Count, g.Operations.Count);
            using var sess = tf.Session(g);
            var feed = new FeedDict { ["X:0"] = NDArray.FromArray(Random(2 * 784, 2), 2, 784), ["keep_prob:0"] = 1f };
            var y = sess.Run(g.GetTensorByName("output:0"), feed);
            Assert.Equal(new Shape(2, 10), y.Shape);
            Assert.All(y.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void The_mlnet_batch_matmul_graph_runs()
    {
        var def = Load("mlnet-model_matmul/frozen_saved_model.pb");
        Assert.Empty(MissingOps(def));
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(def, name: "");
            using var sess = tf.Session(g);
            var a = NDArray.FromArray(new[] { 1f, 2, 3, 4, 1, 0, 0, 1 }, 2, 2, 2);
            var b = NDArray.FromArray(new[] { 5f, 6, 7, 8, 2, 3, 4, 5 }, 2, 2, 2);
            var c = sess.Run(g.GetTensorByName("c:0"), new FeedDict { ["a:0"] = a, ["b:0"] = b });
            Assert.Equal(new[] { 19f, 22, 43, 50, 2, 3, 4, 5 }, c.ToArray<float>());
        }
    }

    [Fact]
    public void Legacy_Variable_ops_from_a_TF_0_12_meta_graph_import_initialize_and_compute()
    {
        var meta = MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(TfArtifacts.PathOf("serving-half_plus_two-v2ckpt/export.meta")));
        var sub = tf.graph_util.extract_sub_graph(meta.GraphDef, ["Add", "init"]);
        Assert.Equal(12, sub.Node.Count);
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(sub, name: "");
            Assert.Equal("Variable", g.GetOperationByName("Variable").Type);
            using var sess = tf.Session(g);
            sess.Run(g.GetOperationByName("init"));
            var y = sess.Run(g.GetTensorByName("Add:0"), new FeedDict { ["Placeholder:0"] = 3f });
            Assert.Equal(3.5f, y.Item<float>());

            var frozen = tf.graph_util.convert_variables_to_constants(sess, g.ToGraphDef(), ["Add"]);
            Assert.Equal(["Const", "Const"], frozen.Node.Where(n => n.Name is "Variable" or "Variable_1").Select(n => n.Op));
            Assert.DoesNotContain(frozen.Node, n => n.Op is "Assign" or "NoOp" or "Variable");
        }
    }

    private static GraphDef Parse(string text) => TextFormat.Parse<GraphDef>(text);

    private const string Two = """
        node { name: "b" op: "Identity" input: "a" attr { key: "T" value { type: DT_FLOAT } } }
        node { name: "a" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: 1.5 } } } }
        """;

    [Fact]
    public void Nodes_in_any_order_are_sorted_once_and_each_becomes_exactly_one_operation()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            tf.import_graph_def(Parse(Two), name: "");
            Assert.Equal(["a", "b"], g.Operations.Select(o => o.Name));
            using var sess = tf.Session(g);
            Assert.Equal(new[] { 1.5f, 1.5f }, sess.Run(g.GetTensorByName("b:0")).ToArray<float>());
        }
    }

    [Fact]
    public void Unknown_op_types_are_all_reported_at_once_and_nothing_is_added()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var e = Assert.Throws<GraphException>(() => tf.import_graph_def(Parse(
                "node { name: \"x\" op: \"Frobnicate\" } node { name: \"y\" op: \"Zap\" } node { name: \"z\" op: \"Zap\" } node { name: \"n\" op: \"NoOp\" }")));
            Assert.Contains("unknown op types: Frobnicate, Zap", e.Message, StringComparison.Ordinal);
            Assert.Empty(g.Operations);
        }
    }

    [Fact]
    public void A_cycle_is_an_error_naming_its_nodes()
    {
        var e = Assert.Throws<GraphException>(() => GraphDefImporter.Import(new Graph(), Parse("""
            node { name: "p" op: "NoOp" }
            node { name: "a" op: "NoOp" input: "^b" }
            node { name: "b" op: "NoOp" input: "^a" input: "^p" }
            """), null, null, ""));
        Assert.Contains("cycle", e.Message, StringComparison.Ordinal);
        Assert.Contains("'a', 'b'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'p'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node { name: \"a\" op: \"NoOp\" } node { name: \"a\" op: \"NoOp\" }", "two nodes named 'a'")]
    [InlineData("node { name: \"b\" op: \"NoOp\" input: \"^missing\" }", "no node 'missing'")]
    [InlineData("node { name: \"b\" op: \"Identity\" input: \"a:x\" }", "malformed input 'a:x'")]
    [InlineData("node { name: \"\" op: \"NoOp\" }", "empty name")]
    [InlineData("node { name: \"n\" op: \"NoOp\" } node { name: \"b\" op: \"Identity\" input: \"n:0\" }", "has 0 outputs")]
    [InlineData("node { name: \"c\" op: \"Const\" attr { key: \"value\" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } } tensor_content: \"abc\" } } } }", "needs 8 bytes")]
    [InlineData("node { name: \"c\" op: \"Const\" attr { key: \"value\" value { tensor { dtype: DT_HALF } } } }", "Unsupported TensorFlow DataType 19")]
    [InlineData("node { name: \"c\" op: \"Placeholder\" }", "'dtype' is not set")]
    [InlineData("node { name: \"r\" op: \"Rank\" } node { name: \"s\" op: \"Reshape\" input: \"r\" input: \"r\" }", "expected 1 inputs, got 0")]
    public void Malformed_graphdefs_are_clear_graph_errors(string text, string expected)
    {
        var e = Assert.Throws<GraphException>(() => GraphDefImporter.Import(new Graph(), Parse(text), null, null, ""));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unused_input_map_keys_and_unknown_return_elements_are_errors()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.constant(1f);
            var e1 = Assert.Throws<GraphException>(() => tf.import_graph_def(Parse(Two), input_map: new() { ["nope:0"] = x }));
            Assert.Contains("not found in graph_def: [nope:0]", e1.Message, StringComparison.Ordinal);
            var e2 = Assert.Throws<GraphException>(() => tf.import_graph_def(Parse(Two), return_elements: ["zz:0"]));
            Assert.Contains("'zz:0' not found", e2.Message, StringComparison.Ordinal);
            Assert.Single(g.Operations);
        }
    }

    [Fact]
    public void Old_producers_read_a_placeholder_shape_of_empty_braces_as_unknown()
    {
        const string Node = "node { name: \"x\" op: \"Placeholder\" attr { key: \"dtype\" value { type: DT_FLOAT } } attr { key: \"shape\" value { shape { } } } }";
        var old = new Graph();
        GraphDefImporter.Import(old, Parse(Node + " versions { producer: 17 }"), null, null, "");
        Assert.Equal(Shape.Unknown, old.GetTensorByName("x:0").Shape);
        var current = new Graph();
        GraphDefImporter.Import(current, Parse(Node + " versions { producer: 27 }"), null, null, "");
        Assert.Equal(Shape.Scalar, current.GetTensorByName("x:0").Shape);
    }

    [Fact]
    public void Missing_attrs_take_the_op_defaults_and_TF_extras_are_tolerated()
    {
        var g = new Graph();
        GraphDefImporter.Import(g, Parse("""
            node { name: "v" op: "VariableV2" device: "/job:localhost/device:CPU:0"
              attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "shape" value { shape { dim { size: 2 } } } }
              attr { key: "_class" value { list { s: "loc:@v" } } }
              attr { key: "_output_shapes" value { list { shape { dim { size: 2 } } } } } }
            """), null, null, "");
        var v = g.GetOperationByName("v");
        Assert.Equal("", v.GetAttr<string>("container"));
        Assert.Equal(["loc:@v"], v.GetAttr<string[]>("_class"));
        Assert.Equal("/job:localhost/device:CPU:0", v.Device);
        Assert.Equal(new Shape(2), v.Outputs[0].Shape);
    }
}
