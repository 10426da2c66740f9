namespace StaticGraph;

// numpy/TF1-style indexing of the variable's value, as Tensor's indexer.
public sealed partial class Variable
{
    /// <summary>y = value[indices]: see <see cref="Tensor.this[TensorIndex[]]"/>.</summary>
    public Tensor this[params TensorIndex[] indices] => Value[indices];
}
