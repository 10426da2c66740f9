using System.Collections.Concurrent;

namespace StaticGraph.Execution;

/// <summary>One bound node of a plan: its kernel and the value ids it reads and writes.</summary>
internal sealed record Step(Operation Op, Kernel Kernel, int[] Inputs, int[] Outputs)
{
    /// <summary>True when a pass replaced the op's own kernel (a folded constant, a fused loop): what the op definition
    /// says about its kernel no longer holds.</summary>
    public bool Rewritten { get; init; }

    /// <summary>True for a fused elementwise step (each output element depends only on same-position input elements,
    /// so its output may share a dying input's buffer).</summary>
    public bool Elementwise { get; init; }

    /// <summary>Per output, the input whose planned buffer it takes over (the input dies here), or -1; null when none
    /// does. The kernel context falls back to a fresh buffer when the shapes differ at run time.</summary>
    public int[]? InPlace { get; init; }

    /// <summary>The <see cref="InPlace"/> output keeps its input's buffer whenever the element counts agree (see
    /// <see cref="Ops.OpDef.InPlaceAnyShape"/>), not only when the shapes do.</summary>
    public bool InPlaceAnyShape { get; init; }

    /// <summary>The MatMul a rewritten step computes the product of (a product folded into its sum), for passes that
    /// look for products; null otherwise (an original MatMul step is its own op).</summary>
    public Operation? Product { get; init; }

    /// <summary>For a step that runs two steps side by side (<see cref="Passes.ParallelProducts"/>): those steps.</summary>
    public Step[]? Parts { get; init; }

    /// <summary>For a step a pass rewrote: the input whose buffer its output may take over (as
    /// <see cref="Ops.OpDef.InPlaceInput"/> for an op's own kernel); -1 for none.</summary>
    public int InPlaceInput { get; init; } = -1;
}

/// <summary>
/// A compiled (fetches, feeds, targets) signature: the pruned, ordered steps with bound kernels, the value table
/// (dtype, producer and buffer slot of every tensor the steps touch), and a pool of run frames so concurrent runs
/// never share buffers.
/// </summary>
internal sealed class Plan
{
    private readonly ConcurrentBag<Frame> _frames = [];
    private Frame? _spare; // the common single-threaded case: one frame handed back and forth without the bag

    public required Step[] Steps { get; init; }

    /// <summary>The dtype of each value id.</summary>
    public required DType[] ValueDTypes { get; init; }

    /// <summary>The operation producing each value id (for error messages).</summary>
    public required Operation[] Producers { get; init; }

    /// <summary>The buffer slot of each value id: values with disjoint lifetimes share a slot.</summary>
    public required int[] Slots { get; init; }

    /// <summary>Number of buffer slots.</summary>
    public required int SlotCount { get; init; }

    /// <summary>Value id of each fetch (-1 for an operation target fetched as null).</summary>
    public required int[] FetchValues { get; init; }

    /// <summary>Per value id, true for a donated feed that a step overwrites in place (see
    /// <see cref="Passes.PlanGraph.Donated"/>): the caller must hand in a buffer it owns alone.</summary>
    public required bool[] Overwritten { get; init; }

    /// <summary>Per value id, true for a function argument the caller holds unchanged for a whole call (a While
    /// body's pass-through loop variable: the same array, never written, in every iteration of one loop), so a
    /// kernel may keep work derived from it for the rest of the call (<see cref="Frame.Invocation"/>); null for
    /// top-level plans.</summary>
    public bool[]? LoopInvariant { get; set; }

    /// <summary>True when a step is a legacy Switch: the executor then propagates dead values.</summary>
    public bool HasDeadness { get; init; }

    /// <summary>Value id and static spec of each fed tensor, by tensor.</summary>
    public required Dictionary<Tensor, int> FeedValues { get; init; }

    public Frame RentFrame() => Interlocked.Exchange(ref _spare, null) ?? (_frames.TryTake(out var f) ? f : new Frame(this));

    public void ReturnFrame(Frame frame)
    {
        Array.Clear(frame.Values);
        if (Interlocked.CompareExchange(ref _spare, frame, null) is not null)
        {
            _frames.Add(frame);
        }
    }
}

/// <summary>The per-run state of a plan: the current value of every value id and the planned buffers, kept between
/// runs so a steady-state run reuses them.</summary>
internal sealed class Frame
{
    private readonly Array?[] _buffers;
    private readonly Array?[] _returned; // per slot: a handed-over buffer its holder disposed, ready for reuse
    private readonly NDArray?[] _views;
    private readonly Plan _plan;
    private NDArray?[]? _detached;
    private TensorListArena? _lists;
    private KernelContext? _side;

    public Frame(Plan plan)
    {
        _plan = plan;
        Values = new NDArray?[plan.ValueDTypes.Length];
        _views = new NDArray?[plan.ValueDTypes.Length];
        _buffers = new Array?[plan.SlotCount];
        _returned = new Array?[plan.SlotCount];
        Context = new KernelContext(plan, this);
    }

    public NDArray?[] Values { get; }

    public KernelContext Context { get; }

    /// <summary>A second kernel context over this frame, for a step that runs two steps at once.</summary>
    public KernelContext Side => _side ??= new KernelContext(_plan, this);

    /// <summary>Which call of a function body this frame serves: distinct for every call (a While call's frames
    /// share one), so work derived from a <see cref="Plan.LoopInvariant"/> value is valid while this is unchanged.
    /// 0 for top-level runs.</summary>
    public long Invocation { get; set; }

    private static long _invocations;

    /// <summary>A fresh <see cref="Invocation"/> number.</summary>
    public static long NextInvocation() => Interlocked.Increment(ref _invocations);

    /// <summary>Where this run's TensorLists come from: a top-level frame's own arena, or, for a function body's
    /// frame, the arena of the run that called it (set by <see cref="SubPlan.Rent"/>).</summary>
    public TensorListArena Lists
    {
        get => _lists ??= new TensorListArena();
        set => _lists = value;
    }

    /// <summary>Ends a top-level run: the lists it created are free for the next run of this frame (its fetches
    /// were copied out, so nothing reads them any more).</summary>
    public void EndRun() => _lists?.Reset();

    /// <summary>Sets value <paramref name="v"/> to a buffer outside the plan's slots (a run whose shapes defeat the
    /// planned in-place write), kept for the value's next such run so a steady state of them allocates nothing.</summary>
    public NDArray AllocateDetached(int v, DType dtype, Shape shape)
    {
        // Two steps run side by side may both get here first.
        var detached = _detached ?? Interlocked.CompareExchange(ref _detached, new NDArray?[Values.Length], null) ?? _detached!;
        var view = detached[v];
        if (view is null || view.DType != dtype || view.RawData.Length < shape.Size)
        {
            view = detached[v] = NDArray.Zeros(dtype, shape);
        }
        else
        {
            view.Rebind(view.RawData, shape);
        }

        Values[v] = view;
        return view;
    }

    /// <summary>Value <paramref name="v"/> for the caller to keep: a large planned buffer that exactly holds it is
    /// handed over (the slot gets a new buffer on its next run, so a fetched result is written once, by its kernel,
    /// instead of being written and then copied; disposing the result gives the buffer back for that next run);
    /// anything else is copied.</summary>
    public NDArray Fetch(int v, int slot)
    {
        var value = Values[v]!;
        var buffer = slot >= 0 ? _buffers[slot] : null; // a fed or forwarded value has no slot
        if (ReferenceEquals(value, _views[v]) && buffer is not null && buffer.Length == value.Size
            && buffer.GetType().GetElementType()!.IsPrimitive && Buffer.ByteLength(buffer) >= HandOverBytes)
        {
            _buffers[slot] = null;
            _views[v] = null;
            value.ReturnOnDispose(_returned, slot);
            return value;
        }

        return value.Clone();
    }

    // Below a megabyte a copy costs less than the page faults of a fresh buffer.
    private const long HandOverBytes = 1 << 20;

    /// <summary>The shape value <paramref name="v"/> had when its planned buffer was last handed out (null before).</summary>
    public Shape? LastShape(int v) => _views[v]?.Shape;

    /// <summary>Points value <paramref name="v"/> at slot <paramref name="slot"/>'s buffer, growing it when the
    /// shape needs more room than any earlier run did.</summary>
    public NDArray Allocate(int v, DType dtype, int slot, Shape shape)
    {
        int n = shape.Size;
        var buffer = _buffers[slot];
        if (buffer is null && Interlocked.Exchange(ref _returned[slot], null) is { } back
            && back.Length >= n && back.GetType().GetElementType() == dtype.ClrType)
        {
            buffer = _buffers[slot] = back; // a handed-over result its holder disposed: already mapped
        }

        if (buffer is null || buffer.Length < n)
        {
            // A kernel writes every element of its output, so the common float buffers skip the runtime's zeroing.
            buffer = dtype == DType.Float32 ? GC.AllocateUninitializedArray<float>(n)
                : dtype == DType.Float64 ? GC.AllocateUninitializedArray<double>(n)
                : NDArray.AllocateArray(dtype, n);
            PreTouch(buffer);
            _buffers[slot] = buffer;
        }

        var view = _views[v];
        if (view is null || view.DType != dtype)
        {
            view = NDArray.Wrap(dtype, shape, buffer);
            _views[v] = view;
        }
        else
        {
            view.Rebind(buffer, shape);
        }

        Values[v] = view;
        return view;
    }

    /// <summary>Writes one element per 4 KiB page of a new large buffer so the operating system maps its pages now,
    /// while the plan is warming up, rather than on a kernel's first pass over it (the runtime may hand out a
    /// large array on fresh zero pages it has not touched).</summary>
    private static void PreTouch(Array buffer)
    {
        const int PageBytes = 4096, LargeBytes = 1 << 20;
        if (!buffer.GetType().GetElementType()!.IsPrimitive)
        {
            return;
        }

        long length = Buffer.ByteLength(buffer);
        if (length < LargeBytes)
        {
            return;
        }

        // Zero over zero: the contents are unchanged, only the page gets mapped.
        ref byte first = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer);
        for (long offset = 0; offset < length; offset += PageBytes)
        {
            System.Runtime.CompilerServices.Unsafe.Add(ref first, (nint)offset) = 0;
        }
    }
}
