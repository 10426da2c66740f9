using StaticGraph.Execution;

namespace StaticGraph.Ops;

/// <summary>Static dtype and shape of one output, as inferred when a node is added.</summary>
internal readonly record struct TensorSpec(DType DType, Shape Shape);

/// <summary>Infers output dtypes and shapes from the inputs and attrs; throws via <see cref="InferContext.Error"/>.</summary>
internal delegate TensorSpec[] InferFn(InferContext ctx);

/// <summary>Binds a kernel to one node at plan-compile time (dtype dispatch, attrs and resources resolved once).</summary>
internal delegate Kernel KernelFactory(KernelBuild build);

/// <summary>Builds the gradient graph of one node: one entry per input, null where no gradient flows.</summary>
internal delegate Tensor?[] GradFn(Autodiff.GradContext g);

/// <summary>
/// Everything about one op type in one place: TensorFlow's op name, shape/dtype inference, the kernel and (from the
/// autodiff layer on) the gradient. Registered in <see cref="OpRegistry"/> by explicit lists.
/// </summary>
internal sealed record OpDef(string Name, InferFn Infer, KernelFactory Kernel)
{
    /// <summary>The gradient rule (a formula over the incoming gradient, the inputs and the outputs).</summary>
    public GradFn? Grad { get; init; }

    /// <summary>Why the op has no gradient, for ops declared non-differentiable (comparisons, ArgMax, Shape, random
    /// ops...); the autodiff driver passes nothing back through them.</summary>
    public string? NoGradient { get; init; }

    /// <summary>True when the op has side effects or carries state (variables, random ops, assignments): never
    /// constant-folded or de-duplicated.</summary>
    public bool IsStateful { get; init; }

    /// <summary>True for elementwise ops with numpy broadcasting: the autodiff driver sums each input's gradient
    /// over the broadcast axes, so their rules ignore broadcasting.</summary>
    public bool Broadcasts { get; init; }

    /// <summary>The span functions of an elementwise op (float32/float64), for the compiler's fusion and in-place
    /// passes; null for every other op.</summary>
    public Kernels.Fusible? Fusible { get; init; }

    /// <summary>The input whose buffer the output may take over when that input dies at this step (the kernel
    /// then finds its output in the input's buffer, and must give the same result); -1 for none. Elementwise ops
    /// declare this through <see cref="Fusible"/> instead.</summary>
    public int InPlaceInput { get; init; } = -1;

    /// <summary>With <see cref="InPlaceInput"/>: the output may take over that input's buffer whenever it holds the
    /// same number of elements, whatever the shapes (a reshape, or a reduction over axes of size 1); the kernel then
    /// finds its output in the input's array and must not copy it onto itself.</summary>
    public bool InPlaceAnyShape { get; init; }

    /// <summary>TensorFlow's input arguments in REGISTER_OP syntax (<c>"x: T"</c>, <c>"values: N * T"</c>,
    /// <c>"ref: Ref(T)"</c>, <c>"shape: int32"</c>), in order; null for an op that declares none yet. Parsed by
    /// <see cref="OpSignature"/>.</summary>
    public IReadOnlyList<string>? Inputs { get; init; }

    /// <summary>TensorFlow's output arguments in REGISTER_OP syntax (<c>"product: T"</c>,
    /// <c>"output: num_split * T"</c>), in order; null for an op that declares none yet.</summary>
    public IReadOnlyList<string>? Outputs { get; init; }

    /// <summary>TensorFlow's <c>.Attr()</c> lines (<c>"dtypes: list(type)"</c>, <c>"N: int >= 2"</c>) for attrs whose
    /// kind the arguments cannot tell: a bare type attr is a single <c>type</c> unless declared <c>list(type)</c>
    /// here.</summary>
    public IReadOnlyList<string> Attrs { get; init; } = [];

    /// <summary>Attr values TF fills in when a NodeDef omits them.</summary>
    public IReadOnlyDictionary<string, object> AttrDefaults { get; init; } = new Dictionary<string, object>();
}
