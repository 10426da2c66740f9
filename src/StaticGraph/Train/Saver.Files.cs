using StaticGraph.IO;

namespace StaticGraph;

// Save / Restore: running the graph's ops, the `checkpoint` state file and max_to_keep bookkeeping, as TF1 does.
public sealed partial class Saver
{
    private readonly List<(string Path, DateTime Time)> _last = [];
    private readonly Queue<(string Path, DateTime Time)> _toDelete = new();
    private DateTime _nextKeepTime;

    /// <summary>The checkpoints this saver keeps (oldest first, at most <c>max_to_keep</c>).</summary>
    public IReadOnlyList<string> LastCheckpoints => _last.Select(p => p.Path).ToArray();

    /// <summary>
    /// Saves the variables to <paramref name="save_path"/> (or <c>save_path-global_step</c>) by running the graph's
    /// save op, then updates the state file <paramref name="latest_filename"/> in the checkpoint's folder and deletes
    /// checkpoints beyond <c>max_to_keep</c> (only after the new one is complete). Returns the checkpoint prefix.
    /// With <paramref name="write_meta_graph"/> the graph's MetaGraph (with this saver's SaverDef) is written
    /// atomically to <c>path.meta</c> after the checkpoint files. With <paramref name="write_state"/> false the state file and the list of kept
    /// checkpoints are left alone (TF1's <c>write_state</c>).
    /// </summary>
    public string Save(Session sess, string save_path, long? global_step = null, string latest_filename = "checkpoint", bool write_meta_graph = true,
        bool write_state = true)
    {
        ArgumentNullException.ThrowIfNull(sess);
        ArgumentException.ThrowIfNullOrEmpty(save_path);
        if (sess.Graph != _graph)
        {
            throw new InvalidArgumentException("The session's graph is not the graph this Saver was built in.");
        }

        string checkpointFile = global_step is long step ? $"{save_path}-{step}" : save_path;
        var feed = new FeedDict { [_graph.GetTensorByName(_def.FilenameTensorName)] = NDArray.FromString(checkpointFile) };
        var result = sess.Run(_graph.GetTensorByName(_def.SaveTensorName), feed);
        string path = System.Text.Encoding.UTF8.GetString(result.Data<byte[]>()[0]);
        if (write_meta_graph)
        {
            tf.train.export_meta_graph(path + ".meta", _graph, _def);
        }

        if (!write_state)
        {
            return path;
        }

        RecordLast(path);
        string dir = Path.GetDirectoryName(save_path) ?? "";
        CheckpointStateFile.Write(dir.Length == 0 ? "." : dir, path, LastCheckpoints, latest_filename, SaveRelativePaths);
        DeleteOld();
        return path;
    }

    /// <summary>Restores every variable from the checkpoint <paramref name="save_path"/> by running the graph's
    /// restore op; every checksum is verified before any variable changes, and a corrupt checkpoint raises
    /// <see cref="DataLossException"/>.</summary>
    public void Restore(Session sess, string save_path)
    {
        ArgumentNullException.ThrowIfNull(sess);
        if (string.IsNullOrEmpty(save_path))
        {
            throw new InvalidArgumentException("Can't load save_path when it is None.");
        }

        if (!CheckpointPaths.IsV2(save_path) && CheckpointPaths.MatchV1(save_path).Length == 0)
        {
            throw new InvalidArgumentException($"The passed save_path is not a valid checkpoint: {save_path}");
        }

        var feed = new FeedDict { [_graph.GetTensorByName(_def.FilenameTensorName)] = NDArray.FromString(save_path) };
        sess.Run(_graph.GetOperationByName(_def.RestoreOpName), feed);
    }

    private void RecordLast(string path)
    {
        if (_def.MaxToKeep <= 0)
        {
            return;
        }

        _last.RemoveAll(p => p.Path == path);
        _last.Add((path, DateTime.UtcNow));
        if (_last.Count > _def.MaxToKeep)
        {
            _toDelete.Enqueue(_last[0]);
            _last.RemoveAt(0);
        }
    }

    // TF keeps a checkpoint every keep_checkpoint_every_n_hours; the others beyond max_to_keep are deleted.
    private void DeleteOld()
    {
        while (_toDelete.TryDequeue(out var p))
        {
            if (p.Time > _nextKeepTime)
            {
                _nextKeepTime = _nextKeepTime.AddHours(_def.KeepCheckpointEveryNHours);
                continue;
            }

            foreach (var file in CheckpointPaths.FilesOf(p.Path))
            {
                File.Delete(file);
            }
        }
    }
}
