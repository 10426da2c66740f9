namespace StaticGraph;

/// <summary>Builds the initial value of a variable of <paramref name="shape"/> and <paramref name="dtype"/>
/// (TF1 initializers: <c>tf.zeros_initializer()</c>, <c>tf.glorot_uniform_initializer()</c>, ...).</summary>
public delegate Tensor Initializer(Shape shape, DType dtype);

/// <summary>Builds the regularization loss of a weight tensor, or null for none (<c>l2_regularizer(scale)</c>).</summary>
public delegate Tensor? Regularizer(Tensor weights);
