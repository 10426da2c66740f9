namespace StaticGraph;

// Variables have Tensor's operators (C# does not apply Tensor's operators through the implicit conversion).
public sealed partial class Variable
{
    /// <summary>x + y on the variable's value.</summary>
    public static Tensor operator +(Variable x, Variable y) => (Tensor)x + (Tensor)y;

    /// <summary>x + y on the variable's value.</summary>
    public static Tensor operator +(Variable x, Tensor y) => (Tensor)x + y;

    /// <summary>x + y on the variable's value.</summary>
    public static Tensor operator +(Tensor x, Variable y) => x + (Tensor)y;

    /// <summary>x + c on the variable's value.</summary>
    public static Tensor operator +(Variable x, double y) => (Tensor)x + y;

    /// <summary>x - y on the variable's value.</summary>
    public static Tensor operator -(Variable x, Variable y) => (Tensor)x - (Tensor)y;

    /// <summary>x - y on the variable's value.</summary>
    public static Tensor operator -(Variable x, Tensor y) => (Tensor)x - y;

    /// <summary>x - y on the variable's value.</summary>
    public static Tensor operator -(Tensor x, Variable y) => x - (Tensor)y;

    /// <summary>x - c on the variable's value.</summary>
    public static Tensor operator -(Variable x, double y) => (Tensor)x - y;

    /// <summary>x * y on the variable's value.</summary>
    public static Tensor operator *(Variable x, Variable y) => (Tensor)x * (Tensor)y;

    /// <summary>x * y on the variable's value.</summary>
    public static Tensor operator *(Variable x, Tensor y) => (Tensor)x * y;

    /// <summary>x * y on the variable's value.</summary>
    public static Tensor operator *(Tensor x, Variable y) => x * (Tensor)y;

    /// <summary>x * c on the variable's value.</summary>
    public static Tensor operator *(Variable x, double y) => (Tensor)x * y;

    /// <summary>x / y on the variable's value.</summary>
    public static Tensor operator /(Variable x, Variable y) => (Tensor)x / (Tensor)y;

    /// <summary>x / y on the variable's value.</summary>
    public static Tensor operator /(Variable x, Tensor y) => (Tensor)x / y;

    /// <summary>x / y on the variable's value.</summary>
    public static Tensor operator /(Tensor x, Variable y) => x / (Tensor)y;

    /// <summary>x / c on the variable's value.</summary>
    public static Tensor operator /(Variable x, double y) => (Tensor)x / y;

    /// <summary>x % y on the variable's value.</summary>
    public static Tensor operator %(Variable x, Variable y) => (Tensor)x % (Tensor)y;

    /// <summary>x % y on the variable's value.</summary>
    public static Tensor operator %(Variable x, Tensor y) => (Tensor)x % y;

    /// <summary>x % y on the variable's value.</summary>
    public static Tensor operator %(Tensor x, Variable y) => x % (Tensor)y;

    /// <summary>x % c on the variable's value.</summary>
    public static Tensor operator %(Variable x, double y) => (Tensor)x % y;

    /// <summary>c + y on the variable's value.</summary>
    public static Tensor operator +(double x, Variable y) => x + (Tensor)y;

    /// <summary>c - y on the variable's value.</summary>
    public static Tensor operator -(double x, Variable y) => x - (Tensor)y;

    /// <summary>c * y on the variable's value.</summary>
    public static Tensor operator *(double x, Variable y) => x * (Tensor)y;

    /// <summary>c / y on the variable's value.</summary>
    public static Tensor operator /(double x, Variable y) => x / (Tensor)y;

    /// <summary>-x on the variable's value.</summary>
    public static Tensor operator -(Variable x) => -(Tensor)x;

    /// <summary>x &lt; y on the variables' values.</summary>
    public static Tensor operator <(Variable x, Variable y) => (Tensor)x < (Tensor)y;

    /// <summary>x &gt; y on the variables' values.</summary>
    public static Tensor operator >(Variable x, Variable y) => (Tensor)x > (Tensor)y;

    /// <summary>x &lt;= y on the variables' values.</summary>
    public static Tensor operator <=(Variable x, Variable y) => (Tensor)x <= (Tensor)y;

    /// <summary>x &gt;= y on the variables' values.</summary>
    public static Tensor operator >=(Variable x, Variable y) => (Tensor)x >= (Tensor)y;

    /// <summary>x &lt; c on the variable's value.</summary>
    public static Tensor operator <(Variable x, double y) => (Tensor)x < y;

    /// <summary>x &gt; c on the variable's value.</summary>
    public static Tensor operator >(Variable x, double y) => (Tensor)x > y;

    /// <summary>x &lt;= c on the variable's value.</summary>
    public static Tensor operator <=(Variable x, double y) => (Tensor)x <= y;

    /// <summary>x &gt;= c on the variable's value.</summary>
    public static Tensor operator >=(Variable x, double y) => (Tensor)x >= y;
}
