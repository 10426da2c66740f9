using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>NHWC convolution and pooling: Conv2D and its backprops, DepthwiseConv2dNative and its backprops, MaxPool,
/// AvgPool and their gradients, BiasAdd and BiasAddGrad. Only NHWC runs (as on TF's CPU); padding is SAME or VALID
/// with TF's exact arithmetic (<see cref="Conv.OutputSize"/>).</summary>
internal static partial class ConvOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        Conv2DOp, Conv2DBackpropInputOp, Conv2DBackpropFilterOp,
        DepthwiseConv2dNativeOp, DepthwiseConv2dNativeBackpropInputOp, DepthwiseConv2dNativeBackpropFilterOp,
        MaxPoolOp, MaxPoolGradOp, AvgPoolOp, AvgPoolGradOp, BiasAddOp, BiasAddGradOp,
    ];

    private static DType[] Floating => [DType.Float32, DType.Float64];

    private static string[] ConvAttrNames => ["strides", "padding", "dilations", "data_format", "use_cudnn_on_gpu", "explicit_paddings"];

    private static Dictionary<string, object> ConvDefaults(bool explicitPaddings)
    {
        var d = new Dictionary<string, object> { ["data_format"] = "NHWC", ["dilations"] = new long[] { 1, 1, 1, 1 } };
        if (explicitPaddings)
        {
            d["use_cudnn_on_gpu"] = true;
            d["explicit_paddings"] = Array.Empty<long>();
        }

        return d;
    }

    /// <summary>A convolution's strides, dilations and padding (the kernel size comes from the filter).</summary>
    private readonly record struct ConvAttrs(int SH, int SW, int DH, int DW, bool Same)
    {
        public Conv.Window Window(int kh, int kw) => new(kh, kw, SH, SW, DH, DW, Same);

        /// <summary>Threads the kernel may use (the session's intra-op cap; set when the kernel is bound).</summary>
        public int Threads { get; init; } = 1;

        /// <summary>Reads and checks the attrs; an <see cref="InvalidArgumentException"/> names what is wrong.</summary>
        public static ConvAttrs Read(AttrMap a)
        {
            CheckFormat(a);
            var s = Four(a.Get<int[]>("strides"), "strides");
            var d = Four(a.Get<int[]>("dilations"), "dilations");
            return new(s[1], s[2], d[1], d[2], Padding(a));
        }
    }

    /// <summary>A 4-entry NHWC strides/dilations/ksize list: positive, 1 on the batch and depth dimensions.</summary>
    internal static int[] Four(int[] v, string what)
    {
        if (v.Length != 4)
        {
            throw new InvalidArgumentException($"{what} must have 4 entries (NHWC), got [{string.Join(", ", v)}]");
        }

        if (v.Any(x => x < 1))
        {
            throw new InvalidArgumentException($"{what} must be positive, got [{string.Join(", ", v)}]");
        }

        if (v[0] != 1 || v[3] != 1)
        {
            throw new InvalidArgumentException(
                $"{what} [{string.Join(", ", v)}] are not 1 in the batch and depth dimensions, which is not supported");
        }

        return v;
    }

    /// <summary>True for SAME, false for VALID; EXPLICIT padding is not supported.</summary>
    private static bool Padding(AttrMap a) => a.Get<string>("padding") switch
    {
        "SAME" => true,
        "VALID" => false,
        "EXPLICIT" => throw new InvalidArgumentException("EXPLICIT padding is not supported: use SAME or VALID (or tf.pad first)"),
        var p => throw new InvalidArgumentException($"padding must be SAME or VALID, got '{p}'"),
    };

    /// <summary>Only NHWC has CPU kernels (as in TensorFlow).</summary>
    internal static void CheckFormat(AttrMap a)
    {
        var f = a.Get("data_format", "NHWC");
        if (f != "NHWC")
        {
            throw new InvalidArgumentException(
                $"data_format '{f}' is not supported: only NHWC runs on CPU, as TensorFlow's CPU kernels implement NHWC only");
        }
    }

    /// <summary>Runs an inference body, turning attr and geometry errors into a <see cref="GraphException"/> naming
    /// the node.</summary>
    private static TensorSpec[] Checked(InferContext ctx, Func<TensorSpec[]> body)
    {
        try
        {
            return body();
        }
        catch (InvalidArgumentException e)
        {
            throw ctx.Error(e.Message);
        }
    }

    /// <summary>The static output size of one spatial dim (-1 when the input or kernel size is unknown).</summary>
    private static int OutDim(int input, int k, int stride, int dilation, bool same) =>
        input < 0 || k < 0 ? -1 : Conv.OutputSize(input, k, stride, dilation, same).Out;

    /// <summary>The static NHWC output of a convolution of <paramref name="input"/> with a [KH, KW, ·, ·] filter.</summary>
    private static Shape ConvOutput(Shape input, Shape filter, ConvAttrs a, int outChannels) =>
        [input[0], OutDim(input[1], filter[0], a.SH, a.DH, a.Same), OutDim(input[2], filter[1], a.SW, a.DW, a.Same), outChannels];

    /// <summary>The static shape that a shape-vector input (input_sizes, filter_sizes) holds: its constant value,
    /// the static shape of u for shape(u), else an unknown rank-4 shape.</summary>
    private static Shape ShapeInput(InferContext ctx, int i)
    {
        ctx.ExpectDType(i, DType.Int32);
        var value = ctx.Constant(i);
        if (value is not null)
        {
            var dims = ConstantFolding.ToInts(value);
            return dims.Length == 4
                ? new Shape(dims)
                : throw ctx.Error($"input {i} must hold 4 sizes (NHWC), got [{string.Join(", ", dims)}]");
        }

        var producer = ctx.Inputs[i].Op;
        return producer.Type == "Shape" && producer.Inputs[0].Shape.HasRank ? producer.Inputs[0].Shape : Shape.UnknownOfRank(4);
    }

    /// <summary>Checks that the static output of the forward op is compatible with out_backprop's shape.</summary>
    private static void CheckOutBackprop(InferContext ctx, int i, Shape forward)
    {
        ctx.ExpectRank(i, 4);
        if (!forward.IsCompatibleWith(ctx.Shape(i)))
        {
            throw ctx.Error($"out_backprop has shape {ctx.Shape(i)} but the forward op's output has shape {forward}");
        }
    }

    /// <summary>Checks that input and filter agree on the input depth.</summary>
    private static void CheckDepth(InferContext ctx, Shape input, Shape filter)
    {
        if (input[3] >= 0 && filter[2] >= 0 && input[3] != filter[2])
        {
            throw ctx.Error($"input depth {input[3]} does not match the filter's input depth {filter[2]} (filter is [height, width, in_channels, out_channels])");
        }
    }

    /// <summary>A rank-4 runtime value; otherwise an <see cref="InvalidArgumentException"/>.</summary>
    private static Shape Rank4(NDArray v, string what) => v.Rank == 4
        ? v.Shape
        : throw new InvalidArgumentException($"{what} must be 4-dimensional, got shape {v.Shape}");

    /// <summary>The runtime geometry of a convolution: checks ranks, depths and out_backprop's shape.</summary>
    private static Conv.Geometry RunGeometry(Shape input, Shape filter, ConvAttrs a, Shape? outBackprop, int outChannels)
    {
        if (input[3] != filter[2])
        {
            throw new InvalidArgumentException($"input depth {input[3]} does not match the filter's input depth {filter[2]}");
        }

        var g = Conv.Geometry.Of(input, a.Window(filter[0], filter[1]));
        if (outBackprop is not null && !Is(outBackprop, g.N, g.OH, g.OW, outChannels))
        {
            throw new InvalidArgumentException(
                $"out_backprop has shape {outBackprop} but the forward output has shape [{g.N}, {g.OH}, {g.OW}, {outChannels}]");
        }

        return g;
    }

    /// <summary>A runtime shape vector (input_sizes, filter_sizes) as a rank-4 shape.</summary>
    private static ReadOnlySpan<int> SizesOf(NDArray v, string what, Span<int> dims)
    {
        bool valid = v.Size == 4 && (v.DType == DType.Int32 || v.DType == DType.Int64);
        for (int i = 0; valid && i < 4; i++)
        {
            long d = v.DType == DType.Int64 ? v.AsSpan<long>()[i] : v.AsSpan<int>()[i];
            valid = d is >= 0 and <= int.MaxValue;
            dims[i] = (int)d;
        }

        return valid ? dims : throw new InvalidArgumentException(
            $"{what} must hold 4 non-negative sizes, got [{string.Join(", ", ConstantFolding.ToInts(v))}]");
    }

    /// <summary>True when <paramref name="s"/> is [n, h, w, c] (checked without building a shape).</summary>
    private static bool Is(Shape s, int n, int h, int w, int c) => s.Rank == 4 && s[0] == n && s[1] == h && s[2] == w && s[3] == c;

    /// <summary>Adds an op of <paramref name="type"/> with <paramref name="src"/>'s window attrs (for gradients).</summary>
    private static Tensor Like(string type, Operation src, params Tensor[] inputs)
    {
        var attrs = new List<(string, object)> { ("T", src.GetAttr<DType>("T")) };
        var def = OpRegistry.Get(type);
        foreach (var name in ConvAttrNames.Concat(["ksize"]))
        {
            if (src.Attrs.TryGetValue(name, out var v) && (def.AttrDefaults.ContainsKey(name) || name is "strides" or "padding" or "ksize"))
            {
                attrs.Add((name, v));
            }
        }

        return Out(type, null, inputs, [.. attrs]);
    }

    private static Tensor ShapeOf(Tensor t) => ArrayOps.ShapeOf(t, DType.Int32, null);
}
