using Tensorflow;

namespace StaticGraph.Tests.IO;

public class TextFormatArtifactTests
{
    public static TheoryData<string> PbtxtFiles()
    {
        var data = new TheoryData<string>();
        foreach (string f in TfArtifacts.Find("*.pbtxt"))
        {
            data.Add(TfArtifacts.Relative(f));
        }

        return data;
    }

    public static TheoryData<string> CheckpointStateFiles()
    {
        var data = new TheoryData<string>();
        foreach (string f in TfArtifacts.Find("checkpoint"))
        {
            data.Add(TfArtifacts.Relative(f));
        }

        return data;
    }

    [Fact]
    public void The_artifacts_hold_text_graphs_and_checkpoint_state_files()
    {
        Assert.True(PbtxtFiles().Count >= 2);
        Assert.True(CheckpointStateFiles().Count >= 3);
    }

    [Theory]
    [MemberData(nameof(PbtxtFiles))]
    public void Every_TF_pbtxt_parses_and_prints_back_to_text_that_reparses_equal(string relative)
    {
        var graph = TextFormat.Parse<GraphDef>(File.ReadAllText(TfArtifacts.PathOf(relative)));
        Assert.NotEmpty(graph.Node);
        string printed = TextFormat.Print(graph);
        Assert.Equal(graph, TextFormat.Parse<GraphDef>(printed));
        Assert.Equal(printed, TextFormat.Print(TextFormat.Parse<GraphDef>(printed)));
    }

    [Fact]
    public void The_mnist_summaries_pbtxt_has_what_the_manifest_lists()
    {
        var graph = TextFormat.Parse<GraphDef>(File.ReadAllText(TfArtifacts.PathOf("tb-mnist_with_summaries/graphdef_mnist.pbtxt")));
        Assert.Equal(364, graph.Node.Count);
        Assert.Equal(17, graph.Versions.Producer);
        var w = graph.Node.Single(n => n.Name == "layer1/weights/Variable");
        Assert.Equal("Variable", w.Op);
        Assert.Equal([784L, 500L], w.Attr["shape"].Shape.Dim.Select(d => d.Size));
    }

    [Theory]
    [MemberData(nameof(CheckpointStateFiles))]
    public void Checkpoint_state_files_parse_as_CheckpointState(string relative)
    {
        var state = TextFormat.Parse<CheckpointState>(File.ReadAllText(TfArtifacts.PathOf(relative)));
        Assert.NotEmpty(state.ModelCheckpointPath);
        Assert.Contains(state.ModelCheckpointPath, state.AllModelCheckpointPaths);
        Assert.Equal(state, TextFormat.Parse<CheckpointState>(TextFormat.Print(state)));
    }

    [Fact]
    public void The_regression_checkpoint_state_names_model()
    {
        var state = TextFormat.Parse<CheckpointState>(File.ReadAllText(TfArtifacts.PathOf("tf2onnx-regression/checkpoint/checkpoint")));
        Assert.Equal("model", state.ModelCheckpointPath);
        Assert.Equal("model_checkpoint_path: \"model\"\nall_model_checkpoint_paths: \"model\"\n", TextFormat.Print(state));
    }

    [Fact]
    public void Binary_artifacts_print_to_text_that_reparses_equal()
    {
        foreach (string rel in new[] { "tf2onnx-regression/graphdef/frozen.pb", "tf2onnx-lstm/frozen.pb", "mlnet-model_matmul/frozen_saved_model.pb" })
        {
            var graph = GraphDef.Parser.ParseFrom(File.ReadAllBytes(TfArtifacts.PathOf(rel)));
            Assert.Equal(graph, TextFormat.Parse<GraphDef>(TextFormat.Print(graph)));
        }

        foreach (string meta in TfArtifacts.Find("*.meta"))
        {
            var mg = MetaGraphDef.Parser.ParseFrom(File.ReadAllBytes(meta));
            Assert.Equal(mg, TextFormat.Parse<MetaGraphDef>(TextFormat.Print(mg)));
        }
    }
}
