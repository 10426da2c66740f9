using Tensorflow;
using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class SavedModelTests
{
    private static readonly string[] Serve = [tf.saved_model.tag_constants.SERVING];

    private static NDArray Run(Session sess, MetaGraphDef meta, string signature, string output, params (string Key, NDArray Value)[] inputs)
    {
        var sig = meta.SignatureDef[signature];
        var feed = new FeedDict();
        foreach (var (key, value) in inputs)
        {
            feed[sess.Graph.GetTensorByName(sig.Inputs[key].Name)] = value;
        }

        return sess.Run(sess.Graph.GetTensorByName(sig.Outputs[output].Name), feed);
    }

    [Fact]
    public void Tensorflow_counter_saved_model_loads_restores_and_counts()
    {
        using var sess = new Session(new Graph());
        var meta = tf.saved_model.loader.load(sess, Serve, Artifact("serving-saved_model_counter"));
        Assert.Equal("counter:0", meta.SignatureDef["get_counter"].Outputs["output"].Name);
        Assert.Equal(["counter:0"], sess.Graph.GetCollection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES).Select(v => v.Name));
        Assert.Equal(0f, Run(sess, meta, "get_counter", "output").Item<float>());
        Assert.Equal(1f, Run(sess, meta, "incr_counter", "output").Item<float>());
        Assert.Equal(2f, Run(sess, meta, "incr_counter", "output").Item<float>());
        Assert.Equal(5.5f, Run(sess, meta, "incr_counter_by", "output", ("delta", NDArray.Scalar(3.5f))).Item<float>());
        Assert.Equal(5.5f, Run(sess, meta, "get_counter", "output").Item<float>());
        Assert.Equal(0f, Run(sess, meta, "reset_counter", "output").Item<float>());
    }

    [Fact]
    public void Tensorflow_matmul_saved_model_without_variables_loads_and_computes()
    {
        using var sess = new Session(new Graph());
        var meta = tf.saved_model.loader.load(sess, Serve, Artifact("mlnet-model_matmul"));
        var a = NDArray.FromArray([1f, 2f, 3f, 4f, 1f, 0f, 0f, 1f], 2, 2, 2); // placeholders are (?, 2, 2)
        var b = NDArray.FromArray([5f, 6f, 7f, 8f, 2f, 0f, 0f, 3f], 2, 2, 2);
        var c = Run(sess, meta, "serving_default", "c", ("a", a), ("b", b));
        Assert.Equal([19f, 22f, 43f, 50f, 2f, 0f, 0f, 3f], c.ToArray<float>());
    }

    [Fact]
    public void The_TF1_half_plus_two_saved_model_serves_y_equals_half_x_plus_two()
    {
        using var sess = new Session(new Graph());
        var meta = tf.saved_model.loader.load(sess, Serve, Artifact("serving-saved_model_half_plus_two_cpu"));
        var y = Run(sess, meta, "serving_default", "y", ("x", NDArray.FromArray([1f, 2f, 5f], 3, 1)));
        Assert.Equal([2.5f, 3f, 4.5f], y.ToArray<float>());
        var y3 = Run(sess, meta, "regress_x2_to_y3", "outputs", ("inputs", NDArray.FromArray([4f], 1, 1)));
        Assert.Equal([5f], y3.ToArray<float>());   // 0.5x + 3
    }

    [Fact]
    public void Signatures_over_tf_Example_fail_clearly_at_run_time()
    {
        using var sess = new Session(new Graph());
        var meta = tf.saved_model.loader.load(sess, Serve, Artifact("serving-saved_model_half_plus_two_cpu"));
        var e = Assert.Throws<InvalidArgumentException>(() =>
            Run(sess, meta, "regress_x_to_y", "outputs", ("inputs", NDArray.FromMultiDimArray(new[] { "not an example" }))));
        Assert.Contains("ParseExample", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saved_models_with_dynamic_stitch_load_and_run()
    {
        foreach (var dir in new[] { "tf2onnx-regression/saved_model", "mlnet-mnist_lr_model" })
        {
            using var sess = new Session(new Graph());
            var meta = tf.saved_model.loader.load(sess, Serve, Artifact(dir));
            Assert.NotEmpty(meta.SignatureDef);
            Assert.NotEmpty(sess.Graph.Operations);
            if (dir.StartsWith("tf2onnx", StringComparison.Ordinal))
            {
                // The same trained line as the frozen graph and the checkpoint: 0.21396178·X + 1.04952538.
                var y = sess.Run(sess.Graph.GetTensorByName("pred:0"), new FeedDict { ["X:0"] = NDArray.FromArray([2f], 1) });
                Assert.Equal((0.21396178f * 2) + 1.04952538f, y.ToArray<float>()[0], 5);
            }
        }
    }

    [Fact]
    public void TF2_saved_models_are_rejected_clearly_but_their_variables_stay_readable()
    {
        string dir = Artifact("serving-saved_model_half_plus_two_tf2_cpu");
        using var sess = new Session(new Graph());
        var e = Assert.Throws<InvalidArgumentException>(() => tf.saved_model.loader.load(sess, Serve, dir));
        Assert.Contains("TF2 functions are out of scope", e.Message, StringComparison.Ordinal);
        Assert.Equal(0.5f, tf.train.load_checkpoint(Path.Combine(dir, "variables", "variables")).GetTensor("a/.ATTRIBUTES/VARIABLE_VALUE").Item<float>());
    }

    [Fact]
    public void Wrong_tags_and_missing_files_are_clear_errors()
    {
        using var sess = new Session(new Graph());
        var e = Assert.Throws<InvalidArgumentException>(() => tf.saved_model.loader.load(sess, ["train"], Artifact("serving-saved_model_counter")));
        Assert.Contains("{'train'}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Available tag sets: {'serve'}", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<FileNotFoundException>(() => tf.saved_model.loader.load(sess, Serve, TempDir()));
        Assert.Contains("SavedModel file does not exist", missing.Message, StringComparison.Ordinal);
    }

    // half_plus_two as TF's export script builds it (y = a*x + b with a = 0.5, b = 2), plus an asset-reading main op.
    private static (Tensor X, Tensor Y) HalfPlusTwo(Graph g)
    {
        using var _ = g.AsDefault();
        var a = tf.Variable(tf.constant(0.5f), name: "a");
        var b = tf.Variable(tf.constant(2f), name: "b");
        var x = tf.placeholder(tf.float32, new Shape(-1, 1), name: "x");
        var y = tf.add(tf.multiply(a, x), b, name: "y");
        return (x, y);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Builder_then_loader_round_trips_half_plus_two(bool asText)
    {
        string dir = Path.Combine(TempDir(), "export");
        var g = new Graph();
        var (x, y) = HalfPlusTwo(g);
        using (var sess = new Session(g))
        {
            using (g.AsDefault())
            {
                sess.Run(tf.global_variables_initializer());
            }

            var builder = tf.saved_model.builder.SavedModelBuilder(dir);
            builder.AddMetaGraphAndVariables(sess, Serve, new Dictionary<string, SignatureDef>
            {
                [tf.saved_model.signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY] = tf.saved_model.signature_def_utils.predict_signature_def(
                    new Dictionary<string, Tensor> { ["x"] = x }, new Dictionary<string, Tensor> { ["y"] = y }),
            });
            Assert.EndsWith(asText ? "saved_model.pbtxt" : "saved_model.pb", builder.Save(as_text: asText), StringComparison.Ordinal);
            Assert.Throws<InvalidArgumentException>(() => builder.AddMetaGraphAndVariables(sess, ["train"]));
        }

        Assert.True(File.Exists(Path.Combine(dir, "variables", "variables.index")));
        Assert.Equal(0.5f, tf.train.load_checkpoint(Path.Combine(dir, "variables", "variables")).GetTensor("a").Item<float>());
        Assert.Throws<InvalidArgumentException>(() => tf.saved_model.builder.SavedModelBuilder(dir));

        using var loaded = new Session(new Graph());
        var meta = tf.saved_model.loader.load(loaded, Serve, dir);
        var signature = meta.SignatureDef["serving_default"];
        Assert.Equal("tensorflow/serving/predict", signature.MethodName);
        Assert.Equal("x:0", signature.Inputs["x"].Name);
        Assert.Equal(DataType.DtFloat, signature.Inputs["x"].Dtype);
        Assert.Equal(-1, signature.Inputs["x"].TensorShape.Dim[0].Size);
        var result = Run(loaded, meta, "serving_default", "y", ("x", NDArray.FromArray([0f, 1f, 2f, 5f], 4, 1)));
        Assert.Equal([2f, 2.5f, 3f, 4.5f], result.ToArray<float>());
        Assert.Equal(["a:0", "b:0"], loaded.Graph.GetCollection<Variable>(tf.GraphKeys.TRAINABLE_VARIABLES).Select(v => v.Name));
    }

    [Fact]
    public void Simple_save_and_a_main_op_fed_with_its_asset_path()
    {
        string dir = Path.Combine(TempDir(), "simple");
        var g = new Graph();
        var (x, y) = HalfPlusTwo(g);
        using (var sess = new Session(g))
        {
            using (g.AsDefault())
            {
                sess.Run(tf.global_variables_initializer());
            }

            tf.saved_model.simple_save(sess, dir, new Dictionary<string, Tensor> { ["x"] = x }, new Dictionary<string, Tensor> { ["y"] = y });
        }

        using (var loaded = new Session(new Graph()))
        {
            var meta = tf.saved_model.loader.load(loaded, Serve, dir);
            Assert.Equal([7f], Run(loaded, meta, "serving_default", "y", ("x", NDArray.FromArray([10f], 1, 1))).ToArray<float>());
        }

        // A main op that stores the fed asset path in a variable, as TF1's asset-initialized tables do.
        string dir2 = Path.Combine(TempDir(), "assets");
        var g2 = new Graph();
        using (var sess = new Session(g2))
        {
            Operation main;
            using (g2.AsDefault())
            {
                var path = tf.placeholder(tf.@string, Shape.Scalar, name: "asset_path");
                var holder = tf.Variable(tf.constant(NDArray.FromString("")), name: "holder");
                main = holder.Assign(path, name: "main_op");
                sess.Run(tf.global_variables_initializer());
            }

            var builder = tf.saved_model.builder.SavedModelBuilder(dir2);
            builder.AddMetaGraphAndVariables(sess, Serve, main_op: main);
            builder.Save();
        }

        Directory.CreateDirectory(Path.Combine(dir2, "assets"));
        File.WriteAllText(Path.Combine(dir2, "assets", "vocab.txt"), "a\nb\n");
        var model = SavedModel.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(dir2, "saved_model.pb")));
        model.MetaGraphs[0].AssetFileDef.Add(new AssetFileDef { Filename = "vocab.txt", TensorInfo = new TensorInfo { Name = "asset_path:0" } });
        File.WriteAllBytes(Path.Combine(dir2, "saved_model.pb"), Google.Protobuf.MessageExtensions.ToByteArray(model));
        using var withAssets = new Session(new Graph());
        tf.saved_model.loader.load(withAssets, Serve, dir2);
        var fed = withAssets.Run(withAssets.Graph.GetTensorByName("holder:0")).ToArray<byte[]>()[0];
        Assert.Equal(Path.Combine(dir2, "assets", "vocab.txt"), System.Text.Encoding.UTF8.GetString(fed));
    }
}
