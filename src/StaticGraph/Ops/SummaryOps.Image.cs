using StaticGraph.IO;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

internal static partial class SummaryOps
{
    private static NDArray DefaultBadColor => NDArray.FromArray(new byte[] { 255, 0, 0, 255 }, 4);

    /// <summary>summary = Summary{ (tag/image[/i], PNG of image i) for i &lt; min(batch, max_images) }; float images
    /// map to uint8 as TF does: min &gt;= 0 scales by 255/max, else by 127/max|v| around 128; non-finite pixels become
    /// bad_color.</summary>
    public static readonly OpDef ImageSummaryOp = new("ImageSummary",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, DType.String);
            ctx.ExpectDType(1, DType.UInt8, DType.Float32, DType.Float64);
            var shape = ctx.Shape(1);
            if (shape.HasRank && (shape.Rank != 4 || (shape[3] is int d and not (1 or 3 or 4))))
            {
                throw ctx.Error($"Tensor must be 4-D with last dim 1, 3, or 4, not {shape}");
            }

            if (ctx.Attr("max_images", 3) < 1)
            {
                throw ctx.Error($"max_images must be at least 1, got {ctx.Attr("max_images", 3)}");
            }

            return InferContext.One(DType.String, Shape.Scalar);
        },
        b =>
        {
            int maxImages = b.Attr("max_images", 3);
            var badColor = b.Attr<NDArray>("bad_color", DefaultBadColor);
            return ctx =>
            {
                string tag = SingleString(ctx.Input(0), b.Op, "tag");
                var tensor = ctx.Input(1);
                if (tensor.Rank != 4 || tensor.Shape[3] is not (1 or 3 or 4))
                {
                    throw new InvalidArgumentException($"ImageSummary '{b.Op.Name}': Tensor must be 4-D with last dim 1, 3, or 4, not {tensor.Shape}");
                }

                int batch = tensor.Shape[0], h = tensor.Shape[1], w = tensor.Shape[2], depth = tensor.Shape[3];
                if (badColor.DType != DType.UInt8 || badColor.Rank != 1 || badColor.Size < depth)
                {
                    throw new InvalidArgumentException(
                        $"ImageSummary '{b.Op.Name}': bad_color must be a uint8 vector with at least depth = {depth} entries, got {badColor.DType} {badColor.Shape}.");
                }

                int n = Math.Min(batch, maxImages);
                int pixels = h * w * depth;
                var s = new Tensorflow.Summary();
                var image = new byte[pixels];
                for (int i = 0; i < n; i++)
                {
                    if (tensor.DType == DType.UInt8)
                    {
                        tensor.AsSpan<byte>().Slice(i * pixels, pixels).CopyTo(image);
                    }
                    else if (tensor.DType == DType.Float32)
                    {
                        NormalizeFloatImage<float>(tensor.AsSpan<float>().Slice(i * pixels, pixels), depth, badColor.AsSpan<byte>(), image);
                    }
                    else
                    {
                        NormalizeFloatImage<double>(tensor.AsSpan<double>().Slice(i * pixels, pixels), depth, badColor.AsSpan<byte>(), image);
                    }

                    s.Value.Add(new Tensorflow.Summary.Types.Value
                    {
                        Tag = maxImages > 1 ? $"{tag}/image/{i}" : $"{tag}/image",
                        Image = new Tensorflow.Summary.Types.Image
                        {
                            Height = h,
                            Width = w,
                            Colorspace = depth,
                            EncodedImageString = Google.Protobuf.ByteString.CopyFrom(PngEncoder.Encode(image, h, w, depth)),
                        },
                    });
                }

                ctx.SetOutput(0, Serialized(s));
            };
        })
    {
        Inputs = ["tag: string", "tensor: T"], Outputs = ["summary: string"],
        NoGradient = "summaries are not differentiable",
        AttrDefaults = new Dictionary<string, object> { ["max_images"] = 3, ["bad_color"] = DefaultBadColor },
    };

    public static Tensor ImageSummary(Tensor tag, Tensor tensor, int maxImages, string? name) =>
        Out("ImageSummary", name ?? "ImageSummary", [tag, tensor], ("T", tensor.DType), ("max_images", maxImages), ("bad_color", DefaultBadColor));

    /// <summary>TF's NormalizeFloatImage for one image (h*w pixels of <paramref name="depth"/> channels), computed in
    /// the image's own float type: the finite min/max pick an affine map into [0, 255] (the cast truncates); a pixel
    /// with any non-finite channel is painted <paramref name="badColor"/>.</summary>
    internal static void NormalizeFloatImage<T>(ReadOnlySpan<T> values, int depth, ReadOnlySpan<byte> badColor, Span<byte> image)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T min = T.PositiveInfinity, max = T.NegativeInfinity;
        foreach (T v in values)
        {
            if (T.IsFinite(v))
            {
                min = T.Min(min, v);
                max = T.Max(max, v);
            }
        }

        T zeroThreshold = T.CreateChecked(1e-6f);
        T scale, offset;
        if (min < T.Zero)
        {
            T maxVal = T.Max(T.Abs(min), T.Abs(max));
            scale = maxVal < zeroThreshold ? T.Zero : T.CreateChecked(127) / maxVal;
            offset = T.CreateChecked(128);
        }
        else
        {
            scale = max < zeroThreshold ? T.Zero : T.CreateChecked(255) / max;
            offset = T.Zero;
        }

        for (int p = 0; p < values.Length; p += depth)
        {
            bool finite = true;
            for (int c = 0; c < depth; c++)
            {
                finite &= T.IsFinite(values[p + c]);
            }

            for (int c = 0; c < depth; c++)
            {
                image[p + c] = finite ? byte.CreateTruncating(int.CreateTruncating(values[p + c] * scale + offset)) : badColor[c];
            }
        }
    }
}
