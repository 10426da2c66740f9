using System.Collections.Concurrent;

namespace StaticGraph.Execution;

/// <summary>One bound node of a plan: its kernel and the value ids it reads and writes.</summary>
internal sealed record Step(Operation Op, Kernel Kernel, int[] Inputs, int[] Outputs);

/// <summary>
/// A compiled (fetches, feeds, targets) signature: the pruned, ordered steps with bound kernels, the value table
/// (dtype, producer and buffer slot of every tensor the steps touch), and a pool of run frames so concurrent runs
/// never share buffers.
/// </summary>
internal sealed class Plan
{
    private readonly ConcurrentBag<Frame> _frames = [];

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

    /// <summary>True when a step is a legacy Switch: the executor then propagates dead values.</summary>
    public bool HasDeadness { get; init; }

    /// <summary>Value id and static spec of each fed tensor, by tensor.</summary>
    public required Dictionary<Tensor, int> FeedValues { get; init; }

    public Frame RentFrame() => _frames.TryTake(out var f) ? f : new Frame(this);

    public void ReturnFrame(Frame frame)
    {
        Array.Clear(frame.Values);
        _frames.Add(frame);
    }
}

/// <summary>The per-run state of a plan: the current value of every value id and the planned buffers, kept between
/// runs so a steady-state run reuses them.</summary>
internal sealed class Frame
{
    private readonly Array?[] _buffers;
    private readonly NDArray?[] _views;

    public Frame(Plan plan)
    {
        Values = new NDArray?[plan.ValueDTypes.Length];
        _views = new NDArray?[plan.ValueDTypes.Length];
        _buffers = new Array?[plan.SlotCount];
        Context = new KernelContext(plan, this);
    }

    public NDArray?[] Values { get; }

    public KernelContext Context { get; }

    /// <summary>Points value <paramref name="v"/> at slot <paramref name="slot"/>'s buffer, growing it when the
    /// shape needs more room than any earlier run did.</summary>
    public NDArray Allocate(int v, DType dtype, int slot, Shape shape)
    {
        int n = shape.Size;
        var buffer = _buffers[slot];
        if (buffer is null || buffer.Length < n)
        {
            buffer = NDArray.AllocateArray(dtype, n);
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
}
