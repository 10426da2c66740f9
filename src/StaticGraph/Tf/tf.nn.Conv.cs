using StaticGraph.Ops;

namespace StaticGraph;

// Convolution, pooling and bias addition (NHWC).
public static partial class tf
{
    public static partial class nn
    {
        /// <summary>2-D convolution of an NHWC input with an HWIO filter; strides/dilations of length 1, 2 or 4.</summary>
        public static Tensor conv2d(Tensor input, Tensor filter, int[] strides, string padding, bool use_cudnn_on_gpu = true,
            string data_format = "NHWC", int[]? dilations = null, string? name = null) =>
            ConvOps.Conv2D(input, filter, Seq(strides, data_format, nameof(strides)), padding, use_cudnn_on_gpu, data_format,
                Seq(dilations ?? [1], data_format, nameof(dilations)), name);

        /// <summary>The gradient of conv2d with respect to its input, whose shape is <paramref name="input_sizes"/>.</summary>
        public static Tensor conv2d_backprop_input(Tensor input_sizes, Tensor filter, Tensor out_backprop, int[] strides, string padding,
            bool use_cudnn_on_gpu = true, string data_format = "NHWC", int[]? dilations = null, string? name = null) =>
            ConvOps.Conv2DBackpropInput(input_sizes, filter, out_backprop, strides, padding, use_cudnn_on_gpu, data_format, dilations ?? [1, 1, 1, 1], name);

        /// <summary>The gradient of conv2d with respect to its filter, whose shape is <paramref name="filter_sizes"/>.</summary>
        public static Tensor conv2d_backprop_filter(Tensor input, Tensor filter_sizes, Tensor out_backprop, int[] strides, string padding,
            bool use_cudnn_on_gpu = true, string data_format = "NHWC", int[]? dilations = null, string? name = null) =>
            ConvOps.Conv2DBackpropFilter(input, filter_sizes, out_backprop, strides, padding, use_cudnn_on_gpu, data_format, dilations ?? [1, 1, 1, 1], name);

        /// <summary>Depthwise 2-D convolution: each input channel convolved with its own channel_multiplier filters
        /// (filter [height, width, in_channels, channel_multiplier]); <paramref name="rate"/> is the [height, width]
        /// dilation, which needs unit strides.</summary>
        public static Tensor depthwise_conv2d(Tensor input, Tensor filter, int[] strides, string padding, int[]? rate = null,
            string? name = null, string? data_format = null, int[]? dilations = null)
        {
            var r = rate ?? dilations ?? [1, 1];
            if (r.Length != 2)
            {
                throw new GraphException($"rate must have 2 entries ([height, width]), got [{string.Join(", ", r)}].");
            }

            if ((r[0] > 1 || r[1] > 1) && strides.Any(s => s != 1))
            {
                throw new GraphException("strides > 1 not supported in conjunction with dilation_rate > 1");
            }

            return ConvOps.DepthwiseConv2dNative(input, filter, strides, padding, data_format ?? "NHWC", [1, r[0], r[1], 1], name ?? "depthwise");
        }

        /// <summary>Depthwise 2-D convolution with 4-entry strides and dilations (the primitive op).</summary>
        public static Tensor depthwise_conv2d_native(Tensor input, Tensor filter, int[] strides, string padding, string data_format = "NHWC",
            int[]? dilations = null, string? name = null) =>
            ConvOps.DepthwiseConv2dNative(input, filter, strides, padding, data_format, dilations ?? [1, 1, 1, 1], name);

        /// <summary>Max over each window (ksize/strides of length 1, 2 or 4).</summary>
        public static Tensor max_pool(Tensor value, int[] ksize, int[] strides, string padding, string data_format = "NHWC", string? name = null) =>
            ConvOps.MaxPool(value, Seq(ksize, data_format, nameof(ksize)), Seq(strides, data_format, nameof(strides)), padding, data_format, name);

        /// <summary>Mean over each window, counting only input elements (ksize/strides of length 1, 2 or 4).</summary>
        public static Tensor avg_pool(Tensor value, int[] ksize, int[] strides, string padding, string data_format = "NHWC", string? name = null) =>
            ConvOps.AvgPool(value, Seq(ksize, data_format, nameof(ksize)), Seq(strides, data_format, nameof(strides)), padding, data_format, name);

        /// <summary>value + bias along the channel dimension (the last one in NHWC).</summary>
        public static Tensor bias_add(Tensor value, Tensor bias, string? data_format = null, string? name = null) =>
            ConvOps.BiasAdd(value, bias, data_format ?? "NHWC", name);

        // TF's _get_sequence: one value for both spatial dims, two spatial values, or the full 4-entry list.
        private static int[] Seq(int[] v, string dataFormat, string what) => v.Length switch
        {
            1 => dataFormat.StartsWith("NC", StringComparison.Ordinal) ? [1, 1, v[0], v[0]] : [1, v[0], v[0], 1],
            2 => dataFormat.StartsWith("NC", StringComparison.Ordinal) ? [1, 1, v[0], v[1]] : [1, v[0], v[1], 1],
            4 => v,
            _ => throw new GraphException($"{what} should be of length 1, 2 or 4 but was {v.Length}."),
        };
    }
}
