using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Variables and their updates: VariableV2 (storage that persists across runs of one session), Assign,
/// AssignAdd, AssignSub.</summary>
internal static class StateOps
{
    public static IEnumerable<OpDef> Defs => [VariableV2Op, VariableOp, AssignOp, AssignAddOp, AssignSubOp];

    /// <summary>y = the variable's current value (a reference to its storage).</summary>
    public static readonly OpDef VariableV2Op = new("VariableV2",
        ctx => InferContext.One(ctx.Attr<DType>("dtype"), ctx.Attr<Shape>("shape")),
        b =>
        {
            var cell = b.Resource(() => new VariableCell());
            return ctx => ctx.SetOutput(0, cell.Value);
        })
    {
        Inputs = [], Outputs = ["ref: Ref(dtype)"],
        IsStateful = true,
        NoGradient = "state: gradients are taken at its read",
        AttrDefaults = new Dictionary<string, object> { ["container"] = "", ["shared_name"] = "" },
    };

    /// <summary>TF's legacy name for VariableV2 (GraphDefs before producer 18 and TF 1.x's old files use it).</summary>
    public static readonly OpDef VariableOp = VariableV2Op with { Name = "Variable" };

    public static Tensor VariableV2(Shape shape, DType dtype, string name) =>
        Graph.Default.AddOperation("VariableV2", name, [], [new("shape", shape), new("dtype", dtype)]).Output;

    /// <summary>The storage of the variable <paramref name="reference"/> refers to, in <paramref name="b"/>'s
    /// session.</summary>
    internal static VariableCell Cell(KernelBuild b, Tensor reference)
    {
        var op = reference.Op;
        while (op.Type is "Identity" && op.Inputs.Count == 1 && op.Inputs[0].Op.Type is "VariableV2" or "Variable" or "Identity")
        {
            op = op.Inputs[0].Op;
        }

        if (op.Type is not ("VariableV2" or "Variable"))
        {
            throw new GraphException($"{b.Op.Type} node '{b.Op.Name}' needs a variable as its 'ref' input, got '{reference.Name}' ({reference.Op.Type}).");
        }

        return b.State.GetOrAdd(op, () => new VariableCell());
    }

    private static TensorSpec[] InferUpdate(InferContext ctx)
    {
        ctx.ExpectInputs(2);
        ctx.SameDType();
        bool validate = ctx.Attr("validate_shape", true);
        if (validate && !ctx.Shape(0).IsCompatibleWith(ctx.Shape(1)))
        {
            throw ctx.Error($"Shapes must be equal: the variable has shape {ctx.Shape(0)} and the value has shape {ctx.Shape(1)}");
        }

        return InferContext.One(ctx.DType(0), ctx.OpType == "Assign" && !validate ? ctx.Shape(1) : ctx.Shape(0));
    }

    /// <summary>ref ← value; y = the new value.</summary>
    public static readonly OpDef AssignOp = new("Assign", InferUpdate, b =>
    {
        var cell = Cell(b, b.Op.Inputs[0]);
        bool validate = b.Attr("validate_shape", true);
        return ctx =>
        {
            var value = ctx.Input(1);
            lock (cell.Lock)
            {
                var current = cell.Value;
                if (current is not null && current.Shape.Equals(value.Shape))
                {
                    Array.Copy(value.RawData, current.RawData, value.Size);
                }
                else
                {
                    if (validate && !b.Op.Inputs[0].Shape.IsCompatibleWith(value.Shape))
                    {
                        throw new InvalidArgumentException(
                            $"Assign requires shapes of both tensors to match. lhs shape= {b.Op.Inputs[0].Shape} rhs shape= {value.Shape}");
                    }

                    cell.Value = value.Clone();
                }

                ctx.SetOutput(0, cell.Value);
            }
        };
    })
    {
        Inputs = ["ref: Ref(T)", "value: T"], Outputs = ["output_ref: Ref(T)"],
        IsStateful = true,
        NoGradient = "a state update",
        AttrDefaults = new Dictionary<string, object> { ["validate_shape"] = true, ["use_locking"] = true },
    };

    /// <summary>ref ← ref + value.</summary>
    public static readonly OpDef AssignAddOp = Update("AssignAdd", new MathOps.AddFn());

    /// <summary>ref ← ref - value.</summary>
    public static readonly OpDef AssignSubOp = Update("AssignSub", new MathOps.SubFn());

    private static OpDef Update(string name, INumericBinary arithmetic) => new(name, InferUpdate, b =>
    {
        var cell = Cell(b, b.Op.Inputs[0]);
        var apply = Dispatch.Numeric(b, b.InputDType(0), new UpdateFn(arithmetic));
        return ctx =>
        {
            var value = ctx.Input(1);
            lock (cell.Lock)
            {
                var current = cell.Value ?? throw new FailedPreconditionException(
                    $"Attempting to use uninitialized value {b.Op.Inputs[0].Op.Name}");
                if (!current.Shape.Equals(value.Shape))
                {
                    throw new InvalidArgumentException(
                        $"Must have the same shape for {name}: the variable has shape {current.Shape}, the value {value.Shape}");
                }

                apply(current, value);
                ctx.SetOutput(0, current);
            }
        };
    })
    {
        Inputs = ["ref: Ref(T)", "value: T"], Outputs = ["output_ref: Ref(T)"],
        IsStateful = true,
        NoGradient = "a state update",
        AttrDefaults = new Dictionary<string, object> { ["use_locking"] = false },
    };

    public static Operation Assign(Tensor reference, Tensor value, bool validateShape, string? name) =>
        Op("Assign", name ?? "Assign", [reference, value], ("T", reference.DType), ("validate_shape", validateShape), ("use_locking", true));

    public static Operation AssignAdd(Tensor reference, Tensor value, string? name) =>
        Op("AssignAdd", name ?? "AssignAdd", [reference, value], ("T", reference.DType), ("use_locking", false));

    public static Operation AssignSub(Tensor reference, Tensor value, string? name) =>
        Op("AssignSub", name ?? "AssignSub", [reference, value], ("T", reference.DType), ("use_locking", false));

    // In-place current ← current (op) value, using the arithmetic op's own span function.
    private sealed class UpdateFn(INumericBinary arithmetic) : INumericFunc<Action<NDArray, NDArray>>
    {
        public Action<NDArray, NDArray> Invoke<T>() where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>
        {
            var fn = arithmetic.Fn<T>();
            return (current, value) => fn.VV(current.AsSpan<T>(), value.AsSpan<T>(), current.AsSpan<T>());
        }
    }
}
