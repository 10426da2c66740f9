using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Tensorflow;

namespace StaticGraph.Tests.IO;

public class TextFormatTests
{
    [Fact]
    public void Strings_decode_C_escapes_and_concatenate_adjacent_literals()
    {
        var node = TextFormat.Parse<NodeDef>("name: \"a\\n\\t\\\"q\\\"\" 'b\\'\\\\' \"\\101\\x42\\u00e9\\?\"");
        Assert.Equal("a\n\t\"q\"b'\\AB\u00e9?", node.Name);
    }

    [Fact]
    public void Bytes_keep_octal_and_hex_escapes_and_print_back_as_CEscape_octal()
    {
        var attr = TextFormat.Parse<AttrValue>("s: \"\\000\\001\\377\\x7f ok\\r\"");
        Assert.Equal(new byte[] { 0, 1, 255, 127, 32, 111, 107, 13 }, attr.S.ToByteArray());
        Assert.Equal("s: \"\\000\\001\\377\\177 ok\\r\"\n", TextFormat.Print(attr));
    }

    [Fact]
    public void Non_ascii_strings_print_as_octal_utf8_bytes_and_read_back()
    {
        var node = new NodeDef { Name = "é/x" };
        string text = TextFormat.Print(node);
        Assert.Equal("name: \"\\303\\251/x\"\n", text);
        Assert.Equal(node, TextFormat.Parse<NodeDef>(text));
    }

    [Fact]
    public void Integers_read_decimal_hex_octal_and_negative_values()
    {
        var list = TextFormat.Parse<AttrValue>("list { i: 10 i: 0x1F i: 017 i: -5 i: -0x10 i: 0 i: 9223372036854775807 }").List;
        Assert.Equal([10L, 31L, 15L, -5L, -16L, 0L, long.MaxValue], list.I);
    }

    [Fact]
    public void Floats_read_exponents_suffixes_inf_and_nan()
    {
        var list = TextFormat.Parse<AttrValue>("list { f: 1e-3f f: 2.5 f: .5 f: 3 f: -inf f: inf f: nan f: 1E+2 f: -0.0 f: 0x10 }").List;
        Assert.Equal(1e-3f, list.F[0]);
        Assert.Equal([2.5f, 0.5f, 3f, float.NegativeInfinity, float.PositiveInfinity], list.F.Skip(1).Take(5));
        Assert.True(float.IsNaN(list.F[6]));
        Assert.Equal(100f, list.F[7]);
        Assert.True(float.IsNegative(list.F[8]));
        Assert.Equal(16f, list.F[9]);
    }

    [Fact]
    public void Floats_print_shortest_round_trip_text()
    {
        var attr = new AttrValue { List = new() };
        attr.List.F.AddRange([0.1f, 1e-8f, float.PositiveInfinity, float.NegativeInfinity, 0.21396178f, 3f]);
        string text = TextFormat.Print(attr);
        Assert.Equal("list {\n  f: 0.1\n  f: 1e-08\n  f: inf\n  f: -inf\n  f: 0.21396178\n  f: 3\n}\n", text);
        Assert.Equal(attr, TextFormat.Parse<AttrValue>(text));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("t", true)]
    [InlineData("f", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("True", true)]
    public void Bools_read_every_spelling(string text, bool expected) =>
        Assert.Equal(expected, TextFormat.Parse<AttrValue>("b: " + text).B);

    [Fact]
    public void Enums_read_by_name_or_number()
    {
        Assert.Equal(DataType.DtInt64, TextFormat.Parse<AttrValue>("type: DT_INT64").Type);
        Assert.Equal(DataType.DtDouble, TextFormat.Parse<AttrValue>("type: 2").Type);
        Assert.Equal("type: DT_DOUBLE\n", TextFormat.Print(new AttrValue { Type = DataType.DtDouble }));
    }

    [Fact]
    public void Messages_open_with_braces_or_angle_brackets_and_an_optional_colon()
    {
        var a = TextFormat.Parse<AttrValue>("shape { dim { size: 2 } dim: < size: -1 > }");
        var b = TextFormat.Parse<AttrValue>("shape: < dim: { size: 2 }, dim { size: -1 }; >");
        Assert.Equal(a, b);
        Assert.Equal([2L, -1L], a.Shape.Dim.Select(d => d.Size));
    }

    [Fact]
    public void Repeated_fields_read_repeated_lines_and_list_syntax()
    {
        var a = TextFormat.Parse<NodeDef>("input: \"a\" input: \"b:1\" input: \"^c\"");
        var b = TextFormat.Parse<NodeDef>("input: [\"a\", \"b:1\", '^c']");
        Assert.Equal(a, b);
        var shapes = TextFormat.Parse<AttrValue>("list { shape [{ dim { size: 1 } }, { unknown_rank: true }] i: [] }");
        Assert.Equal(2, shapes.List.Shape.Count);
        Assert.True(shapes.List.Shape[1].UnknownRank);
    }

    [Fact]
    public void Map_fields_read_key_value_entries_and_print_them_sorted()
    {
        var node = TextFormat.Parse<NodeDef>("""
            name: "n"
            attr { key: "b" value { i: 2 } }
            attr { value { s: "x" } key: "a" }
            attr: { key: "c", value: < f: 1.5 > }
            """);
        Assert.Equal(2, node.Attr["b"].I);
        Assert.Equal("x", node.Attr["a"].S.ToStringUtf8());
        Assert.Equal(1.5f, node.Attr["c"].F);
        Assert.Equal("""
            name: "n"
            attr {
              key: "a"
              value {
                s: "x"
              }
            }
            attr {
              key: "b"
              value {
                i: 2
              }
            }
            attr {
              key: "c"
              value {
                f: 1.5
              }
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal), TextFormat.Print(node));
    }

    [Fact]
    public void Scalar_valued_maps_read_and_default_missing_parts()
    {
        var sig = TextFormat.Parse<SignatureDef>("inputs { key: \"x\" value { name: \"x:0\" dtype: DT_FLOAT } } inputs { key: \"empty\" }");
        Assert.Equal("x:0", sig.Inputs["x"].Name);
        Assert.Equal(new TensorInfo(), sig.Inputs["empty"]);
    }

    [Fact]
    public void Any_reads_the_expanded_form_for_registered_types_and_the_raw_form()
    {
        var def = TextFormat.Parse<CollectionDef>("""
            any_list {
              value { [type.googleapis.com/tensorflow.NodeDef] { name: "packed" op: "NoOp" } }
              value { type_url: "type.googleapis.com/tensorflow.NodeDef" value: "\n\001r" }
            }
            """);
        Assert.Equal("packed", def.AnyList.Value[0].Unpack<NodeDef>().Name);
        Assert.Equal("r", def.AnyList.Value[1].Unpack<NodeDef>().Name);
        Assert.Equal(def, TextFormat.Parse<CollectionDef>(TextFormat.Print(def)));
    }

    [Fact]
    public void Any_of_an_unknown_type_is_an_error_naming_it()
    {
        var e = Assert.Throws<TextFormatException>(() => TextFormat.Parse<CollectionDef>(
            "any_list { value { [type.googleapis.com/foo.Bar] { } } }"));
        Assert.Contains("foo.Bar", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Comments_and_whitespace_are_skipped()
    {
        var node = TextFormat.Parse<NodeDef>("# header\nname: \"x\"  # trailing\n\n\t op: \"Add\" # op\n# end");
        Assert.Equal("x", node.Name);
        Assert.Equal("Add", node.Op);
    }

    [Fact]
    public void Unknown_field_names_are_reported_with_line_and_column()
    {
        var e = Assert.Throws<TextFormatException>(() => TextFormat.Parse<GraphDef>("node {\n  name: \"x\"\n    bogus: 1\n}"));
        Assert.Equal(3, e.Line);
        Assert.Equal(5, e.Column);
        Assert.Contains("3:5", e.Message, StringComparison.Ordinal);
        Assert.Contains("bogus", e.Message, StringComparison.Ordinal);
        Assert.Contains("tensorflow.NodeDef", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node { name: \"unterminated", 1, 14)]
    [InlineData("node {\n name: \"x\"", 2, 11)]
    [InlineData("name: \"x\"", 1, 1)]
    [InlineData("versions { producer: 1.5 }", 1, 22)]
    [InlineData("versions { producer: 99999999999 }", 1, 22)]
    [InlineData("versions { producer: abc }", 1, 22)]
    [InlineData("versions { producer 3 }", 1, 21)]
    [InlineData("versions { producer: 1 producer: 2 }", 1, 24)]
    [InlineData("node { name: \"\\q\" }", 1, 14)]
    [InlineData("node { attr { key: \"a\" value { type: DT_NOPE } } }", 1, 38)]
    [InlineData("node { attr { key: \"a\" value { b: maybe } } }", 1, 35)]
    [InlineData("node { name: \"\\377\" }", 1, 14)]
    [InlineData("node { attr { key: \"a\" value { i: 1 f: 2 } } }", 1, 37)]
    [InlineData("}", 1, 1)]
    public void Malformed_text_is_a_format_error_with_its_position(string text, int line, int column)
    {
        var e = Assert.Throws<TextFormatException>(() => TextFormat.Parse<GraphDef>(text));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void Too_deep_nesting_is_an_error_not_a_stack_overflow()
    {
        string text = string.Concat(Enumerable.Repeat("list_value { values { ", 5000)) + string.Concat(Enumerable.Repeat("} } ", 5000));
        var e = Assert.Throws<TextFormatException>(() => TextFormat.Parse<StructuredValue>(text));
        Assert.Contains("deeper", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_uses_two_space_indents_and_field_number_order()
    {
        var graph = new GraphDef { Versions = new VersionDef { Producer = 27 } };
        graph.Node.Add(new NodeDef { Op = "Const", Name = "c", Input = { "x", "^y" } });
        Assert.Equal("node {\n  name: \"c\"\n  op: \"Const\"\n  input: \"x\"\n  input: \"^y\"\n}\nversions {\n  producer: 27\n}\n",
            TextFormat.Print(graph));
    }

    [Fact]
    public void Empty_input_is_the_default_message() =>
        Assert.Equal(new GraphDef(), TextFormat.Parse<GraphDef>("  # nothing\n"));

    [Fact]
    public void Well_known_wrapper_types_parse_through_the_same_descriptor_path() =>
        Assert.Equal(new Int64Value { Value = -3 }, TextFormat.Parse<Int64Value>("value: -3"));

    [Fact]
    public void Bytes_fields_print_printable_ascii_unescaped() =>
        Assert.Equal("tensor_content: \"ab\\\"c\"\n", TextFormat.Print(new TensorProto { TensorContent = ByteString.CopyFromUtf8("ab\"c") }));
}
