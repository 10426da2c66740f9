namespace StaticGraph.Ops;

/// <summary>What shape inference sees of a node being added: its name, inputs and attrs, plus the values of
/// inputs that are known at build time (constants, shapes of fully defined tensors).</summary>
internal sealed class InferContext(string nodeName, string opType, IReadOnlyList<Tensor> inputs, AttrMap attrs)
{
    public string NodeName { get; } = nodeName;

    public string OpType { get; } = opType;

    public IReadOnlyList<Tensor> Inputs { get; } = inputs;

    public AttrMap Attrs { get; } = attrs;

    public DType DType(int i) => Input(i).DType;

    public Shape Shape(int i) => Input(i).Shape;

    public T Attr<T>(string name) => Attrs.Get<T>(name);

    public T Attr<T>(string name, T fallback) => Attrs.Get(name, fallback);

    private Tensor Input(int i) => i < Inputs.Count
        ? Inputs[i]
        : throw Error($"expected at least {i + 1} inputs, got {Inputs.Count}");

    /// <summary>Checks the input count.</summary>
    public void ExpectInputs(int count)
    {
        if (Inputs.Count != count)
        {
            throw Error($"expected {count} inputs, got {Inputs.Count}");
        }
    }

    /// <summary>Checks that input <paramref name="i"/> has one of the <paramref name="allowed"/> dtypes.</summary>
    public DType ExpectDType(int i, params DType[] allowed)
    {
        var d = DType(i);
        if (!allowed.Contains(d))
        {
            throw Error($"input {i} must be one of {{{string.Join(", ", allowed)}}}, got {d}");
        }

        return d;
    }

    /// <summary>Checks that all inputs share one dtype (TF's type attr <c>T</c>) and returns it.</summary>
    public DType SameDType(int first = 0, int count = -1)
    {
        int end = count < 0 ? Inputs.Count : first + count;
        var d = DType(first);
        for (int i = first + 1; i < end; i++)
        {
            if (DType(i) != d)
            {
                throw Error($"all inputs must have the same dtype, but input {first} is {d} and input {i} is {DType(i)}");
            }
        }

        return d;
    }

    /// <summary>Checks that input <paramref name="i"/> has rank <paramref name="rank"/> when its rank is known.</summary>
    public void ExpectRank(int i, int rank)
    {
        var s = Shape(i);
        if (s.HasRank && s.Rank != rank)
        {
            throw Error($"input {i} must have rank {rank}, got shape {s}");
        }
    }

    /// <summary>The build-time value of input <paramref name="i"/>, or null when it is only known at run time.</summary>
    public NDArray? Constant(int i) => ConstantFolding.TryEvaluate(Input(i));

    /// <summary>A <see cref="GraphException"/> naming the node, the op and every input's dtype and shape.</summary>
    public GraphException Error(string message)
    {
        string inputs = string.Join(", ", Inputs.Select(t => $"{t.Name}: {t.DType} {t.Shape}"));
        return new GraphException($"{OpType} node '{NodeName}' (inputs: [{inputs}]): {message}.");
    }

    public static TensorSpec[] One(DType dtype, Shape shape) => [new TensorSpec(dtype, shape)];
}
