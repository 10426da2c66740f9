using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Ops;

public class OpSignatureTests
{
    private static Dictionary<string, object> Attrs(params (string Name, object Value)[] attrs) =>
        attrs.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);

    [Fact]
    public void Split_maps_each_output_to_its_index_within_the_num_split_list()
    {
        var sig = OpSignature.Parse("Split", ["split_dim: int32", "value: T"], ["output: num_split * T"]);
        var node = Attrs(("num_split", 3L), ("T", DType.Float32));
        Assert.Equal(new OpArg("split_dim", "int32", null, null, null, false), sig.Inputs[0]);
        Assert.Equal(new OpArg("output", null, "T", "num_split", null, false), sig.Outputs[0]);
        Assert.Equal(3, sig.OutputCount(node));
        Assert.Equal(2, sig.InputCount(node));
        Assert.Equal(("output", 2), sig.OutputArg(2, node));
        Assert.Equal(("value", 0), sig.InputArg(1, node));
        Assert.Equal(1, sig.OutputIndex("output", 1, node));
        Assert.Equal((0, 3), sig.OutputRange("output", node));
        Assert.Equal([new OpAttr("T", "type", null), new OpAttr("num_split", "int", 0)], sig.Attrs);
    }

    [Fact]
    public void Unpack_with_num_zero_has_no_outputs_and_an_index_past_them_names_the_op()
    {
        var sig = OpSignature.Parse("Unpack", ["value: T"], ["output: num * T"]);
        var node = Attrs(("num", 0L), ("T", DType.Float32));
        Assert.Equal(0, sig.OutputCount(node));
        var e = Assert.Throws<GraphException>(() => sig.OutputArg(0, node));
        Assert.Contains("Unpack: output 0 is out of range; the node has 0 outputs (output × 0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityN_declared_list_type_attr_gives_one_tensor_per_listed_type()
    {
        var sig = OpSignature.Parse("IdentityN", ["input: T"], ["output: T"], ["T: list(type) >= 1"]);
        var node = Attrs(("T", new[] { DType.Float32, DType.Int32, DType.Bool }));
        Assert.Equal(new OpArg("output", null, null, null, "T", false), sig.Outputs[0]);
        Assert.Equal([new OpAttr("T", "list(type)", 1)], sig.Attrs);
        Assert.Equal(3, sig.InputCount(node));
        Assert.Equal(("output", 1), sig.OutputArg(1, node));
        Assert.Equal(2, sig.InputIndex("input", 2, node));
    }

    [Fact]
    public void Switch_second_output_is_output_true_and_merge_value_index_follows_its_one_output()
    {
        var sw = OpSignature.Parse("Switch", ["data: T", "pred: bool"], ["output_false: T", "output_true: T"]);
        var node = Attrs(("T", DType.Float32));
        Assert.Equal(("output_true", 0), sw.OutputArg(1, node));
        Assert.Equal(1, sw.OutputIndex("output_true", 0, node));
        Assert.Equal(("pred", 0), sw.InputArg(1, node));

        var merge = OpSignature.Parse("Merge", ["inputs: N * T"], ["output: T", "value_index: int32"]);
        var three = Attrs(("T", DType.Float32), ("N", 3L));
        Assert.Equal(3, merge.InputCount(three));
        Assert.Equal(("inputs", 2), merge.InputArg(2, three));
        Assert.Equal(("value_index", 0), merge.OutputArg(1, three));
        Assert.Equal((1, 1), merge.OutputRange("value_index", three));
    }

    [Fact]
    public void Ref_arguments_and_fixed_types_read_back_in_register_op_syntax()
    {
        var sig = OpSignature.Parse("Assign", ["ref: Ref(T)", "value: T"], ["output_ref: Ref(T)"]);
        Assert.True(sig.Inputs[0].IsRef);
        Assert.False(sig.Inputs[1].IsRef);
        Assert.Equal("Assign(ref: Ref(T), value: T) -> (output_ref: Ref(T))", sig.ToString());
        Assert.Equal("offset: N * int32", OpSignature.Parse("ConcatOffset", [], ["offset: N * int32"]).Outputs[0].ToString());
    }

    [Fact]
    public void A_missing_length_attr_and_an_unknown_argument_are_clear_errors()
    {
        var sig = OpSignature.Parse("Split", ["split_dim: int32", "value: T"], ["output: num_split * T"]);
        var e = Assert.Throws<GraphException>(() => sig.OutputCount(Attrs(("T", DType.Float32))));
        Assert.Contains("Split: attr 'num_split' (the length of argument 'output') is not set", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<GraphException>(() => sig.OutputIndex("values", 0, Attrs(("num_split", 2L))));
        Assert.Contains("Split has no output argument 'values' (its outputs: output × 2)", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<GraphException>(() => sig.OutputIndex("output", 2, Attrs(("num_split", 2L))));
        Assert.Contains("has 2 tensors; index 2 is out of range", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<GraphException>(() => sig.OutputCount(Attrs(("num_split", DType.Int32))));
        Assert.Contains("not the non-negative int argument 'output' needs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x T", "is not REGISTER_OP syntax")]
    [InlineData("X: T", "is not REGISTER_OP syntax")]
    [InlineData("x: Ref(T", "is not REGISTER_OP syntax")]
    [InlineData("x: N * ", "is not REGISTER_OP syntax")]
    public void Malformed_arguments_are_rejected_naming_the_op_and_the_string(string arg, string message)
    {
        var e = Assert.Throws<GraphException>(() => OpSignature.Parse("Bad", [arg], []));
        Assert.Contains($"Bad: argument '{arg}' {message}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_and_attrs_used_as_two_kinds_are_rejected()
    {
        Assert.Contains("argument name 'x' is used twice",
            Assert.Throws<GraphException>(() => OpSignature.Parse("Bad", ["x: T"], ["x: T"])).Message, StringComparison.Ordinal);
        Assert.Contains("attr 'N' is declared 'int' but an argument uses it as 'type'",
            Assert.Throws<GraphException>(() => OpSignature.Parse("Bad", ["a: N * T", "b: N"], [])).Message, StringComparison.Ordinal);
        Assert.Contains("repeats a list(type) attr",
            Assert.Throws<GraphException>(() => OpSignature.Parse("Bad", ["a: N * T"], [], ["T: list(type)"])).Message, StringComparison.Ordinal);
        Assert.Contains("attr 'T' is declared twice",
            Assert.Throws<GraphException>(() => OpSignature.Parse("Bad", [], [], ["T: type", "T: list(type)"])).Message, StringComparison.Ordinal);
        Assert.Contains("has unknown kind 'tuple'",
            Assert.Throws<GraphException>(() => OpSignature.Parse("Bad", [], [], ["T: tuple"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attr_lines_keep_tensorflow_kinds_and_minimums_and_skip_defaults()
    {
        var sig = OpSignature.Parse("A", [], [],
            ["N: int >= 2", "T: {half, float, double} = DT_FLOAT", "padding: {'SAME', 'VALID'}", "Tout: list({float, int64}) >= 0", "shape: shape = { unknown_rank: true }"]);
        Assert.Equal(
            [new OpAttr("N", "int", 2), new OpAttr("T", "type", null), new OpAttr("padding", "string", null),
             new OpAttr("Tout", "list(type)", 0), new OpAttr("shape", "shape", null)],
            sig.Attrs);
    }

    [Fact]
    public void Flat_output_indices_and_argument_positions_are_inverse()
    {
        var sig = OpSignature.Parse("Mixed", [], ["a: T", "b: N * T", "c: L", "d: int32"], ["L: list(type)"]);
        var lengths = from n in Gen.Choose(0, 5)
                      from l in Gen.Choose(0, 5)
                      select (n, l);
        Check.One(Config.QuickThrowOnFailure.WithQuietOnSuccess(true), Prop.ForAll(Arb.From(lengths), t =>
        {
            var node = Attrs(("N", (long)t.n), ("L", Enumerable.Repeat(DType.Float32, t.l).ToArray()));
            Assert.Equal(2 + t.n + t.l, sig.OutputCount(node));
            for (int i = 0; i < sig.OutputCount(node); i++)
            {
                var (arg, index) = sig.OutputArg(i, node);
                Assert.Equal(i, sig.OutputIndex(arg, index, node));
            }

            Assert.Equal(("d", 0), sig.OutputArg(1 + t.n + t.l, node));
        }));
    }

    [Fact]
    public void Parsed_signatures_are_cached_per_op_definition()
    {
        var def = OpRegistry.Get("MatMul");
        Assert.Same(OpSignature.Of(def), OpSignature.Of(def));
        Assert.Equal("MatMul(a: T, b: T) -> (product: T)", OpSignature.Require(def).ToString());
        var bare = def with { Inputs = null };
        Assert.Null(OpSignature.Of(bare));
        Assert.Contains("Op 'MatMul' declares no TensorFlow argument signature", Assert.Throws<GraphException>(() => OpSignature.Require(bare)).Message, StringComparison.Ordinal);
    }
}
