using System.Text;
using StaticGraph.IO;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Checkpoint ops as TF1's Saver builds them: SaveV2 and RestoreV2 (V2 tensor bundles; RestoreV2 also reads
/// V1 checkpoints), MergeV2Checkpoints, and the file-name string ops ShardedFilename, ShardedFilespec, StringJoin.</summary>
internal static class CheckpointOps
{
    public static IEnumerable<OpDef> Defs => [SaveV2Op, RestoreV2Op, MergeV2CheckpointsOp, ShardedFilenameOp, ShardedFilespecOp, StringJoinOp];

    /// <summary>Writes tensors[i] under tensor_names[i] to the V2 checkpoint prefix (.index + .data-00000-of-00001).</summary>
    public static readonly OpDef SaveV2Op = new("SaveV2",
        ctx =>
        {
            ExpectString(ctx, 0, 1, 2);
            var dtypes = ctx.Attr<DType[]>("dtypes");
            if (ctx.Inputs.Count != 3 + dtypes.Length)
            {
                throw ctx.Error($"expected {3 + dtypes.Length} inputs for {dtypes.Length} dtypes, got {ctx.Inputs.Count}");
            }

            for (int i = 0; i < dtypes.Length; i++)
            {
                if (ctx.DType(3 + i) != dtypes[i])
                {
                    throw ctx.Error($"tensor {i} has dtype {ctx.DType(3 + i)} but dtypes[{i}] is {dtypes[i]}");
                }
            }

            return [];
        },
        b => ctx =>
        {
            string prefix = Str(ctx.Input(0), "prefix");
            var names = Strings(ctx.Input(1), "tensor_names");
            var slices = Strings(ctx.Input(2), "shape_and_slices");
            int n = ctx.InputCount - 3;
            if (names.Length != n || slices.Length != n)
            {
                throw new InvalidArgumentException(
                    $"SaveV2 '{b.Op.Name}': got {names.Length} tensor names and {slices.Length} shape_and_slices for {n} tensors.");
            }

            var tensors = new List<(string, NDArray)>(n);
            for (int i = 0; i < n; i++)
            {
                if (slices[i].Length != 0)
                {
                    throw new InvalidArgumentException($"SaveV2 '{b.Op.Name}': saving slices ('{slices[i]}' for '{names[i]}') is not supported.");
                }

                tensors.Add((names[i], ctx.Input(3 + i)));
            }

            CreateParent(prefix);
            BundleWriter.Write(prefix, tensors);
        })
    {
        Inputs = ["prefix: string", "tensor_names: string", "shape_and_slices: string", "tensors: dtypes"], Outputs = [], Attrs = ["dtypes: list(type) >= 1"],
        IsStateful = true,
        NoGradient = "writes files",
        AttrDefaults = new Dictionary<string, object> { ["dtypes"] = Array.Empty<DType>() },
    };

    public static Operation SaveV2(Tensor prefix, Tensor tensorNames, Tensor shapeAndSlices, Tensor[] tensors, string? name) =>
        Op("SaveV2", name ?? "SaveV2", [prefix, tensorNames, shapeAndSlices, .. tensors], ("dtypes", tensors.Select(t => t.DType).ToArray()));

    /// <summary>outputs[i] = the tensor tensor_names[i] of the checkpoint prefix (V2, or V1 as a fallback).</summary>
    public static readonly OpDef RestoreV2Op = new("RestoreV2",
        ctx =>
        {
            ExpectString(ctx, 0, 1, 2);
            var dtypes = ctx.Attr<DType[]>("dtypes");
            return dtypes.Select(d => new TensorSpec(d, Shape.Unknown)).ToArray();
        },
        b =>
        {
            var dtypes = b.Attr<DType[]>("dtypes");
            return ctx =>
            {
                string prefix = Str(ctx.Input(0), "prefix");
                var names = Strings(ctx.Input(1), "tensor_names");
                var slices = Strings(ctx.Input(2), "shape_and_slices");
                if (names.Length != dtypes.Length || slices.Length != dtypes.Length)
                {
                    throw new InvalidArgumentException(
                        $"RestoreV2 '{b.Op.Name}': got {names.Length} tensor names and {slices.Length} shape_and_slices for {dtypes.Length} dtypes.");
                }

                var reader = new CheckpointReader(prefix);

                // Read and verify every tensor before setting any output, so a corrupt checkpoint restores nothing.
                var values = new NDArray[names.Length];
                for (int i = 0; i < names.Length; i++)
                {
                    if (slices[i].Length != 0)
                    {
                        throw new InvalidArgumentException($"RestoreV2 '{b.Op.Name}': restoring slices ('{slices[i]}' of '{names[i]}') is not supported.");
                    }

                    if (!reader.HasTensor(names[i]))
                    {
                        throw new InvalidArgumentException($"Key {names[i]} not found in checkpoint '{prefix}'.");
                    }

                    values[i] = reader.GetTensor(names[i]);
                    if (values[i].DType != dtypes[i])
                    {
                        throw new InvalidArgumentException(
                            $"tensor_name = {names[i]}; expected dtype {dtypes[i]} does not equal original dtype {values[i].DType}");
                    }
                }

                for (int i = 0; i < values.Length; i++)
                {
                    ctx.SetOutput(i, values[i]);
                }
            };
        })
    {
        Inputs = ["prefix: string", "tensor_names: string", "shape_and_slices: string"], Outputs = ["tensors: dtypes"], Attrs = ["dtypes: list(type) >= 1"],
        IsStateful = true,
        NoGradient = "reads files",
    };

    public static Tensor[] RestoreV2(Tensor prefix, Tensor tensorNames, Tensor shapeAndSlices, DType[] dtypes, string? name) =>
        [.. Op("RestoreV2", name ?? "RestoreV2", [prefix, tensorNames, shapeAndSlices], ("dtypes", dtypes)).Outputs];

    /// <summary>Merges the single-shard bundles checkpoint_prefixes into destination_prefix (one data shard each) and
    /// deletes their index files (and, with delete_old_dirs, their then-empty folders).</summary>
    public static readonly OpDef MergeV2CheckpointsOp = new("MergeV2Checkpoints",
        ctx =>
        {
            ExpectString(ctx, 0, 1);
            ctx.ExpectInputs(2);
            return [];
        },
        b =>
        {
            bool deleteOldDirs = b.Attr("delete_old_dirs", true);
            return ctx =>
            {
                var prefixes = Strings(ctx.Input(0), "checkpoint_prefixes");
                string destination = Str(ctx.Input(1), "destination_prefix");
                CreateParent(destination);
                BundleWriter.Merge(prefixes, destination);
                if (deleteOldDirs)
                {
                    string destDir = Path.GetFullPath(Path.GetDirectoryName(destination) is { Length: > 0 } d ? d : ".");
                    foreach (var p in prefixes)
                    {
                        string dir = Path.GetFullPath(Path.GetDirectoryName(p) is { Length: > 0 } pd ? pd : ".");
                        if (dir != destDir && Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                        {
                            Directory.Delete(dir);
                        }
                    }
                }
            };
        })
    {
        Inputs = ["checkpoint_prefixes: string", "destination_prefix: string"], Outputs = [],
        IsStateful = true,
        NoGradient = "writes files",
        AttrDefaults = new Dictionary<string, object> { ["delete_old_dirs"] = true },
    };

    public static Operation MergeV2Checkpoints(Tensor checkpointPrefixes, Tensor destinationPrefix, bool deleteOldDirs, string? name) =>
        Op("MergeV2Checkpoints", name ?? "MergeV2Checkpoints", [checkpointPrefixes, destinationPrefix], ("delete_old_dirs", deleteOldDirs));

    /// <summary>y = "%s-%05d-of-%05d" % (basename, shard, num_shards).</summary>
    public static readonly OpDef ShardedFilenameOp = new("ShardedFilename",
        ctx =>
        {
            ctx.ExpectInputs(3);
            ExpectString(ctx, 0);
            ctx.ExpectDType(1, DType.Int32);
            ctx.ExpectDType(2, DType.Int32);
            return InferContext.One(DType.String, Shape.Scalar);
        },
        _ => ctx =>
        {
            string name = CheckpointPaths.ShardedFilename(Str(ctx.Input(0), "basename"), ctx.Input(1).Item<int>(), ctx.Input(2).Item<int>());
            ctx.SetOutput(0, NDArray.FromString(name));
        })
    {
        Inputs = ["basename: string", "shard: int32", "num_shards: int32"], Outputs = ["filename: string"],
        NoGradient = "a string op",
    };

    public static Tensor ShardedFilename(Tensor basename, Tensor shard, Tensor numShards, string? name) =>
        Out("ShardedFilename", name ?? "ShardedFilename", [basename, shard, numShards]);

    /// <summary>y = "%s-?????-of-%05d" % (basename, num_shards).</summary>
    public static readonly OpDef ShardedFilespecOp = new("ShardedFilespec",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ExpectString(ctx, 0);
            ctx.ExpectDType(1, DType.Int32);
            return InferContext.One(DType.String, Shape.Scalar);
        },
        _ => ctx => ctx.SetOutput(0, NDArray.FromString($"{Str(ctx.Input(0), "basename")}-?????-of-{ctx.Input(1).Item<int>():D5}")))
    {
        Inputs = ["basename: string", "num_shards: int32"], Outputs = ["filename: string"],
        NoGradient = "a string op",
    };

    /// <summary>y = inputs[0] + separator + inputs[1] + ... elementwise; scalars broadcast against the others.</summary>
    public static readonly OpDef StringJoinOp = new("StringJoin",
        ctx =>
        {
            Shape shape = Shape.Scalar;
            for (int i = 0; i < ctx.Inputs.Count; i++)
            {
                ExpectString(ctx, i);
                var s = ctx.Shape(i);
                if (s.HasRank && s.Rank == 0)
                {
                    continue;
                }

                if (shape.HasRank && shape.Rank == 0)
                {
                    shape = s;
                }
                else if (!shape.IsCompatibleWith(s))
                {
                    throw ctx.Error($"input {i} has shape {s}, incompatible with {shape}");
                }
                else
                {
                    shape = shape.MergeWith(s);
                }
            }

            return InferContext.One(DType.String, shape);
        },
        b =>
        {
            byte[] separator = Encoding.UTF8.GetBytes(b.Attr("separator", ""));
            return ctx =>
            {
                var inputs = Enumerable.Range(0, ctx.InputCount).Select(ctx.Input).ToArray();
                var shape = inputs.FirstOrDefault(x => x.Rank > 0)?.Shape ?? Shape.Scalar;
                if (inputs.FirstOrDefault(x => x.Rank > 0 && !x.Shape.Equals(shape)) is { } bad)
                {
                    throw new InvalidArgumentException($"StringJoin '{b.Op.Name}': input shapes must be equal or scalar, got {shape} and {bad.Shape}.");
                }

                var result = new byte[shape.Size][];
                for (int k = 0; k < result.Length; k++)
                {
                    using var ms = new MemoryStream();
                    for (int i = 0; i < inputs.Length; i++)
                    {
                        if (i > 0)
                        {
                            ms.Write(separator);
                        }

                        ms.Write(inputs[i].Data<byte[]>()[inputs[i].Rank == 0 ? 0 : k]);
                    }

                    result[k] = ms.ToArray();
                }

                ctx.SetOutput(0, NDArray.Wrap(DType.String, shape, result));
            };
        })
    {
        Inputs = ["inputs: N * string"], Outputs = ["output: string"],
        NoGradient = "a string op",
        AttrDefaults = new Dictionary<string, object> { ["separator"] = "" },
    };

    public static Tensor StringJoin(Tensor[] inputs, string separator, string? name) =>
        Out("StringJoin", name ?? "StringJoin", inputs, ("N", inputs.Length), ("separator", separator));

    private static void ExpectString(InferContext ctx, params int[] inputs)
    {
        foreach (int i in inputs)
        {
            ctx.ExpectDType(i, DType.String);
        }
    }

    private static string Str(NDArray value, string what) => value.Size == 1
        ? Encoding.UTF8.GetString(value.Data<byte[]>()[0])
        : throw new InvalidArgumentException($"{what} must be a single string, got shape {value.Shape}.");

    private static string[] Strings(NDArray value, string what) =>
        value.Rank <= 1
            ? value.Data<byte[]>().Take(value.Size).Select(b => Encoding.UTF8.GetString(b)).ToArray()
            : throw new InvalidArgumentException($"{what} must be a vector of strings, got shape {value.Shape}.");

    private static void CreateParent(string prefix)
    {
        string? dir = Path.GetDirectoryName(prefix);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
    }
}
