using System.Text;
using Google.Protobuf;
using StaticGraph.IO;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>TensorBoard summary ops as TF1 registers them: each outputs a DT_STRING scalar holding a serialized
/// <see cref="Tensorflow.Summary"/> (ScalarSummary, HistogramSummary, ImageSummary, TensorSummaryV2), and
/// MergeSummary concatenates such summaries.</summary>
internal static partial class SummaryOps
{
    public static IEnumerable<OpDef> Defs => [ScalarSummaryOp, HistogramSummaryOp, ImageSummaryOp, MergeSummaryOp, TensorSummaryV2Op];

    private static DType[] RealNumbers => [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.UInt8];

    /// <summary>summary = Summary{ value[i] = (tags[i], simple_value = float(values[i])) }.</summary>
    public static readonly OpDef ScalarSummaryOp = new("ScalarSummary",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, DType.String);
            ctx.ExpectDType(1, RealNumbers);
            if (!ctx.Shape(0).IsCompatibleWith(ctx.Shape(1)))
            {
                throw ctx.Error($"tags and values not the same shape: {ctx.Shape(0)} != {ctx.Shape(1)}");
            }

            return InferContext.One(DType.String, Shape.Scalar);
        },
        b => ctx =>
        {
            var tags = ctx.Input(0);
            var values = ctx.Input(1);
            if (!tags.Shape.Equals(values.Shape))
            {
                throw new InvalidArgumentException(
                    $"ScalarSummary '{b.Op.Name}': tags and values not the same shape: {tags.Shape} != {values.Shape}" +
                    (tags.Rank == 0 ? " (tag '" + Encoding.UTF8.GetString(tags.Data<byte[]>()[0]) + "')" : ""));
            }

            var tagBytes = tags.Data<byte[]>();
            var doubles = values.AsType(DType.Float64).AsSpan<double>();
            var s = new Tensorflow.Summary();
            for (int i = 0; i < doubles.Length; i++)
            {
                s.Value.Add(new Tensorflow.Summary.Types.Value { Tag = Encoding.UTF8.GetString(tagBytes[i]), SimpleValue = (float)doubles[i] });
            }

            ctx.SetOutput(0, Serialized(s));
        })
    {
        Inputs = ["tags: string", "values: T"], Outputs = ["summary: string"],
        NoGradient = "summaries are not differentiable",
    };

    public static Tensor ScalarSummary(Tensor tags, Tensor values, string? name) =>
        Out("ScalarSummary", name ?? "ScalarSummary", [tags, values], ("T", values.DType));

    /// <summary>summary = Summary{ (tag, histo = TF's default-bucket histogram of values) }; NaN or Inf is an error.</summary>
    public static readonly OpDef HistogramSummaryOp = new("HistogramSummary",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, DType.String);
            ctx.ExpectDType(1, RealNumbers);
            if (ctx.Shape(0).HasRank && ctx.Shape(0).Rank != 0)
            {
                throw ctx.Error($"tag must be a scalar, got shape {ctx.Shape(0)}");
            }

            return InferContext.One(DType.String, Shape.Scalar);
        },
        b => ctx =>
        {
            string tag = SingleString(ctx.Input(0), b.Op, "tag");
            var doubles = ctx.Input(1).AsType(DType.Float64).AsSpan<double>();
            foreach (double v in doubles)
            {
                if (double.IsNaN(v))
                {
                    throw new InvalidArgumentException($"Nan in summary histogram for: {b.Op.Name}");
                }

                if (double.IsInfinity(v))
                {
                    throw new InvalidArgumentException($"Infinity in summary histogram for: {b.Op.Name}");
                }
            }

            var s = new Tensorflow.Summary();
            s.Value.Add(new Tensorflow.Summary.Types.Value { Tag = tag, Histo = Histogram.Build(doubles) });
            ctx.SetOutput(0, Serialized(s));
        })
    {
        Inputs = ["tag: string", "values: T"], Outputs = ["summary: string"],
        NoGradient = "summaries are not differentiable",
    };

    public static Tensor HistogramSummary(Tensor tag, Tensor values, string? name) =>
        Out("HistogramSummary", name ?? "HistogramSummary", [tag, values], ("T", values.DType));

    /// <summary>summary = the values of every serialized Summary in inputs, in order; a repeated non-empty tag is an
    /// error.</summary>
    public static readonly OpDef MergeSummaryOp = new("MergeSummary",
        ctx =>
        {
            if (ctx.Inputs.Count == 0)
            {
                throw ctx.Error("MergeSummary needs at least one input");
            }

            for (int i = 0; i < ctx.Inputs.Count; i++)
            {
                ctx.ExpectDType(i, DType.String);
            }

            return InferContext.One(DType.String, Shape.Scalar);
        },
        b => ctx =>
        {
            var merged = new Tensorflow.Summary();
            var tags = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < ctx.InputCount; i++)
            {
                var input = ctx.Input(i);
                var strings = input.Data<byte[]>();
                for (int j = 0; j < input.Size; j++)
                {
                    Tensorflow.Summary part;
                    try
                    {
                        part = Tensorflow.Summary.Parser.ParseFrom(strings[j]);
                    }
                    catch (InvalidProtocolBufferException)
                    {
                        throw new InvalidArgumentException($"MergeSummary '{b.Op.Name}': Could not parse one of the summary inputs (input {i}).");
                    }

                    foreach (var v in part.Value)
                    {
                        if (v.Tag.Length != 0 && !tags.Add(v.Tag))
                        {
                            throw new InvalidArgumentException($"MergeSummary '{b.Op.Name}': Duplicate tag {v.Tag} found in summary inputs");
                        }

                        merged.Value.Add(v);
                    }
                }
            }

            ctx.SetOutput(0, Serialized(merged));
        })
    {
        Inputs = ["inputs: N * string"], Outputs = ["summary: string"],
        NoGradient = "summaries are not differentiable",
    };

    public static Tensor MergeSummary(Tensor[] inputs, string? name) =>
        Out("MergeSummary", name ?? "MergeSummary", inputs, ("N", inputs.Length));

    /// <summary>summary = Summary{ (tag, tensor = tensor as a TensorProto, metadata = parsed
    /// serialized_summary_metadata) }.</summary>
    public static readonly OpDef TensorSummaryV2Op = new("TensorSummaryV2",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ctx.ExpectDType(0, DType.String);
            ctx.ExpectDType(2, DType.String);
            return InferContext.One(DType.String, Shape.Scalar);
        },
        b => ctx =>
        {
            string tag = SingleString(ctx.Input(0), b.Op, "tag");
            var metaInput = ctx.Input(2);
            if (metaInput.Size != 1)
            {
                throw new InvalidArgumentException($"TensorSummaryV2 '{b.Op.Name}': serialized_summary_metadata must be a single string, got shape {metaInput.Shape}.");
            }

            Tensorflow.SummaryMetadata metadata;
            try
            {
                metadata = Tensorflow.SummaryMetadata.Parser.ParseFrom(metaInput.Data<byte[]>()[0]);
            }
            catch (InvalidProtocolBufferException)
            {
                throw new InvalidArgumentException($"TensorSummaryV2 '{b.Op.Name}': serialized_summary_metadata is not a SummaryMetadata.");
            }

            var s = new Tensorflow.Summary();
            s.Value.Add(new Tensorflow.Summary.Types.Value { Tag = tag, Metadata = metadata, Tensor = TensorContentProto(ctx.Input(1)) });
            ctx.SetOutput(0, Serialized(s));
        })
    {
        Inputs = ["tag: string", "tensor: T", "serialized_summary_metadata: string"], Outputs = ["summary: string"],
        NoGradient = "summaries are not differentiable",
    };

    public static Tensor TensorSummaryV2(Tensor tag, Tensor tensor, Tensor serializedSummaryMetadata, string? name) =>
        Out("TensorSummaryV2", name ?? "TensorSummaryV2", [tag, tensor, serializedSummaryMetadata], ("T", tensor.DType));

    /// <summary>TF's <c>AsProtoTensorContent</c> (raw bytes in tensor_content) for numbers, <c>AsProtoField</c>
    /// (string_val) for strings, as TensorSummaryV2 writes them.</summary>
    internal static Tensorflow.TensorProto TensorContentProto(NDArray value)
    {
        if (value.DType == DType.String)
        {
            return TensorProtoConverter.ToProto(value);
        }

        var bytes = new byte[value.Size * value.DType.Size];
        Buffer.BlockCopy(value.RawData, 0, bytes, 0, bytes.Length);
        return new Tensorflow.TensorProto
        {
            Dtype = TensorProtoConverter.ToDataType(value.DType),
            TensorShape = TensorProtoConverter.ToProto(value.Shape),
            TensorContent = ByteString.CopyFrom(bytes),
        };
    }

    private static NDArray Serialized(Tensorflow.Summary s) => NDArray.Wrap(DType.String, Shape.Scalar, new[] { s.ToByteArray() });

    private static string SingleString(NDArray value, Operation op, string what) => value.Size == 1
        ? Encoding.UTF8.GetString(value.Data<byte[]>()[0])
        : throw new InvalidArgumentException($"{op.Type} '{op.Name}': {what} must be a scalar string, got shape {value.Shape}.");
}
