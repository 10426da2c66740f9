using StaticGraph.Execution;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Ops real TF graphs contain around the model: IsVariableInitialized, Assert, Print, DynamicStitch, and
/// ParseExample (whose parsing is not implemented: it fails at run time with a clear error, so graphs that hold it
/// still import and their other signatures run).</summary>
internal static class RuntimeOps
{
    public static IEnumerable<OpDef> Defs => [IsVariableInitializedOp, AssertOp, PrintOp, DynamicStitchOp, ParseExampleOp];

    /// <summary>y = whether the variable holds a value in this session.</summary>
    public static readonly OpDef IsVariableInitializedOp = new("IsVariableInitialized",
        ctx => InferContext.One(DType.Bool, Shape.Scalar),
        b =>
        {
            var cell = StateOps.Cell(b, b.Op.Inputs[0]);
            return ctx => ctx.Output(0, Shape.Scalar).AsSpan<bool>()[0] = cell.Value is not null;
        })
    {
        Inputs = ["ref: Ref(dtype)"], Outputs = ["is_initialized: bool"],
        IsStateful = true,
        NoGradient = "a bool output",
    };

    public static Tensor IsVariableInitialized(Tensor reference, string? name) =>
        Out("IsVariableInitialized", name, [reference], ("dtype", reference.DType));

    /// <summary>Fails the run with the data's values when the condition is false.</summary>
    public static readonly OpDef AssertOp = new("Assert",
        ctx =>
        {
            ctx.ExpectDType(0, DType.Bool);
            return [];
        },
        b =>
        {
            int summarize = b.Attr("summarize", 3);
            return ctx =>
            {
                var condition = ctx.Input(0);
                if (condition.Size != 1)
                {
                    throw new InvalidArgumentException($"Assert '{b.Op.Name}': the condition must be a scalar, got shape {condition.Shape}");
                }

                if (!condition.Item<bool>())
                {
                    var data = Enumerable.Range(1, ctx.InputCount - 1).Select(i => Summarize(ctx.Input(i), summarize));
                    throw new InvalidArgumentException($"assertion failed: [{string.Join("] [", data)}] (Assert '{b.Op.Name}')");
                }
            };
        })
    {
        Inputs = ["condition: bool", "data: T"], Outputs = [], Attrs = ["T: list(type)"],
        IsStateful = true,
        NoGradient = "it has no outputs",
        AttrDefaults = new Dictionary<string, object> { ["summarize"] = 3L },
    };

    /// <summary>y = input; writes message and the data's values to standard error (the first first_n runs when
    /// first_n &gt; 0).</summary>
    public static readonly OpDef PrintOp = new("Print",
        ArrayOps.SameAsInput,
        b =>
        {
            string message = b.Attr("message", "");
            int firstN = b.Attr("first_n", -1), summarize = b.Attr("summarize", 3);
            int printed = 0;
            return ctx =>
            {
                ArrayOps.Copy(ctx);
                if (firstN < 0 || Interlocked.Increment(ref printed) <= firstN)
                {
                    var data = Enumerable.Range(1, ctx.InputCount - 1).Select(i => Summarize(ctx.Input(i), summarize));
                    Console.Error.WriteLine(message + string.Concat(data.Select(d => $"[{d}]")));
                }
            };
        })
    {
        Inputs = ["input: T", "data: U"], Outputs = ["output: T"], Attrs = ["U: list(type) >= 0"],
        IsStateful = true,
        Grad = g => [g.Dy, .. new Tensor?[g.Op.Inputs.Count - 1]], // dy/dinput = 1; the printed data get none
        AttrDefaults = new Dictionary<string, object> { ["message"] = "", ["first_n"] = -1L, ["summarize"] = 3L },
    };

    public static Tensor Print(Tensor input, Tensor[] data, string message, int firstN, int summarize, string? name) =>
        Out("Print", name, [input, .. data], ("T", input.DType), ("U", data.Select(d => d.DType).ToArray()),
            ("message", message), ("first_n", firstN), ("summarize", summarize));

    private static string Summarize(NDArray value, int count)
    {
        var flat = value.Reshape(value.Size).ToString().Trim('[', ']').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', flat.Take(count < 0 ? flat.Length : count)) + (count >= 0 && flat.Length > count ? "..." : "");
    }

    /// <summary>merged[indices[m][i], ...] = data[m][i, ...] for N pairs (later pairs win on repeated indices).</summary>
    public static readonly OpDef DynamicStitchOp = new("DynamicStitch",
        ctx =>
        {
            int n = ctx.Inputs.Count / 2;
            if (n == 0 || ctx.Inputs.Count != 2 * n)
            {
                throw ctx.Error($"expected N indices and N data inputs, got {ctx.Inputs.Count} inputs");
            }

            var dtype = ctx.SameDType(n, n);
            Shape? slice = null;
            int max = -1;
            bool known = true;
            for (int i = 0; i < n; i++)
            {
                ctx.ExpectDType(i, DType.Int32);
                var (ind, data) = (ctx.Shape(i), ctx.Shape(n + i));
                if (ind.HasRank && data.HasRank)
                {
                    var rest = Shape.Own(data.Skip(ind.Rank).ToArray());
                    slice = slice is null ? rest : slice.IsCompatibleWith(rest) ? slice.MergeWith(rest)
                        : throw ctx.Error($"data[{i}] has slice shape {rest}, but earlier data have {slice}");
                }

                var values = ctx.Constant(i);
                if (values is null)
                {
                    known = false;
                }
                else
                {
                    max = Math.Max(max, values.Size == 0 ? -1 : ConstantFolding.ToInts(values).Max());
                }
            }

            return slice is null
                ? InferContext.One(dtype, Shape.Unknown)
                : InferContext.One(dtype, Shape.Own([known ? max + 1 : -1, .. slice]));
        },
        _ => ctx =>
        {
            int n = ctx.InputCount / 2;
            var indices = Enumerable.Range(0, n).Select(i => ConstantFolding.ToInts(ctx.Input(i))).ToArray();
            int rows = indices.SelectMany(x => x).DefaultIfEmpty(-1).Max() + 1;
            var first = ctx.Input(n);
            int indexRank = ctx.Input(0).Rank;
            var slice = first.Shape.Skip(indexRank).ToArray();
            int sliceSize = slice.Aggregate(1, (a, d) => a * d);
            var merged = ctx.Output(0, Shape.Own([rows, .. slice]));
            var written = new bool[rows];
            for (int m = 0; m < n; m++)
            {
                var data = ctx.Input(n + m);
                if (data.Size != indices[m].Length * sliceSize)
                {
                    throw new InvalidArgumentException(
                        $"DynamicStitch: data[{m}] has shape {data.Shape}, which does not match indices[{m}] of shape {ctx.Input(m).Shape} and slice {Shape.Own(slice)}");
                }

                for (int i = 0; i < indices[m].Length; i++)
                {
                    int row = indices[m][i];
                    if (row < 0)
                    {
                        throw new InvalidArgumentException($"DynamicStitch: indices[{m}][{i}] = {row} is negative");
                    }

                    Array.Copy(data.RawData, i * sliceSize, merged.RawData, row * sliceSize, sliceSize);
                    written[row] = true;
                }
            }

            int missing = Array.IndexOf(written, false);
            if (missing >= 0)
            {
                throw new InvalidArgumentException($"DynamicStitch: no data for merged row {missing} (indices must cover 0..{rows - 1})");
            }
        })
    {
        Inputs = ["indices: N * int32", "data: N * T"], Outputs = ["merged: T"],
        // d data[m] = gather(dy, indices[m]) (rows a later pair overwrote get TF's same gather); no gradient to indices.
        Grad = g =>
        {
            int n = g.Op.Inputs.Count / 2;
            var result = new Tensor?[2 * n];
            for (int m = 0; m < n; m++)
            {
                result[n + m] = IndexOps.GatherV2(g.Dy, g.X(m), 0, null);
            }

            return result;
        },
    };

    public static Tensor DynamicStitch(Tensor[] indices, Tensor[] data, string? name) =>
        Out("DynamicStitch", name, [.. indices, .. data], ("N", indices.Length), ("T", data[0].DType));

    /// <summary>Parses tf.Example protos: not implemented; importing works, running it is a clear error (feed the
    /// parsed feature tensors instead).</summary>
    public static readonly OpDef ParseExampleOp = new("ParseExample",
        ctx =>
        {
            int sparse = ctx.Attr("Nsparse", 0), dense = ctx.Attr("Ndense", 0);
            var sparseTypes = ctx.Attrs.TryGetValue("sparse_types", out var st) && st is DType[] s ? s : [];
            var denseTypes = ctx.Attrs.TryGetValue("Tdense", out var dt) && dt is DType[] d ? d : [];
            var denseShapes = ctx.Attrs.TryGetValue("dense_shapes", out var ds) && ds is Shape[] sh ? sh : [];
            if (sparseTypes.Length != sparse || denseTypes.Length != dense || denseShapes.Length != dense)
            {
                throw ctx.Error($"Nsparse = {sparse} and Ndense = {dense} do not match sparse_types, Tdense and dense_shapes");
            }

            int batch = ctx.Shape(0).HasRank && ctx.Shape(0).Rank == 1 ? ctx.Shape(0)[0] : -1;
            return
            [
                .. Enumerable.Range(0, sparse).Select(_ => new TensorSpec(DType.Int64, [-1, 2])),
                .. sparseTypes.Select(t => new TensorSpec(t, [-1])),
                .. Enumerable.Range(0, sparse).Select(_ => new TensorSpec(DType.Int64, [2])),
                .. denseTypes.Select((t, i) => new TensorSpec(t, denseShapes[i].HasRank ? Shape.Own([batch, .. denseShapes[i]]) : Shape.Unknown)),
            ];
        },
        b => _ => throw new InvalidArgumentException(
            $"ParseExample ('{b.Op.Name}') is not supported: StaticGraph does not parse tf.Example protos; feed the parsed feature tensors instead."))
    {
        Inputs = ["serialized: string", "names: string", "sparse_keys: Nsparse * string", "dense_keys: Ndense * string", "dense_defaults: Tdense"], Outputs = ["sparse_indices: Nsparse * int64", "sparse_values: sparse_types", "sparse_shapes: Nsparse * int64", "dense_values: Tdense"], Attrs = ["sparse_types: list({float, int64, string}) >= 0", "Tdense: list({float, int64, string}) >= 0"],
        NoGradient = "parsing has no gradient",
    };
}
