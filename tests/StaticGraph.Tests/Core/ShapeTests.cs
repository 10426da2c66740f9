namespace StaticGraph.Tests.Core;

public class ShapeTests
{
    [Fact]
    public void Unknown_shape_has_rank_minus_one_and_unknown_dimensions()
    {
        var s = Shape.Unknown;
        Assert.Equal(-1, s.Rank);
        Assert.False(s.HasRank);
        Assert.False(s.IsFullyDefined);
        Assert.Equal(-1, s[0]);
        Assert.Equal(-1, s[-1]);
        Assert.Equal(-1, s.NumElements);
        Assert.Empty(s);
    }

    [Fact]
    public void Collection_expression_builds_a_partial_shape()
    {
        Shape s = [-1, 784];
        Assert.Equal(2, s.Rank);
        Assert.Equal(-1, s[0]);
        Assert.Equal(784, s[1]);
        Assert.False(s.IsFullyDefined);
        Assert.Equal(-1, s.NumElements);
        Assert.Equal([-1, 784], s.ToArray());
    }

    [Fact]
    public void Empty_collection_expression_is_the_scalar_shape()
    {
        Shape s = [];
        Assert.Equal(0, s.Rank);
        Assert.True(s.HasRank);
        Assert.True(s.IsFullyDefined);
        Assert.Equal(1, s.NumElements);
        Assert.Equal(Shape.Scalar, s);
    }

    [Fact]
    public void Int_array_converts_implicitly_and_null_means_unknown_rank()
    {
        int[] dims = [2, 3, 4];
        Shape s = dims;
        Assert.Equal(3, s.Rank);
        Assert.Equal(24, s.NumElements);
        int[]? none = null;
        Shape u = none;
        Assert.Equal(-1, u.Rank);
    }

    [Fact]
    public void Conversion_copies_the_array_so_later_mutation_does_not_change_the_shape()
    {
        int[] dims = [2, 3];
        Shape s = dims;
        dims[0] = 99;
        Assert.Equal(2, s[0]);
        var copy = s.ToArray();
        copy[1] = 99;
        Assert.Equal(3, s[1]);
    }

    [Fact]
    public void Negative_index_counts_from_the_end()
    {
        Shape s = [10, 20, 30];
        Assert.Equal(30, s[-1]);
        Assert.Equal(20, s[-2]);
        Assert.Equal(10, s[-3]);
    }

    [Fact]
    public void Index_out_of_range_throws()
    {
        Shape s = [10, 20];
        Assert.Throws<ArgumentOutOfRangeException>(() => s[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => s[-3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Scalar[0]);
    }

    [Fact]
    public void Dimensions_below_minus_one_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Shape(2, -2));
        int[] bad = [-5];
        Assert.Throws<ArgumentException>(() => { Shape s = bad; });
    }

    [Fact]
    public void Shape_is_enumerable_over_its_dimensions()
    {
        Shape s = [3, -1, 5];
        Assert.Equal(new[] { 3, -1, 5 }, s.ToList());
    }

    [Fact]
    public void Unknown_rank_is_compatible_with_everything()
    {
        Assert.True(Shape.Unknown.IsCompatibleWith([2, 3]));
        Assert.True(new Shape(2, 3).IsCompatibleWith(Shape.Unknown));
        Assert.True(Shape.Unknown.IsCompatibleWith(Shape.Scalar));
    }

    [Fact]
    public void Unknown_dimensions_are_compatible_with_any_size_but_ranks_must_agree()
    {
        Shape partial = [-1, 784];
        Assert.True(partial.IsCompatibleWith([100, 784]));
        Assert.True(partial.IsCompatibleWith([-1, -1]));
        Assert.False(partial.IsCompatibleWith([100, 10]));
        Assert.False(partial.IsCompatibleWith([784]));
        Assert.False(partial.IsCompatibleWith([1, 100, 784]));
    }

    [Fact]
    public void MergeWith_takes_the_known_dimensions_of_both()
    {
        Shape a = [-1, 784];
        Shape b = [100, -1];
        Assert.Equal(new Shape(100, 784), a.MergeWith(b));
        Assert.Equal(a, a.MergeWith(Shape.Unknown));
        Assert.Equal(b, Shape.Unknown.MergeWith(b));
    }

    [Fact]
    public void MergeWith_of_incompatible_shapes_throws_naming_both()
    {
        Shape a = [2, 3];
        var e = Assert.Throws<GraphException>(() => a.MergeWith([2, 4]));
        Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(2, 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_have_value_equality()
    {
        Shape a = [-1, 784];
        Shape b = [-1, 784];
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new Shape(1, 784));
        Assert.NotEqual(Shape.Unknown, Shape.Scalar);
        Assert.NotEqual(Shape.Unknown, Shape.UnknownOfRank(2));
        Assert.True((Shape?)null == (Shape?)null);
        Assert.False(a == null);
    }

    [Fact]
    public void ToString_prints_like_TF1_TensorShape()
    {
        Assert.Equal("(?, 784)", new Shape(-1, 784).ToString());
        Assert.Equal("(10,)", new Shape(10).ToString());
        Assert.Equal("(?,)", new Shape(-1).ToString());
        Assert.Equal("()", Shape.Scalar.ToString());
        Assert.Equal("(2, 3, 4)", new Shape(2, 3, 4).ToString());
        Assert.Equal("<unknown>", Shape.Unknown.ToString());
    }

    [Fact]
    public void UnknownOfRank_has_known_rank_and_unknown_dimensions()
    {
        var s = Shape.UnknownOfRank(3);
        Assert.Equal(3, s.Rank);
        Assert.Equal("(?, ?, ?)", s.ToString());
    }

    [Fact]
    public void ToArray_of_an_unknown_rank_throws()
    {
        Assert.Throws<InvalidOperationException>(() => Shape.Unknown.ToArray());
    }
}
