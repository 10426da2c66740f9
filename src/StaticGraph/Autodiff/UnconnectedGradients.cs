namespace StaticGraph;

/// <summary>What <c>tf.gradients</c> returns for an <c>xs</c> entry that <c>ys</c> does not depend on.</summary>
public enum UnconnectedGradients
{
    /// <summary>A null entry (TF1's <c>None</c>).</summary>
    None,

    /// <summary>Zeros of the entry's shape and dtype.</summary>
    Zero,
}
