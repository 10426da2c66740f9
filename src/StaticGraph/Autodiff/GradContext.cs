namespace StaticGraph.Autodiff;

/// <summary>What a gradient rule sees: the forward node, its inputs <see cref="X"/>, outputs <see cref="Y"/>,
/// and the incoming gradients <see cref="Dy"/> (of output 0) / <see cref="Dys"/> (of every output, null where no
/// gradient arrives).</summary>
internal sealed class GradContext(Operation op, Tensor?[] dys, bool[]? needed = null)
{
    public Operation Op { get; } = op;

    /// <summary>Gradients with respect to each output (null where none flows).</summary>
    public IReadOnlyList<Tensor?> Dys { get; } = dys;

    /// <summary>The gradient with respect to output 0 (zeros when none flows into it but another output has one).</summary>
    public Tensor Dy => Dys[0] ?? Ops.ArrayOps.ZerosLike(Op.Outputs[0], null);

    /// <summary>False when no requested x reaches input <paramref name="i"/>, so its gradient would be discarded: a
    /// rule whose work per input is large (a loop's gradient) may skip it and return null there.</summary>
    public bool NeedsGradient(int i) => needed?[i] ?? true;

    /// <summary>Forward input <paramref name="i"/>.</summary>
    public Tensor X(int i) => Op.Inputs[i];

    /// <summary>Forward output 0.</summary>
    public Tensor Y => Op.Outputs[0];

    /// <summary>An attribute of the forward node.</summary>
    public T Attr<T>(string name) => Op.GetAttr<T>(name);
}
