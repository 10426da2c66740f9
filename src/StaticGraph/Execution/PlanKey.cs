namespace StaticGraph.Execution;

/// <summary>The signature a plan is cached under: fetched tensors (null for an operation target's slot), targets, and
/// the distinct fed tensors in graph order. Compared by identity, element by element.</summary>
internal sealed class PlanKey(Tensor?[] fetches, Operation[] targets, Tensor[] feeds)
{
    public Tensor?[] Fetches { get; } = fetches;

    public Operation[] Targets { get; } = targets;

    public Tensor[] Feeds { get; } = feeds;

    public int Hash { get; } = PlanKeyComparer.HashOf(fetches, targets, feeds);
}

/// <summary>A run's signature before it is stored: spans over the caller's arguments, so a cache hit allocates
/// nothing.</summary>
internal readonly ref struct PlanProbe(ReadOnlySpan<Tensor?> fetches, ReadOnlySpan<Operation> targets, ReadOnlySpan<Tensor> feeds)
{
    public ReadOnlySpan<Tensor?> Fetches { get; } = fetches;

    public ReadOnlySpan<Operation> Targets { get; } = targets;

    public ReadOnlySpan<Tensor> Feeds { get; } = feeds;
}

/// <summary>Equality of plan signatures by element identity; a <see cref="PlanProbe"/> looks a key up without
/// copying the caller's spans.</summary>
internal sealed class PlanKeyComparer : IEqualityComparer<PlanKey>, IAlternateEqualityComparer<PlanProbe, PlanKey>
{
    public static PlanKeyComparer Instance { get; } = new();

    public static int HashOf(ReadOnlySpan<Tensor?> fetches, ReadOnlySpan<Operation> targets, ReadOnlySpan<Tensor> feeds)
    {
        var h = default(HashCode);
        foreach (var t in fetches)
        {
            h.Add(t is null ? -1 : t.Op.Id);
            h.Add(t?.ValueIndex ?? 0);
        }

        h.Add(fetches.Length);
        foreach (var op in targets)
        {
            h.Add(op.Id);
        }

        h.Add(targets.Length);
        foreach (var t in feeds)
        {
            h.Add(t.Op.Id);
            h.Add(t.ValueIndex);
        }

        return h.ToHashCode();
    }

    public bool Equals(PlanKey? x, PlanKey? y) => ReferenceEquals(x, y)
        || (x is not null && y is not null && x.Hash == y.Hash && Same(new(x.Fetches, x.Targets, x.Feeds), y));

    public int GetHashCode(PlanKey obj) => obj.Hash;

    public bool Equals(PlanProbe alternate, PlanKey other) => Same(alternate, other);

    public int GetHashCode(PlanProbe alternate) => HashOf(alternate.Fetches, alternate.Targets, alternate.Feeds);

    public PlanKey Create(PlanProbe alternate) => new(alternate.Fetches.ToArray(), alternate.Targets.ToArray(), alternate.Feeds.ToArray());

    private static bool Same(PlanProbe probe, PlanKey key) =>
        Same(probe.Fetches, key.Fetches) && Same(probe.Targets, key.Targets) && Same(probe.Feeds, key.Feeds);

    private static bool Same<T>(ReadOnlySpan<T> a, T[] b) where T : class?
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
