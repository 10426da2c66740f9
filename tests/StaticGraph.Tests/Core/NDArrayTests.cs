namespace StaticGraph.Tests.Core;

public class NDArrayTests
{
    [Fact]
    public void Scalars_convert_implicitly_with_their_CLR_dtype()
    {
        NDArray f = 1.5f, d = 2.5, i = 3, l = 4L, b = true;
        NDArray u = (byte)7;
        Assert.Equal(tf.float32, f.DType);
        Assert.Equal(tf.float64, d.DType);
        Assert.Equal(tf.int32, i.DType);
        Assert.Equal(tf.int64, l.DType);
        Assert.Equal(tf.@bool, b.DType);
        Assert.Equal(tf.uint8, u.DType);
        foreach (var nd in new[] { f, d, i, l, b, u })
        {
            Assert.Equal(Shape.Scalar, nd.Shape);
            Assert.Equal(0, nd.Rank);
            Assert.Equal(1, nd.Size);
        }

        Assert.Equal(1.5f, f.Item<float>());
        Assert.Equal(2.5, d.Item<double>());
        Assert.Equal(3, i.Item<int>());
        Assert.Equal(4L, l.Item<long>());
        Assert.True(b.Item<bool>());
        Assert.Equal((byte)7, u.Item<byte>());
    }

    [Fact]
    public void One_to_four_dimensional_arrays_convert_with_their_shapes_in_row_major_order()
    {
        NDArray v = new[] { 1f, 2f, 3f };
        NDArray m = new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } };
        NDArray c = new int[2, 3, 4];
        NDArray h = new long[1, 2, 3, 4];
        NDArray bytes = new byte[,,] { { { 1, 2 } }, { { 3, 4 } } };
        NDArray flags = new[] { true, false };
        Assert.Equal(new Shape(3), v.Shape);
        Assert.Equal(new Shape(2, 3), m.Shape);
        Assert.Equal(tf.float64, m.DType);
        Assert.Equal(new Shape(2, 3, 4), c.Shape);
        Assert.Equal(24, c.Size);
        Assert.Equal(new Shape(1, 2, 3, 4), h.Shape);
        Assert.Equal(tf.int64, h.DType);
        Assert.Equal(new Shape(2, 1, 2), bytes.Shape);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, bytes.ToArray<byte>());
        Assert.Equal(new[] { 1.0, 2, 3, 4, 5, 6 }, m.ToArray<double>());
        Assert.Equal(new[] { true, false }, flags.ToArray<bool>());
    }

    [Fact]
    public void Bool_multidimensional_arrays_keep_their_values()
    {
        NDArray b = new[,] { { true, false }, { false, true } };
        Assert.Equal(tf.@bool, b.DType);
        Assert.Equal(new[] { true, false, false, true }, b.ToArray<bool>());
    }

    [Fact]
    public void Converting_from_an_array_copies_it()
    {
        var data = new[] { 1f, 2f };
        NDArray nd = data;
        data[0] = 99f;
        Assert.Equal(1f, nd.GetValue<float>(0));
    }

    [Fact]
    public void FromArray_reshapes_a_flat_copy()
    {
        var data = new[] { 1, 2, 3, 4, 5, 6 };
        var nd = NDArray.FromArray(data, 2, 3);
        data[0] = 42;
        Assert.Equal(new Shape(2, 3), nd.Shape);
        Assert.Equal(tf.int32, nd.DType);
        Assert.Equal(1, nd.GetValue<int>(0, 0));
        Assert.Equal(6, nd.GetValue<int>(1, 2));
    }

    [Fact]
    public void FromArray_with_a_mismatched_element_count_throws()
    {
        var e = Assert.Throws<ArgumentException>(() => NDArray.FromArray(new[] { 1f, 2f, 3f }, 2, 2));
        Assert.Contains("(2, 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromArray_with_no_shape_is_a_scalar_when_one_element_is_given()
    {
        var nd = NDArray.FromArray(new[] { 5L });
        Assert.Equal(Shape.Scalar, nd.Shape);
        Assert.Equal(5L, nd.Item<long>());
    }

    [Fact]
    public void FromArray_and_ToArray_round_trip_every_numeric_dtype()
    {
        Assert.Equal(new[] { 1f, 2f }, NDArray.FromArray(new[] { 1f, 2f }, 2).ToArray<float>());
        Assert.Equal(new[] { 1.0, 2.0 }, NDArray.FromArray(new[] { 1.0, 2.0 }, 2).ToArray<double>());
        Assert.Equal(new[] { 1, 2 }, NDArray.FromArray(new[] { 1, 2 }, 2).ToArray<int>());
        Assert.Equal(new[] { 1L, 2L }, NDArray.FromArray(new[] { 1L, 2L }, 2).ToArray<long>());
        Assert.Equal(new byte[] { 1, 2 }, NDArray.FromArray(new byte[] { 1, 2 }, 2).ToArray<byte>());
        Assert.Equal(new[] { true, false }, NDArray.FromArray(new[] { true, false }, 2).ToArray<bool>());
    }

    [Fact]
    public void ToArray_returns_a_copy_but_AsSpan_is_the_live_buffer()
    {
        NDArray nd = new[] { 1f, 2f, 3f };
        var copy = nd.ToArray<float>();
        copy[0] = 10f;
        Assert.Equal(1f, nd.GetValue<float>(0));
        var span = nd.AsSpan<float>();
        Assert.Equal(3, span.Length);
        span[0] = 10f;
        Assert.Equal(10f, nd.GetValue<float>(0));
    }

    [Fact]
    public void Reading_with_the_wrong_element_type_throws_naming_the_dtype()
    {
        NDArray nd = new[] { 1f, 2f };
        var e = Assert.Throws<InvalidCastException>(() => nd.ToArray<double>());
        Assert.Contains("float32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_of_a_value_with_more_than_one_element_throws()
    {
        NDArray nd = new[] { 1f, 2f };
        Assert.Throws<InvalidOperationException>(() => nd.Item<float>());
    }

    [Fact]
    public void Item_of_a_one_element_array_is_its_element()
    {
        NDArray nd = new[,] { { 7 } };
        Assert.Equal(7, nd.Item<int>());
    }

    [Fact]
    public void GetValue_and_the_indexer_read_elements_with_negative_indices_from_the_end()
    {
        NDArray m = new[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        Assert.Equal(2, m.GetValue<int>(0, 1));
        Assert.Equal(6, m.GetValue<int>(-1, -1));
        Assert.Equal(4, m.GetValue<int>(-1, 0));
        var element = m[1, -2];
        Assert.Equal(Shape.Scalar, element.Shape);
        Assert.Equal(tf.int32, element.DType);
        Assert.Equal(5, element.Item<int>());
        Assert.Equal(5, (int)m[1, 1]);
    }

    [Fact]
    public void Indexer_result_is_a_copy()
    {
        NDArray v = new[] { 1f, 2f };
        var e = v[0];
        e.AsSpan<float>()[0] = 9f;
        Assert.Equal(1f, v.GetValue<float>(0));
    }

    [Fact]
    public void Out_of_range_indices_throw()
    {
        NDArray m = new[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        Assert.Throws<ArgumentOutOfRangeException>(() => m[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m[0, 3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m[-3, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.GetValue<int>(0, -4));
    }

    [Fact]
    public void An_index_with_the_wrong_number_of_coordinates_throws()
    {
        NDArray m = new[,] { { 1, 2 }, { 3, 4 } };
        Assert.Throws<ArgumentException>(() => m[0]);
        Assert.Throws<ArgumentException>(() => m.GetValue<int>(0, 0, 0));
    }

    [Fact]
    public void Explicit_casts_read_scalars_and_convert_numeric_dtypes_like_numpy()
    {
        NDArray f = 2.75f;
        NDArray i = 3;
        NDArray d = -1.5;
        NDArray b = true;
        Assert.Equal(2.75f, (float)f);
        Assert.Equal(2.75, (double)f);
        Assert.Equal(2, (int)f);
        Assert.Equal(2L, (long)f);
        Assert.Equal(3f, (float)i);
        Assert.Equal(3.0, (double)i);
        Assert.Equal(-1, (int)d);
        Assert.True((bool)b);
        Assert.True((bool)i);
        Assert.False((bool)(NDArray)0);
        Assert.Equal(1, (int)b);
    }

    [Fact]
    public void Explicit_cast_of_a_non_scalar_throws()
    {
        NDArray v = new[] { 1f, 2f };
        Assert.Throws<InvalidOperationException>(() => (float)v);
    }

    [Fact]
    public void AsType_converts_with_C_casts_and_returns_the_same_value_for_the_same_dtype()
    {
        NDArray v = new[] { 1.9f, -1.9f, 0f };
        Assert.Same(v, v.AsType(tf.float32));
        Assert.Equal(new[] { 1, -1, 0 }, v.AsType(tf.int32).ToArray<int>());
        Assert.Equal(new[] { true, true, false }, v.AsType(tf.@bool).ToArray<bool>());
        Assert.Equal(new Shape(3), v.AsType(tf.float64).Shape);
    }

    [Fact]
    public void ToTensor_and_FromTensor_round_trip_through_System_Numerics_Tensors()
    {
        NDArray m = new[,] { { 1f, 2f, 3f }, { 4f, 5f, 6f } };
        var t = m.ToTensor<float>();
        Assert.Equal(2, t.Rank);
        Assert.Equal(new nint[] { 2, 3 }, t.Lengths.ToArray());
        Assert.Equal(6f, t[1, 2]);
        Assert.Equal(2f, t[0, 1]);
        var back = NDArray.FromTensor(t);
        Assert.Equal(tf.float32, back.DType);
        Assert.Equal(new Shape(2, 3), back.Shape);
        Assert.Equal(m.ToArray<float>(), back.ToArray<float>());
    }

    [Fact]
    public void FromTensor_copies_the_tensor()
    {
        var t = System.Numerics.Tensors.Tensor.Create(new[] { 1.0, 2.0, 3.0, 4.0 }, [2, 2]);
        var nd = NDArray.FromTensor(t);
        t[0, 0] = 100.0;
        Assert.Equal(tf.float64, nd.DType);
        Assert.Equal(1.0, nd.GetValue<double>(0, 0));
        Assert.Equal(4.0, nd.GetValue<double>(1, 1));
    }

    [Fact]
    public void Reshape_keeps_the_elements_and_rejects_a_different_count()
    {
        NDArray v = new[] { 1, 2, 3, 4, 5, 6 };
        var m = v.Reshape(3, 2);
        Assert.Equal(new Shape(3, 2), m.Shape);
        Assert.Equal(4, m.GetValue<int>(1, 1));
        Assert.Equal(new Shape(6), v.Shape);
        Assert.Throws<ArgumentException>(() => v.Reshape(4, 2));
    }

    [Fact]
    public void Zeros_is_zero_filled()
    {
        var z = NDArray.Zeros(tf.int64, [2, 2]);
        Assert.Equal(new long[4], z.ToArray<long>());
        Assert.Throws<InvalidArgumentException>(() => NDArray.Zeros(tf.float32, [-1, 2]));
    }

    [Fact]
    public void Float32_matrix_prints_like_numpy()
    {
        NDArray m = new[,] { { 1f, 2f }, { 3f, 4f } };
        Assert.Equal("[[1. 2.]\n [3. 4.]]", m.ToString());
    }

    [Fact]
    public void Float64_matrix_prints_like_numpy()
    {
        NDArray m = new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } };
        Assert.Equal("[[1. 2.]\n [3. 4.]]", m.ToString());
    }

    [Fact]
    public void Int32_vector_prints_like_numpy()
    {
        NDArray v = new[] { 1, 2, 3 };
        Assert.Equal("[1 2 3]", v.ToString());
    }

    [Fact]
    public void Int_vector_right_aligns_to_the_widest_element()
    {
        NDArray v = new[] { -1, 10, 200 };
        Assert.Equal("[ -1  10 200]", v.ToString());
    }

    [Fact]
    public void Floats_pad_fractions_to_a_common_width_like_numpy()
    {
        NDArray v = new[] { 1.5f, 2f };
        Assert.Equal("[1.5 2. ]", v.ToString());
        NDArray w = new[] { 0.1f, 0.25f };
        Assert.Equal("[0.1  0.25]", w.ToString());
        NDArray n = new[] { -1.5f, 2f };
        Assert.Equal("[-1.5  2. ]", n.ToString());
    }

    [Fact]
    public void Float32_prints_the_shortest_float32_representation()
    {
        NDArray v = new[] { 0.1f, 0.2f };
        Assert.Equal("[0.1 0.2]", v.ToString());
    }

    [Fact]
    public void Float_scalar_prints_like_a_numpy_scalar()
    {
        Assert.Equal("3.0", ((NDArray)3f).ToString());
        Assert.Equal("0.5", ((NDArray)0.5).ToString());
        Assert.Equal("1e-05", ((NDArray)1e-5f).ToString());
        Assert.Equal("-0.25", ((NDArray)(-0.25f)).ToString());
        Assert.Equal("1.5e+16", ((NDArray)1.5e16).ToString());
    }

    [Fact]
    public void Float64_scalar_prints_all_its_round_trip_digits()
    {
        // str(np.float64(1/3)) == '0.3333333333333333'; str(np.float32(1/3)) == '0.33333334'
        Assert.Equal("0.3333333333333333", ((NDArray)(1.0 / 3)).ToString());
        Assert.Equal("0.33333334", ((NDArray)(1f / 3)).ToString());
    }

    [Fact]
    public void Array_elements_round_to_eight_fractional_digits()
    {
        // str(np.array([1/3, 2/3])) == '[0.33333333 0.66666667]'
        NDArray v = new[] { 1.0 / 3, 2.0 / 3 };
        Assert.Equal("[0.33333333 0.66666667]", v.ToString());
    }

    [Fact]
    public void Nan_and_inf_print_like_numpy()
    {
        // str(np.array([1., np.nan, -np.inf], dtype=np.float32)) == '[  1.  nan -inf]'
        NDArray v = new[] { 1f, float.NaN, float.NegativeInfinity };
        Assert.Equal("[  1.  nan -inf]", v.ToString());
    }

    [Fact]
    public void Int_and_bool_scalars_print_like_numpy()
    {
        Assert.Equal("5", ((NDArray)5).ToString());
        Assert.Equal("-7", ((NDArray)(-7L)).ToString());
        Assert.Equal("True", ((NDArray)true).ToString());
        Assert.Equal("False", ((NDArray)false).ToString());
    }

    [Fact]
    public void Bool_arrays_pad_True_to_the_width_of_False_like_numpy()
    {
        NDArray b = new[] { true, false };
        Assert.Equal("[ True False]", b.ToString());
    }

    [Fact]
    public void Bool_arrays_of_only_True_still_pad_like_numpy()
    {
        // numpy's BoolFormat always prints ' True' in arrays: str(np.array([True, True])) == '[ True  True]'.
        NDArray b = new[] { true, true };
        Assert.Equal("[ True  True]", b.ToString());
    }

    [Fact]
    public void Large_int_vector_is_elided_with_three_edge_items()
    {
        var nd = NDArray.FromArray(Enumerable.Range(0, 2000).ToArray(), 2000);
        Assert.Equal("[   0    1    2 ... 1997 1998 1999]", nd.ToString());
    }

    [Fact]
    public void Large_int_matrix_is_elided_in_rows_and_columns()
    {
        var nd = NDArray.FromArray(Enumerable.Range(0, 2000).ToArray(), 40, 50);
        string expected =
            "[[   0    1    2 ...   47   48   49]\n" +
            " [  50   51   52 ...   97   98   99]\n" +
            " [ 100  101  102 ...  147  148  149]\n" +
            " ...\n" +
            " [1850 1851 1852 ... 1897 1898 1899]\n" +
            " [1900 1901 1902 ... 1947 1948 1949]\n" +
            " [1950 1951 1952 ... 1997 1998 1999]]";
        Assert.Equal(expected, nd.ToString());
    }

    [Fact]
    public void Large_float_vector_is_elided_in_numpy_scientific_notation()
    {
        // str(np.arange(2000, dtype=np.float32)): max/min of the nonzero values > 1e3 selects exponent format, and
        // every element gets the same number of digits.
        var nd = NDArray.FromArray(Enumerable.Range(0, 2000).Select(i => (float)i).ToArray(), 2000);
        Assert.Equal("[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]", nd.ToString());
    }

    [Fact]
    public void A_wide_value_range_prints_in_scientific_notation_with_a_common_precision()
    {
        // str(np.array([0.001, 1.5])) == '[1.0e-03 1.5e+00]'
        NDArray v = new[] { 0.001, 1.5 };
        Assert.Equal("[1.0e-03 1.5e+00]", v.ToString());
        // str(np.array([1., 1e10])) == '[1.e+00 1.e+10]'
        NDArray w = new[] { 1.0, 1e10 };
        Assert.Equal("[1.e+00 1.e+10]", w.ToString());
    }

    [Fact]
    public void Long_rows_wrap_at_75_columns_like_numpy()
    {
        var nd = NDArray.FromArray(Enumerable.Range(0, 30).ToArray(), 30);
        Assert.Equal(
            "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]",
            nd.ToString());
    }

    [Fact]
    public void Rank_3_values_separate_blocks_with_a_blank_line()
    {
        NDArray k = new[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } };
        Assert.Equal("[[[1 2]\n  [3 4]]\n\n [[5 6]\n  [7 8]]]", k.ToString());
    }

    [Fact]
    public void String_scalars_print_as_python_bytes()
    {
        Assert.Equal("b'hi'", ((NDArray)"hi").ToString());
        Assert.Equal(tf.@string, ((NDArray)"hi").DType);
    }
}
