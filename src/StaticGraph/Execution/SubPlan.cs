namespace StaticGraph.Execution;

/// <summary>
/// A function body compiled for one calling kernel (an <c>If</c> branch, a <c>While</c> condition or body): a plan
/// whose feeds are the body's arguments and whose fetches are its results. Frames are rented per call, so nested and
/// concurrent calls never share buffers; a result stays valid until its frame is returned.
/// </summary>
internal sealed class SubPlan
{
    private readonly Plan _plan;
    private readonly int[] _args;

    private SubPlan(Plan plan, int[] args)
    {
        _plan = plan;
        _args = args;
    }

    /// <summary>Compiles <paramref name="f"/> against the session's state (variables and random streams are shared
    /// with the calling plan). With <paramref name="donateArgs"/> the caller promises arrays it owns alone for the
    /// arguments <see cref="Overwrites"/> names, and steps may write over them.</summary>
    public static SubPlan Compile(FuncGraph f, SessionState state, bool donateArgs = false)
    {
        var plan = Compiler.Compile(f.Graph, f.Results, [], f.Args, state, donateArgs ? f.Args : null);
        var args = f.Args.Select(a => plan.FeedValues[a]).ToArray();

        // An argument returned as the same-position result is a loop variable a While body passes through: each
        // iteration of one loop gets the same array back, and nothing writes it unless the body overwrites it.
        var invariant = new bool[plan.ValueDTypes.Length];
        for (int i = 0; i < args.Length; i++)
        {
            invariant[args[i]] = i < f.Results.Length && ReferenceEquals(f.Results[i], f.Args[i]) && !plan.Overwritten[args[i]];
        }

        plan.LoopInvariant = invariant;
        return new SubPlan(plan, args);
    }

    /// <summary>True when a step writes its output over argument <paramref name="i"/>'s array (only with donated
    /// arguments): the caller must pass an array nothing else reads.</summary>
    public bool Overwrites(int i) => _plan.Overwritten[_args[i]];

    /// <summary>A frame for one call from <paramref name="caller"/>'s step; TensorLists it creates belong to the
    /// caller's run. Frames of one call (a While loop's alternating body frames) pass the same
    /// <paramref name="invocation"/>; 0 draws a fresh one.</summary>
    public Frame Rent(KernelContext caller, long invocation = 0)
    {
        var frame = _plan.RentFrame();
        frame.Lists = caller.Lists;
        frame.Invocation = invocation != 0 ? invocation : Frame.NextInvocation();
        return frame;
    }

    public void Return(Frame frame) => _plan.ReturnFrame(frame);

    /// <summary>Runs the body in <paramref name="frame"/> on <paramref name="args"/>.</summary>
    public void Run(Frame frame, ReadOnlySpan<NDArray> args)
    {
        for (int i = 0; i < _args.Length; i++)
        {
            frame.Values[_args[i]] = args[i];
        }

        Session.Execute(_plan, frame);
    }

    /// <summary>Result <paramref name="i"/> of the last run in <paramref name="frame"/>.</summary>
    public NDArray Result(Frame frame, int i) =>
        frame.Values[_plan.FetchValues[i]] ?? throw new FailedPreconditionException(
            $"Function result {i} ({_plan.Producers[_plan.FetchValues[i]].Name}) was not computed.");
}
