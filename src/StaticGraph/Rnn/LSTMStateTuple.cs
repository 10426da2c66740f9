namespace StaticGraph;

/// <summary>
/// The state of an LSTM cell (TF1 <c>LSTMStateTuple</c>): the cell state <c>c</c> and the output <c>h</c>, both
/// [batch, units] (h is [batch, num_proj] for a projecting LSTMCell). Flattens as [c, h]; deconstructs as
/// <c>var (c, h) = state;</c>.
/// </summary>
public sealed class LSTMStateTuple : RnnState
{
    /// <summary>A state of cell state <paramref name="c"/> and output <paramref name="h"/>.</summary>
    public LSTMStateTuple(Tensor c, Tensor h)
    {
        this.c = c ?? throw new ArgumentNullException(nameof(c));
        this.h = h ?? throw new ArgumentNullException(nameof(h));
    }

    /// <summary>The memory cell state.</summary>
    public Tensor c { get; }

    /// <summary>The hidden state (the cell's output).</summary>
    public Tensor h { get; }

    /// <inheritdoc/>
    public override int TensorCount => 2;

    /// <summary>TF1's tuple unpacking <c>c, h = state</c>.</summary>
    public void Deconstruct(out Tensor c, out Tensor h)
    {
        c = this.c;
        h = this.h;
    }

    /// <summary>TF1's text: <c>LSTMStateTuple(c=..., h=...)</c>.</summary>
    public override string ToString() => $"LSTMStateTuple(c={c}, h={h})";

    internal override bool SameStructure(RnnState other) => other is LSTMStateTuple;

    internal override void AppendTo(List<Tensor> list)
    {
        list.Add(c);
        list.Add(h);
    }

    internal override RnnState PackFrom(IReadOnlyList<Tensor> flat, ref int index)
    {
        var state = new LSTMStateTuple(flat[index], flat[index + 1]);
        index += 2;
        return state;
    }
}
