using StaticGraph.IO;

namespace StaticGraph;

public static partial class tf
{
    // Checkpoints: the Saver, readers and the `checkpoint` state file (tf.train.*).
    public static partial class train
    {
        /// <summary>A saver of <paramref name="var_list"/> (default: every global variable, under its op name).</summary>
        public static Saver Saver(IEnumerable<Variable>? var_list = null, int max_to_keep = 5, double keep_checkpoint_every_n_hours = 10000.0,
            bool save_relative_paths = false, bool sharded = false, string name = "save") =>
            new(var_list, max_to_keep, keep_checkpoint_every_n_hours, save_relative_paths, sharded, name);

        /// <summary>A reader of the checkpoint <paramref name="filepattern"/> (V1 or V2).</summary>
        public static CheckpointReader NewCheckpointReader(string filepattern) => new(filepattern);

        /// <summary>A reader of <paramref name="ckpt_dir_or_file"/>: a checkpoint prefix, or a folder whose state file
        /// names one.</summary>
        public static CheckpointReader load_checkpoint(string ckpt_dir_or_file) => new(CheckpointPrefix(ckpt_dir_or_file));

        /// <summary>Every tensor of a checkpoint with its dimensions, sorted by name.</summary>
        public static (string name, int[] shape)[] list_variables(string ckpt_dir_or_file)
        {
            var map = load_checkpoint(ckpt_dir_or_file).GetVariableToShapeMap();
            return map.Keys.Order(StringComparer.Ordinal).Select(k => (k, map[k])).ToArray();
        }

        /// <summary>The prefix of the newest checkpoint the state file in <paramref name="checkpoint_dir"/> names
        /// (relative paths resolved against the folder), or null when there is none.</summary>
        public static string? latest_checkpoint(string checkpoint_dir, string? latest_filename = null) =>
            CheckpointStateFile.Latest(checkpoint_dir, latest_filename);

        /// <summary>The state file in <paramref name="checkpoint_dir"/> with relative paths resolved, or null.</summary>
        public static Tensorflow.CheckpointState? get_checkpoint_state(string checkpoint_dir, string? latest_filename = null) =>
            CheckpointStateFile.Read(checkpoint_dir, latest_filename);

        private static string CheckpointPrefix(string ckptDirOrFile)
        {
            ArgumentException.ThrowIfNullOrEmpty(ckptDirOrFile);
            if (!Directory.Exists(ckptDirOrFile))
            {
                return ckptDirOrFile;
            }

            return CheckpointStateFile.Latest(ckptDirOrFile, null)
                ?? throw new InvalidArgumentException($"Couldn't find 'checkpoint' file or checkpoints in given directory {ckptDirOrFile}");
        }
    }
}
