namespace StaticGraph;

/// <summary>
/// What an RNN cell carries from one step to the next (TF1's nested <c>state</c> structure): a single tensor
/// (BasicRNNCell, GRUCell), an <see cref="LSTMStateTuple"/> (c, h), or an <see cref="RnnStateTuple"/> of states
/// (MultiRNNCell). <see cref="Flatten"/> lists its tensors depth-first, left to right (TF's
/// <c>nest.flatten</c>); <see cref="Pack"/> rebuilds the same structure from such a list, so loops can carry the
/// state as flat tensors.
/// </summary>
public abstract class RnnState
{
    // Only the three kinds of this assembly exist, so Pack can rely on the structure being closed.
    private protected RnnState()
    {
    }

    /// <summary>The number of tensors <see cref="Flatten"/> returns.</summary>
    public abstract int TensorCount { get; }

    /// <summary>The state's tensors in depth-first order (an LSTM state is [c, h]; a MultiRNNCell state is the
    /// layers' states one after the other).</summary>
    public Tensor[] Flatten()
    {
        var list = new List<Tensor>(TensorCount);
        AppendTo(list);
        return [.. list];
    }

    /// <summary>A state with this state's structure holding <paramref name="flat"/> (in <see cref="Flatten"/>
    /// order; TF's <c>nest.pack_sequence_as(this, flat)</c>).</summary>
    public RnnState Pack(IReadOnlyList<Tensor> flat)
    {
        ArgumentNullException.ThrowIfNull(flat);
        if (flat.Count != TensorCount)
        {
            throw new ArgumentException($"The state {this} holds {TensorCount} tensors, but {flat.Count} were given to pack into it.", nameof(flat));
        }

        int index = 0;
        return PackFrom(flat, ref index);
    }

    /// <summary>The single tensor of a one-tensor state (BasicRNNCell, GRUCell); throws for tuples.</summary>
    public Tensor ToTensor() => this is TensorRnnState single ? single.Tensor
        : throw new InvalidCastException($"The state {this} is a tuple of {TensorCount} tensors, not a single tensor.");

    /// <summary>Wraps a single tensor as a state.</summary>
    public static RnnState FromTensor(Tensor tensor) => new TensorRnnState(tensor ?? throw new ArgumentNullException(nameof(tensor)));

    /// <summary>A tensor is a one-tensor state (pass a tensor as <c>initial_state:</c>).</summary>
    public static implicit operator RnnState(Tensor tensor) => FromTensor(tensor);

    /// <summary>The single tensor of a one-tensor state (see <see cref="ToTensor"/>).</summary>
    public static explicit operator Tensor(RnnState state) => (state ?? throw new ArgumentNullException(nameof(state))).ToTensor();

    /// <summary>Whether <paramref name="other"/> has the same nesting (not the same tensors).</summary>
    internal abstract bool SameStructure(RnnState other);

    internal abstract void AppendTo(List<Tensor> list);

    internal abstract RnnState PackFrom(IReadOnlyList<Tensor> flat, ref int index);
}
