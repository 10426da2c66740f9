namespace StaticGraph.Execution.Passes;

/// <summary>Which compiler passes run over a plan (all by default; tests switch them off to compare the optimized
/// plan with the plain one).</summary>
[Flags]
internal enum PlanPasses
{
    /// <summary>The plain plan: steps as the graph lists them.</summary>
    None = 0,

    /// <summary><see cref="ConstantSteps"/>.</summary>
    FoldConstants = 1,

    /// <summary><see cref="CommonSubexpressions"/>.</summary>
    MergeCommonSubexpressions = 2,

    /// <summary><see cref="DeadSteps"/>.</summary>
    RemoveDeadSteps = 4,

    /// <summary><see cref="ElementwiseFusion"/>.</summary>
    FuseElementwise = 8,

    /// <summary><see cref="InPlaceOutputs"/>.</summary>
    InPlace = 16,

    /// <summary><see cref="ProductAccumulation"/>.</summary>
    AccumulateProducts = 32,

    /// <summary><see cref="ParallelProducts"/>.</summary>
    PairProducts = 64,

    /// <summary><see cref="ForwardedReads"/>.</summary>
    ForwardReads = 128,

    /// <summary><see cref="BiasActivation"/>.</summary>
    FoldBiasActivation = 256,

    /// <summary>Every pass.</summary>
    All = FoldConstants | MergeCommonSubexpressions | RemoveDeadSteps | FuseElementwise | InPlace | AccumulateProducts | PairProducts
        | ForwardReads | FoldBiasActivation,
}
