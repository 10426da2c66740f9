namespace StaticGraph.Ops;

/// <summary>Helpers the op families use to add nodes: the graph comes from the inputs (else the default graph;
/// inside a function body being traced, always the body),
/// Python scalars become constants of the other operand's dtype.</summary>
internal static class OpBuilder
{
    /// <summary>Adds an op and returns it.</summary>
    public static Operation Op(string type, string? name, Tensor[] inputs, params (string Name, object Value)[] attrs)
    {
        return Graph.For(inputs).AddOperation(type, name, inputs, attrs.Select(a => new KeyValuePair<string, object>(a.Name, a.Value)));
    }

    /// <summary>Adds a single-output op and returns its output.</summary>
    public static Tensor Out(string type, string? name, Tensor[] inputs, params (string Name, object Value)[] attrs) =>
        Op(type, name, inputs, attrs).Output;

    /// <summary>A <c>Const</c> holding <paramref name="value"/> (in the function body being traced, if any, so a
    /// constant next to a captured tensor does not become a capture itself).</summary>
    public static Tensor Const(NDArray value, string? name = null, Graph? graph = null) =>
        (Graph.Default.Function is not null ? Graph.Default : graph ?? Graph.Default).AddOperation("Const", name ?? "Const", [],
            [new("value", value), new("dtype", value.DType)]).Output;

    /// <summary>A scalar constant of <paramref name="dtype"/> (TF1's conversion of a Python number next to a tensor);
    /// a non-integral value for an integer dtype is an error.</summary>
    public static Tensor Scalar(double value, DType dtype, Graph graph, string name = "Const")
    {
        NDArray nd = dtype.Code switch
        {
            1 => (float)value,
            2 => value,
            3 => (int)Integral(value, dtype),
            9 => (long)Integral(value, dtype),
            4 => (byte)Integral(value, dtype),
            10 => value != 0,
            _ => throw new GraphException($"Cannot convert the number {value} to a tensor of dtype {dtype}."),
        };
        return Const(nd, name, graph);
    }

    private static double Integral(double value, DType dtype) => Math.Floor(value) == value
        ? value
        : throw new GraphException($"Expected {dtype}, got {value} of type 'float' instead: it is not an integer.");

    /// <summary>An int32 vector constant (axes, shapes, perms).</summary>
    public static Tensor IntVector(int[] values, Graph graph, string name = "Const") => Const(values, name, graph);
}
