using StaticGraph.Ops;

namespace StaticGraph;

// C# operators build ops as TF1's Python operators do: `a + b` is an Add node named "add", a number next to a
// tensor becomes a constant of the tensor's dtype named "<op>/y" (or "<op>/x").
public sealed partial class Tensor
{
    /// <summary>x + y (op Add, named "add").</summary>
    public static Tensor operator +(Tensor x, Tensor y) => Binary("Add", "add", x, y);

    /// <summary>x + c.</summary>
    public static Tensor operator +(Tensor x, double y) => Binary("Add", "add", x, y);

    /// <summary>c + y.</summary>
    public static Tensor operator +(double x, Tensor y) => Binary("Add", "add", x, y);

    /// <summary>x - y (op Sub, named "sub").</summary>
    public static Tensor operator -(Tensor x, Tensor y) => Binary("Sub", "sub", x, y);

    /// <summary>x - c.</summary>
    public static Tensor operator -(Tensor x, double y) => Binary("Sub", "sub", x, y);

    /// <summary>c - y.</summary>
    public static Tensor operator -(double x, Tensor y) => Binary("Sub", "sub", x, y);

    /// <summary>x · y elementwise (op Mul, named "mul").</summary>
    public static Tensor operator *(Tensor x, Tensor y) => Binary("Mul", "mul", x, y);

    /// <summary>x · c.</summary>
    public static Tensor operator *(Tensor x, double y) => Binary("Mul", "mul", x, y);

    /// <summary>c · y.</summary>
    public static Tensor operator *(double x, Tensor y) => Binary("Mul", "mul", x, y);

    /// <summary>x / y, true division (op RealDiv, named "truediv"; integers are cast to floats first, as TF1's
    /// <c>truediv</c> does).</summary>
    public static Tensor operator /(Tensor x, Tensor y) => Scoped(x.Graph, "truediv", s => TrueDiv(x, y, s));

    /// <summary>x / c.</summary>
    public static Tensor operator /(Tensor x, double y) =>
        Scoped(x.Graph, "truediv", s => TrueDiv(x, OpBuilder.Scalar(y, x.DType, x.Graph, "y"), s));

    /// <summary>c / y.</summary>
    public static Tensor operator /(double x, Tensor y) =>
        Scoped(y.Graph, "truediv", s => TrueDiv(OpBuilder.Scalar(x, y.DType, y.Graph, "x"), y, s));

    /// <summary>x mod y with the sign of y (op FloorMod, named "mod").</summary>
    public static Tensor operator %(Tensor x, Tensor y) => Binary("FloorMod", "mod", x, y);

    /// <summary>x mod c.</summary>
    public static Tensor operator %(Tensor x, double y) => Binary("FloorMod", "mod", x, y);

    /// <summary>-x (op Neg).</summary>
    public static Tensor operator -(Tensor x) => MathOps.Neg(x, null);

    /// <summary>x &lt; y (op Less).</summary>
    public static Tensor operator <(Tensor x, Tensor y) => MathOps.Less(x, y, null);

    /// <summary>x &gt; y (op Greater).</summary>
    public static Tensor operator >(Tensor x, Tensor y) => MathOps.Greater(x, y, null);

    /// <summary>x &lt;= y (op LessEqual).</summary>
    public static Tensor operator <=(Tensor x, Tensor y) => MathOps.LessEqual(x, y, null);

    /// <summary>x &gt;= y (op GreaterEqual).</summary>
    public static Tensor operator >=(Tensor x, Tensor y) => MathOps.GreaterEqual(x, y, null);

    /// <summary>x &lt; c.</summary>
    public static Tensor operator <(Tensor x, double y) => Binary("Less", "Less", x, y);

    /// <summary>x &gt; c.</summary>
    public static Tensor operator >(Tensor x, double y) => Binary("Greater", "Greater", x, y);

    /// <summary>x &lt;= c.</summary>
    public static Tensor operator <=(Tensor x, double y) => Binary("LessEqual", "LessEqual", x, y);

    /// <summary>x &gt;= c.</summary>
    public static Tensor operator >=(Tensor x, double y) => Binary("GreaterEqual", "GreaterEqual", x, y);

    private static Tensor Binary(string type, string name, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Scoped(x.Graph, name, scope => MathOps.BinaryOp(type, x, y, scope));
    }

    private static Tensor Binary(string type, string name, Tensor x, double y)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Scoped(x.Graph, name, scope => MathOps.BinaryOp(type, x, OpBuilder.Scalar(y, x.DType, x.Graph, "y"), scope));
    }

    private static Tensor Binary(string type, string name, double x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Scoped(y.Graph, name, scope => MathOps.BinaryOp(type, OpBuilder.Scalar(x, y.DType, y.Graph, "x"), y, scope));
    }

    // TF1's `with name_scope(None, "add", [x, y]) as name` (and, for comparisons, _apply_op_helper's
    // `name_scope("Less")`): helper nodes go under the scope and the op takes the scope's own name (a name ending
    // in '/' is used exactly), so a second `x < 2` is "Less_1" with its constant "Less_1/y".
    private static Tensor Scoped(Graph graph, string name, Func<string, Tensor> build)
    {
        using var scope = graph.NameScope(name);
        return build(scope.Name);
    }

    /// <summary>TF1 <c>truediv</c>: integer operands are cast to float64 (int32/int64) or float32 (uint8) first.</summary>
    internal static Tensor TrueDiv(Tensor x, Tensor y, string? name)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.DType.IsInteger)
        {
            var target = x.DType == DType.UInt8 ? DType.Float32 : DType.Float64;
            x = ArrayOps.Cast(x, target, null);
            y = ArrayOps.Cast(y, target, null);
        }

        return MathOps.RealDiv(x, y, name);
    }
}
