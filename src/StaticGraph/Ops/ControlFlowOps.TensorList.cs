using StaticGraph.Execution;

namespace StaticGraph.Ops;

// TensorLists (DT_VARIANT): the per-iteration accumulators of differentiable loops and conds, as TF2 keeps them.
// The forward loop pushes the values the gradient needs; the gradient loop pops them in reverse.
internal static partial class ControlFlowOps
{
    /// <summary>output_handle = [] (a new, empty list of element_dtype tensors).</summary>
    public static readonly OpDef EmptyTensorListOp = new("EmptyTensorList",
        ctx => InferContext.One(DType.Variant, Shape.Scalar),
        _ => ctx => ListOutput(ctx, 0, ctx.Lists.Rent()))
    {
        Inputs = ["element_shape: shape_type", "max_num_elements: int32"], Outputs = ["handle: variant"],
        IsStateful = true, // a new list per call: never folded or shared
        NoGradient = "it creates a gradient accumulator",
    };

    /// <summary>output_handle = input_handle + [tensor]. The list is extended in place (an accumulator is used
    /// linearly, each handle read once), copying the tensor into a buffer the list kept from an earlier run.</summary>
    public static readonly OpDef TensorListPushBackOp = new("TensorListPushBack",
        ctx => InferContext.One(DType.Variant, Shape.Scalar),
        _ => ctx =>
        {
            var list = List(ctx, 0);
            list.Push(ctx.Input(1));
            ListOutput(ctx, 0, list);
        })
    {
        Inputs = ["input_handle: variant", "tensor: element_dtype"], Outputs = ["output_handle: variant"],
        IsStateful = true,
        NoGradient = "it feeds a gradient accumulator",
    };

    /// <summary>(output_handle, tensor) = (input_handle[:-1], input_handle[-1]).</summary>
    public static readonly OpDef TensorListPopBackOp = new("TensorListPopBack",
        ctx => [new TensorSpec(DType.Variant, Shape.Scalar), new TensorSpec(ctx.Attr<DType>("element_dtype"), ElementShape(ctx))],
        _ => ctx =>
        {
            var list = List(ctx, 0);
            var last = list.Pop();
            ListOutput(ctx, 0, list);
            ctx.SetOutput(1, last); // the list's buffer, not written again before the next run
        })
    {
        Inputs = ["input_handle: variant", "element_shape: int32"], Outputs = ["output_handle: variant", "tensor: element_dtype"],
        IsStateful = true,
        NoGradient = "it reads a gradient accumulator",
    };

    private static IEnumerable<OpDef> TensorListDefs => [EmptyTensorListOp, TensorListPushBackOp, TensorListPopBackOp];

    /// <summary>A new empty accumulator for <paramref name="elementDType"/> tensors.</summary>
    public static Tensor EmptyTensorList(DType elementDType, Shape elementShape)
    {
        var graph = Graph.For([]);
        return graph.AddOperation("EmptyTensorList", "EmptyTensorList",
            [ShapeTensor(elementShape, graph), OpBuilder.Scalar(-1, DType.Int32, graph, "max_num_elements")],
            [new("element_dtype", elementDType), new("shape_type", DType.Int32)]).Output;
    }

    public static Tensor TensorListPushBack(Tensor list, Tensor element) =>
        OpBuilder.Out("TensorListPushBack", null, [list, element], ("element_dtype", element.DType));

    public static Tensor TensorListPopBack(Tensor list, DType elementDType, Shape elementShape) =>
        OpBuilder.Op("TensorListPopBack", null, [list, ShapeTensor(elementShape, Graph.For([list]))],
            ("element_dtype", elementDType)).Outputs[1];

    /// <summary>Like <see cref="TensorListPopBack"/>, returning the shortened list too.</summary>
    public static (Tensor List, Tensor Element) TensorListPopBackPair(Tensor list, DType elementDType, Shape elementShape)
    {
        var op = OpBuilder.Op("TensorListPopBack", null, [list, ShapeTensor(elementShape, Graph.For([list]))],
            ("element_dtype", elementDType));
        return (op.Outputs[0], op.Outputs[1]);
    }

    /// <summary>TF's element_shape encoding: -1 for an unknown rank, else the dims with -1 where unknown.</summary>
    private static Tensor ShapeTensor(Shape shape, Graph graph) => shape.Rank < 0
        ? OpBuilder.Scalar(-1, DType.Int32, graph, "element_shape")
        : OpBuilder.IntVector(shape.ToArray(), graph, "element_shape");

    private static Shape ElementShape(InferContext ctx) => ctx.Constant(1) is NDArray s && s.Rank == 1
        ? s.ToArray<int>()
        : Shape.Unknown;

    private static TensorList List(KernelContext ctx, int i) =>
        ctx.Input(i).RawData is object[] { Length: > 0 } o && o[0] is TensorList list
            ? list
            : throw new InvalidArgumentException($"Input {i} of {ctx.Op.Type} node '{ctx.Op.Name}' is not a TensorList.");

    private static void ListOutput(KernelContext ctx, int i, TensorList list) =>
        ((object[])ctx.Output(i, Shape.Scalar).RawData)[0] = list;
}
