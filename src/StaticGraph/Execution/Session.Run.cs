namespace StaticGraph;

// The Run overloads: one fetch, arrays of fetches, and tuples of 2-5 fetches; all forward to RunCore.
public sealed partial class Session
{
    /// <summary>Evaluates one tensor.</summary>
    public NDArray Run(Tensor fetch, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetch], [], feed, r);
        return r[0]!;
    }

    /// <summary>Evaluates a variable's current value.</summary>
    public NDArray Run(Variable fetch, FeedDict? feed = null) => Run(Fetch(fetch), feed);

    /// <summary>Runs an operation as a target (an update, an initializer, a train op).</summary>
    public void Run(Operation target, FeedDict? feed = null) => RunCore([], [target], feed, []);

    /// <summary>Evaluates several tensors in one run.</summary>
    public NDArray[] Run(Tensor[] fetches, FeedDict? feed = null)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        return RunCore(fetches, [], feed)!;
    }

    /// <summary>Evaluates every tensor of an RNN state, in <see cref="RnnState.Flatten"/> order ([c, h] for an LSTM
    /// state); the result feeds the same state back (<c>feed[initialState] = sess.Run(finalState, feed)</c>).</summary>
    public NDArray[] Run(RnnState fetch, FeedDict? feed = null) =>
        Run((fetch ?? throw new ArgumentNullException(nameof(fetch))).Flatten(), feed);

    /// <summary>Runs a mix of tensors, variables and operations; each operation's slot is null.</summary>
    public NDArray?[] Run(IFetchable[] fetches, FeedDict? feed = null)
    {
        ArgumentNullException.ThrowIfNull(fetches);
        var tensors = new Tensor?[fetches.Length];
        var targets = new List<Operation>();
        for (int i = 0; i < fetches.Length; i++)
        {
            switch (fetches[i])
            {
                case Operation op:
                    targets.Add(op);
                    break;
                case Tensor t:
                    tensors[i] = t;
                    break;
                case Variable v:
                    tensors[i] = Fetch(v);
                    break;
                default:
                    throw new ArgumentException($"Fetch {i} ({fetches[i]?.GetType().Name ?? "null"}) is not a Tensor, Operation or Variable.", nameof(fetches));
            }
        }

        return RunCore(tensors, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(targets), feed);
    }

    /// <summary>Evaluates two tensors.</summary>
    public (NDArray, NDArray) Run((Tensor, Tensor) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2], [], feed, r);
        return (r[0]!, r[1]!);
    }

    /// <summary>Evaluates a tensor and runs an operation (the training-step form).</summary>
    public (NDArray, NDArray?) Run((Tensor, Operation) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, null], [fetches.Item2], feed, r);
        return (r[0]!, null);
    }

    /// <summary>Runs an operation and evaluates a tensor.</summary>
    public (NDArray?, NDArray) Run((Operation, Tensor) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([null, fetches.Item2], [fetches.Item1], feed, r);
        return (null, r[1]!);
    }

    /// <summary>Evaluates three tensors.</summary>
    public (NDArray, NDArray, NDArray) Run((Tensor, Tensor, Tensor) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2, fetches.Item3], [], feed, r);
        return (r[0]!, r[1]!, r[2]!);
    }

    /// <summary>Evaluates two tensors and runs an operation.</summary>
    public (NDArray, NDArray, NDArray?) Run((Tensor, Tensor, Operation) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2, null], [fetches.Item3], feed, r);
        return (r[0]!, r[1]!, null);
    }

    /// <summary>Runs an operation and evaluates two tensors.</summary>
    public (NDArray?, NDArray, NDArray) Run((Operation, Tensor, Tensor) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([null, fetches.Item2, fetches.Item3], [fetches.Item1], feed, r);
        return (null, r[1]!, r[2]!);
    }

    /// <summary>Evaluates a tensor and runs two operations.</summary>
    public (NDArray, NDArray?, NDArray?) Run((Tensor, Operation, Operation) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, null, null], [fetches.Item2, fetches.Item3], feed, r);
        return (r[0]!, null, null);
    }

    /// <summary>Evaluates four tensors.</summary>
    public (NDArray, NDArray, NDArray, NDArray) Run((Tensor, Tensor, Tensor, Tensor) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4], [], feed, r);
        return (r[0]!, r[1]!, r[2]!, r[3]!);
    }

    /// <summary>Evaluates three tensors and runs an operation.</summary>
    public (NDArray, NDArray, NDArray, NDArray?) Run((Tensor, Tensor, Tensor, Operation) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2, fetches.Item3, null], [fetches.Item4], feed, r);
        return (r[0]!, r[1]!, r[2]!, null);
    }

    /// <summary>Evaluates five tensors.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray) Run((Tensor, Tensor, Tensor, Tensor, Tensor) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4, fetches.Item5], [], feed, r);
        return (r[0]!, r[1]!, r[2]!, r[3]!, r[4]!);
    }

    /// <summary>Evaluates four tensors and runs an operation.</summary>
    public (NDArray, NDArray, NDArray, NDArray, NDArray?) Run((Tensor, Tensor, Tensor, Tensor, Operation) fetches, FeedDict? feed = null)
    {
        var r = default(Fetched);
        RunCore([fetches.Item1, fetches.Item2, fetches.Item3, fetches.Item4, null], [fetches.Item5], feed, r);
        return (r[0]!, r[1]!, r[2]!, r[3]!, null);
    }

    /// <summary>Room for the fetched values of the tuple overloads, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(5)]
    private struct Fetched
    {
        private NDArray? _first;
    }

    private static Tensor Fetch(Variable v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return v.Value;
    }
}
