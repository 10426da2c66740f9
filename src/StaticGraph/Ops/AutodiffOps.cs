using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Ops the autodiff driver emits: AddN (sums the gradients of a tensor's consumers), StopGradient, and
/// BroadcastGradientArgs (the axes to sum a broadcast gradient over).</summary>
internal static class AutodiffOps
{
    public static IEnumerable<OpDef> Defs => [AddNOp, StopGradientOp, BroadcastGradientArgsOp];

    /// <summary>y = Σᵢ xᵢ over N inputs of one dtype and shape.</summary>
    public static readonly OpDef AddNOp = new("AddN",
        ctx =>
        {
            if (ctx.Inputs.Count == 0)
            {
                throw ctx.Error("AddN needs at least one input");
            }

            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, DType.Float32, DType.Float64, DType.Int32, DType.Int64);
            var shape = ctx.Shape(0);
            for (int i = 1; i < ctx.Inputs.Count; i++)
            {
                if (!shape.IsCompatibleWith(ctx.Shape(i)))
                {
                    throw ctx.Error($"all inputs must have the same shape, but input 0 is {shape} and input {i} is {ctx.Shape(i)}");
                }

                shape = shape.MergeWith(ctx.Shape(i));
            }

            return InferContext.One(dtype, shape);
        },
        b => Dispatch.Numeric(b, b.InputDType(0), new AddNKernel()))
    {
        Inputs = ["inputs: N * T"], Outputs = ["sum: T"],
        Grad = g => Enumerable.Repeat<Tensor?>(g.Dy, g.Op.Inputs.Count).ToArray(), // ∂y/∂xᵢ = 1
    };

    public static Tensor AddN(IReadOnlyList<Tensor> inputs, string? name) => inputs.Count == 1
        ? inputs[0]
        : Out("AddN", name ?? "AddN", inputs.ToArray(), ("N", inputs.Count), ("T", inputs[0].DType));

    private sealed class AddNKernel : INumericFunc<Execution.Kernel>
    {
        public Execution.Kernel Invoke<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T> => ctx =>
        {
            var first = ctx.Input(0);
            var y = ctx.Output(0, first.Shape);
            var acc = y.AsSpan<T>();
            if (ctx.InputCount == 1)
            {
                first.AsSpan<T>().CopyTo(acc);
            }

            // The first add reads input 0 directly instead of copying it into y first: one pass less over memory.
            for (int i = 1; i < ctx.InputCount; i++)
            {
                var x = ctx.Input(i);
                if (!x.Shape.Equals(first.Shape))
                {
                    throw new InvalidArgumentException($"AddN inputs must have the same shape: input 0 is {first.Shape}, input {i} is {x.Shape}");
                }

                System.Numerics.Tensors.TensorPrimitives.Add(i == 1 ? first.AsSpan<T>() : acc, x.AsSpan<T>(), acc);
            }
        };
    }

    /// <summary>y = x, with no gradient flowing back through it.</summary>
    public static readonly OpDef StopGradientOp = new("StopGradient", ArrayOps.SameAsInput, _ => ArrayOps.Copy)
    {
        Inputs = ["input: T"], Outputs = ["output: T"],
        NoGradient = "it blocks gradients by definition",
    };

    public static Tensor StopGradient(Tensor input, string? name) => Out("StopGradient", name, [input], ("T", input.DType));

    /// <summary>(r0, r1) = the axes along which shapes s0 and s1 were broadcast to their common shape: summing a
    /// gradient over rᵢ (then reshaping to sᵢ) undoes the broadcast.</summary>
    public static readonly OpDef BroadcastGradientArgsOp = new("BroadcastGradientArgs",
        ctx =>
        {
            ctx.ExpectInputs(2);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, DType.Int32, DType.Int64);
            return [new TensorSpec(dtype, [-1]), new TensorSpec(dtype, [-1])];
        },
        _ =>
        {
            var memo = new Execution.ShapeMemo<Tuple<int[], int[]>>();
            return ctx =>
            {
                var key = new Execution.MemoKey(stackalloc int[32]);
                key.AddValues(ctx.Input(0));
                key.AddValues(ctx.Input(1));
                var (r0, r1) = memo.Get(key) ?? memo.Set(key,
                    ReductionAxes(ConstantFolding.ToInts(ctx.Input(0)), ConstantFolding.ToInts(ctx.Input(1))).ToTuple());
                Write(ctx, 0, r0);
                Write(ctx, 1, r1);
            };
        })
    {
        Inputs = ["s0: T", "s1: T"], Outputs = ["r0: T", "r1: T"],
        NoGradient = "integer shape arithmetic",
    };

    public static (Tensor R0, Tensor R1) BroadcastGradientArgs(Tensor s0, Tensor s1, string? name)
    {
        var op = Op("BroadcastGradientArgs", name, [s0, s1], ("T", s0.DType));
        return (op.Outputs[0], op.Outputs[1]);
    }

    private static void Write(Execution.KernelContext ctx, int output, int[] axes)
    {
        var y = ctx.OutputDims(output, [axes.Length]);
        if (y.DType == DType.Int64)
        {
            var d = y.AsSpan<long>();
            for (int i = 0; i < axes.Length; i++)
            {
                d[i] = axes[i];
            }
        }
        else
        {
            axes.CopyTo(y.AsSpan<int>());
        }
    }

    /// <summary>For shapes broadcast together, the axes (of the broadcast result) each was stretched along.</summary>
    internal static (int[] R0, int[] R1) ReductionAxes(int[] s0, int[] s1)
    {
        int rank = Math.Max(s0.Length, s1.Length);
        var r0 = new List<int>();
        var r1 = new List<int>();
        for (int i = 0; i < rank; i++)
        {
            int d0 = i < rank - s0.Length ? 1 : s0[i - (rank - s0.Length)];
            int d1 = i < rank - s1.Length ? 1 : s1[i - (rank - s1.Length)];
            if (d0 != d1 && d0 != 1 && d1 != 1)
            {
                throw new InvalidArgumentException($"Incompatible shapes: [{string.Join(",", s0)}] vs. [{string.Join(",", s1)}]");
            }

            if (d0 == 1 && d1 != 1)
            {
                r0.Add(i);
            }
            else if (d1 == 1 && d0 != 1)
            {
                r1.Add(i);
            }
            else if (d0 == 1 && d1 == 1)
            {
                r0.Add(i);
                r1.Add(i);
            }
        }

        return (r0.ToArray(), r1.ToArray());
    }
}
