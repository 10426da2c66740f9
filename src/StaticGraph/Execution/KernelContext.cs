namespace StaticGraph.Execution;

/// <summary>A kernel's view of the running step: its inputs, and planned buffers for its outputs.</summary>
internal sealed class KernelContext
{
    private readonly Plan _plan;
    private readonly Frame _frame;
    private Step _step = null!;

    internal KernelContext(Plan plan, Frame frame)
    {
        _plan = plan;
        _frame = frame;
    }

    internal Step Step
    {
        get => _step;
        set => _step = value;
    }

    /// <summary>The frame's second context, for a step that runs another step beside its own.</summary>
    internal KernelContext Side => _frame.Side;

    /// <summary>The TensorLists of the running top-level run.</summary>
    internal TensorListArena Lists => _frame.Lists;

    /// <summary>The node being run.</summary>
    public Operation Op => _step.Op;

    /// <summary>Number of data inputs.</summary>
    public int InputCount => _step.Inputs.Length;

    /// <summary>Input <paramref name="i"/>'s value; an uninitialized variable upstream is a
    /// <see cref="FailedPreconditionException"/> naming it.</summary>
    public NDArray Input(int i)
    {
        int v = _step.Inputs[i];
        return _frame.Values[v] ?? throw new FailedPreconditionException(
            $"Attempting to use uninitialized value {_plan.Producers[v].Name}");
    }

    /// <summary>True when input <paramref name="i"/> holds the same, unwritten array for the rest of this
    /// <see cref="Invocation"/> (a loop-invariant argument of a While body), so work derived from it may be kept.</summary>
    public bool IsLoopInvariant(int i) => _plan.LoopInvariant is { } invariant && invariant[_step.Inputs[i]];

    /// <summary>The function call this step runs in (see <see cref="Frame.Invocation"/>).</summary>
    public long Invocation => _frame.Invocation;

    /// <summary>True when input <paramref name="i"/> is dead (the untaken side of a legacy Switch).</summary>
    public bool IsDead(int i) => ReferenceEquals(_frame.Values[_step.Inputs[i]], Session.Dead);

    /// <summary>True when input <paramref name="i"/> holds a value (variables may be uninitialized).</summary>
    public bool HasInput(int i) => _frame.Values[_step.Inputs[i]] is not null;

    /// <summary>Output <paramref name="i"/> as a value of <paramref name="shape"/> in the step's planned buffer
    /// (its contents are undefined: the kernel writes every element).</summary>
    public NDArray Output(int i, Shape shape)
    {
        int v = _step.Outputs[i];
        if (_step.InPlace is { } inPlace && inPlace[i] >= 0)
        {
            var input = Input(inPlace[i]);
            if (_step.InPlaceAnyShape ? input.Size != shape.Size : !input.Shape.Equals(shape))
            {
                // The output was planned into its input's buffer, but this run broadcasts that input: writing over
                // it would clobber elements still to be read, so this output gets a buffer of its own.
                return _frame.AllocateDetached(v, _plan.ValueDTypes[v], shape);
            }

            if (_plan.Overwritten[_step.Inputs[inPlace[i]]])
            {
                // A donated argument has no slot of its own: the output is the argument's array.
                _frame.Values[v] = input;
                return input;
            }
        }

        return _frame.Allocate(v, _plan.ValueDTypes[v], _plan.Slots[v], shape);
    }

    /// <summary>Output <paramref name="i"/> with dimensions <paramref name="dims"/>: the same as
    /// <see cref="Output(int, Shape)"/>, but a steady-state run that repeats the last run's dimensions reuses its
    /// <see cref="Shape"/> instead of allocating one.</summary>
    public NDArray OutputDims(int i, ReadOnlySpan<int> dims)
    {
        var last = _frame.LastShape(_step.Outputs[i]);
        return Output(i, last is not null && last.Dims.SequenceEqual(dims) ? last : Shape.Create(dims));
    }

    /// <summary>Sets output <paramref name="i"/> to a value the plan does not own (a constant, a variable's storage,
    /// a feed); it is never written by later steps.</summary>
    public void SetOutput(int i, NDArray? value) => _frame.Values[_step.Outputs[i]] = value;
}
