namespace StaticGraph;

/// <summary>A state that is one tensor (BasicRNNCell, GRUCell, a non-tuple BasicLSTMCell).</summary>
internal sealed class TensorRnnState(Tensor tensor) : RnnState
{
    public Tensor Tensor { get; } = tensor;

    public override int TensorCount => 1;

    internal override bool SameStructure(RnnState other) => other is TensorRnnState;

    internal override void AppendTo(List<Tensor> list) => list.Add(Tensor);

    internal override RnnState PackFrom(IReadOnlyList<Tensor> flat, ref int index) => new TensorRnnState(flat[index++]);

    public override string ToString() => Tensor.ToString();
}
