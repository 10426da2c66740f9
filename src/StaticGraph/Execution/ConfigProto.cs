namespace StaticGraph;

/// <summary>Session options with TensorFlow's <c>ConfigProto</c> field names.</summary>
public sealed class ConfigProto
{
    /// <summary>Threads one kernel may use (0: one per core).</summary>
    public int IntraOpParallelismThreads { get; set; }

    /// <summary>Independent kernels run at once (0: chosen by the runtime). Kept for TF compatibility.</summary>
    public int InterOpParallelismThreads { get; set; }
}
