using StaticGraph.Ops;

namespace StaticGraph;

public static partial class tf
{
    public static partial class nn
    {
        /// <summary>The rows of <paramref name="params"/> at <paramref name="ids"/>: gather(params, ids).</summary>
        public static Tensor embedding_lookup(Tensor @params, Tensor ids, string? name = null) =>
            IndexOps.GatherV2(@params, ids, 0, name ?? "embedding_lookup");
    }
}
