using StaticGraph.Ops;
using Tensorflow;

namespace StaticGraph;

/// <summary>
/// TF1's <c>tf.train.Saver</c>: graph ops that save variables to and restore them from V2 checkpoints, built the TF1
/// way so a checkpoint (and the graph) interoperates with TensorFlow. Variables are saved under their op names
/// (<c>W</c>, <c>W/Adam</c>, <c>beta1_power</c>) in sorted order. The ops: <c>save/filename</c> and <c>save/Const</c>
/// (PlaceholderWithDefault string scalars; the prefix is fed to <c>save/Const:0</c>), <c>save/SaveV2</c> with
/// <c>save/SaveV2/tensor_names</c> and <c>save/SaveV2/shape_and_slices</c>, <c>save/control_dependency</c> (the prefix,
/// after SaveV2), <c>save/RestoreV2</c>, one <c>save/Assign[_k]</c> per variable and <c>save/restore_all</c>.
/// With <c>sharded</c>, TF's sharded layout: SaveV2 writes a temporary shard (<c>save/ShardedFilename</c>) that
/// <c>save/MergeV2Checkpoints</c> merges into the prefix; the save tensor is then <c>save/Identity:0</c>.
/// </summary>
public sealed partial class Saver
{
    private readonly SaverDef _def;
    private readonly Graph _graph;

    internal Saver(IEnumerable<Variable>? varList, int maxToKeep, double keepCheckpointEveryNHours, bool saveRelativePaths, bool sharded, string name)
    {
        var vars = (varList ?? Graph.Default.GetCollection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES)).ToArray();
        if (vars.Length == 0)
        {
            throw new InvalidArgumentException("No variables to save");
        }

        _graph = vars[0].Graph;
        var byName = new SortedDictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var v in vars)
        {
            if (v.Graph != _graph)
            {
                throw new InvalidArgumentException($"Variable {v.Op.Name} is not in the graph of {vars[0].Op.Name}.");
            }

            if (!byName.TryAdd(v.Op.Name, v) && byName[v.Op.Name] != v)
            {
                throw new InvalidArgumentException($"At least two variables have the same name: {v.Op.Name}");
            }
        }

        _def = sharded ? BuildSharded(byName, name) : Build(byName, name);
        _def.MaxToKeep = maxToKeep;
        _def.KeepCheckpointEveryNHours = (float)keepCheckpointEveryNHours;
        _def.Version = SaverDef.Types.CheckpointFormatVersion.V2;
        _def.Sharded = sharded;
        SaveRelativePaths = saveRelativePaths;
        _nextKeepTime = DateTime.UtcNow.AddHours(Math.Min(keepCheckpointEveryNHours, 1e6));
    }

    /// <summary>A saver over the ops a <see cref="SaverDef"/> names (an imported MetaGraph's own save/restore ops).</summary>
    internal Saver(SaverDef saverDef, Graph graph)
    {
        _def = saverDef.Clone();
        _graph = graph;
        _nextKeepTime = DateTime.UtcNow.AddHours(Math.Min(_def.KeepCheckpointEveryNHours, 1e6));
    }

    /// <summary>True when the state file stores paths relative to its folder.</summary>
    public bool SaveRelativePaths { get; }

    /// <summary>TF's <c>saver.as_saver_def()</c>: the tensor and op names and settings a MetaGraph records.</summary>
    public SaverDef AsSaverDef() => _def.Clone();

    private SaverDef Build(SortedDictionary<string, Variable> vars, string name)
    {
        using (_graph.AsDefault())
        using (_graph.ControlDependencies(null))
        using (var scope = _graph.NameScope(name))
        {
            var filename = Filename();
            var save = AddSave(filename, vars);
            Tensor saveTensor;
            using (_graph.ControlDependencies([save]))
            {
                saveTensor = ArrayOps.Identity(filename, "control_dependency");
            }

            var restore = ArrayOps.NoOp("restore_all", AddRestore(filename, vars));
            return new SaverDef { FilenameTensorName = filename.Name, SaveTensorName = saveTensor.Name, RestoreOpName = restore.Name };
        }
    }

    private SaverDef BuildSharded(SortedDictionary<string, Variable> vars, string name)
    {
        using (_graph.AsDefault())
        using (_graph.ControlDependencies(null))
        using (_graph.NameScope(name))
        {
            var filename = Filename();
            Tensor tmpPrefix;
            using (var join = _graph.NameScope("StringJoin"))
            {
                var suffix = OpBuilder.Const(NDArray.FromString($"_temp_{Guid.NewGuid():N}/part"), "inputs_1", _graph);
                tmpPrefix = CheckpointOps.StringJoin([filename, suffix], "", join.Name);
            }

            var numShards = OpBuilder.Const(1, "num_shards", _graph);
            Tensor shardName;
            using (var sf = _graph.NameScope("ShardedFilename"))
            {
                shardName = CheckpointOps.ShardedFilename(tmpPrefix, OpBuilder.Const(0, "shard", _graph), numShards, sf.Name);
            }

            var save = AddSave(shardName, vars);
            Tensor shardSaved;
            using (_graph.ControlDependencies([save]))
            {
                shardSaved = ArrayOps.Identity(shardName, "control_dependency");
            }

            Tensor saveTensor;
            using (_graph.ControlDependencies([shardSaved.Op]))
            {
                Operation merge;
                using (var m = _graph.NameScope("MergeV2Checkpoints"))
                {
                    var prefixes = ManipulationOps.Pack([shardSaved], 0, "checkpoint_prefixes");
                    merge = CheckpointOps.MergeV2Checkpoints(prefixes, filename, true, m.Name);
                }

                using (_graph.ControlDependencies([merge]))
                {
                    saveTensor = ArrayOps.Identity(filename, "Identity");
                }
            }

            var shard = ArrayOps.NoOp("restore_shard", AddRestore(filename, vars));
            var restore = ArrayOps.NoOp("restore_all", [shard]);
            return new SaverDef { FilenameTensorName = filename.Name, SaveTensorName = saveTensor.Name, RestoreOpName = restore.Name };
        }
    }

    // TF 1.15: a PlaceholderWithDefault "filename" (default "model"), wrapped in one named "Const" for backwards
    // compatibility; the prefix is fed to save/Const:0.
    private Tensor Filename()
    {
        Tensor filename;
        using (var scope = _graph.NameScope("filename"))
        {
            var input = OpBuilder.Const(NDArray.FromString("model"), "input", _graph);
            filename = ArrayOps.PlaceholderWithDefault(input, Shape.Scalar, scope.Name);
        }

        return ArrayOps.PlaceholderWithDefault(filename, Shape.Scalar, "Const");
    }

    private Operation AddSave(Tensor prefix, SortedDictionary<string, Variable> vars)
    {
        using var scope = _graph.NameScope("SaveV2");
        var names = StringVector(vars.Keys, "tensor_names");
        var slices = StringVector(vars.Keys.Select(_ => ""), "shape_and_slices");
        return CheckpointOps.SaveV2(prefix, names, slices, vars.Values.Select(v => v.Ref).ToArray(), scope.Name);
    }

    private Operation[] AddRestore(Tensor prefix, SortedDictionary<string, Variable> vars)
    {
        Tensor[] restored;
        using (var scope = _graph.NameScope("RestoreV2"))
        {
            var names = StringVector(vars.Keys, "tensor_names");
            var slices = StringVector(vars.Keys.Select(_ => ""), "shape_and_slices");
            restored = CheckpointOps.RestoreV2(prefix, names, slices, vars.Values.Select(v => v.DType).ToArray(), scope.Name);
        }

        return vars.Values.Select((v, i) => StateOps.Assign(v.Ref, restored[i], true, "Assign")).ToArray();
    }

    private Tensor StringVector(IEnumerable<string> values, string name)
    {
        var bytes = values.Select(s => System.Text.Encoding.UTF8.GetBytes(s)).ToArray();
        return OpBuilder.Const(NDArray.Wrap(DType.String, new Shape(bytes.Length), bytes), name, _graph);
    }
}
