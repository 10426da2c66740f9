using StaticGraph.Execution;
using StaticGraph.Ops;

namespace StaticGraph.Kernels;

/// <summary>y = f(x) over a span.</summary>
internal delegate void UnarySpan<T>(ReadOnlySpan<T> x, Span<T> y);

/// <summary>
/// Elementwise unary kernels: one span function per dtype, dispatched once when the kernel is bound.
/// </summary>
internal static class Elementwise
{
    /// <summary>A kernel for y = f(x) with float32 and float64 (and optionally int32/int64) span functions.</summary>
    public static KernelFactory Unary(UnarySpan<float> f32, UnarySpan<double> f64, UnarySpan<int>? i32 = null, UnarySpan<long>? i64 = null) =>
        b => Dispatch.On(b, b.InputDType(0), f32: () => Run(f32), f64: () => Run(f64),
            i32: i32 is null ? null : () => Run(i32), i64: i64 is null ? null : () => Run(i64));

    /// <summary>A kernel applying the scalar function <paramref name="f"/> element by element.</summary>
    public static UnarySpan<T> Map<T>(Func<T, T> f) => (x, y) =>
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = f(x[i]);
        }
    };

    /// <summary>Binds y = f(x); empty tensors skip f (some TensorPrimitives functions reject empty spans).</summary>
    internal static Kernel Run<T>(UnarySpan<T> f) => ctx =>
    {
        var x = ctx.Input(0);
        var y = ctx.Output(0, x.Shape);
        if (x.Size > 0)
        {
            f(x.AsSpan<T>(), y.AsSpan<T>());
        }
    };
}

/// <summary>Picks a dtype's kernel at bind time, with a clear error for dtypes an op does not support.</summary>
internal static class Dispatch
{
    public static Kernel On(KernelBuild b, DType dtype, Func<Kernel>? f32 = null, Func<Kernel>? f64 = null,
        Func<Kernel>? i32 = null, Func<Kernel>? i64 = null, Func<Kernel>? u8 = null, Func<Kernel>? bool8 = null, Func<Kernel>? str = null)
    {
        var pick = dtype.Code switch
        {
            1 => f32,
            2 => f64,
            3 => i32,
            9 => i64,
            4 => u8,
            10 => bool8,
            7 => str,
            _ => null,
        };
        return pick is null ? throw b.Unsupported(dtype) : pick();
    }

    /// <summary>Calls the generic method <paramref name="numeric"/> closed over the CLR type of a numeric dtype.</summary>
    public static TResult Numeric<TResult>(KernelBuild b, DType dtype, INumericFunc<TResult> numeric) => dtype.Code switch
    {
        1 => numeric.Invoke<float>(),
        2 => numeric.Invoke<double>(),
        3 => numeric.Invoke<int>(),
        9 => numeric.Invoke<long>(),
        4 => numeric.Invoke<byte>(),
        _ => throw b.Unsupported(dtype),
    };
}

/// <summary>A generic function over the numeric element types (a way to close a generic method over a dtype
/// chosen at run time).</summary>
internal interface INumericFunc<out TResult>
{
    TResult Invoke<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>;
}

/// <summary>A unary numeric function given generically, so one definition serves every numeric dtype.</summary>
internal interface INumericUnary
{
    UnarySpan<T> Fn<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>;
}

/// <summary>Kernels for generic unary numeric functions.</summary>
internal static class NumericUnary
{
    public static KernelFactory Kernel(INumericUnary op) => b => Dispatch.Numeric(b, b.InputDType(0), new Bind(op));

    private sealed class Bind(INumericUnary op) : INumericFunc<Kernel>
    {
        public Kernel Invoke<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T> =>
            Elementwise.Run(op.Fn<T>());
    }
}
