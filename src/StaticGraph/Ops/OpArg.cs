namespace StaticGraph.Ops;

/// <summary>
/// One input or output argument of an op, TensorFlow's <c>OpDef.ArgDef</c>: one tensor of a fixed type or of the
/// type a type attr holds, <c>NumberAttr</c> tensors of one type (<c>"values: N * T"</c>), or one tensor per entry
/// of a <c>list(type)</c> attr (<c>"tensors: dtypes"</c>).
/// </summary>
/// <param name="Name">The argument name: <c>product</c> in MatMul's <c>"product: T"</c>.</param>
/// <param name="Type">A fixed TF type name (<c>int32</c>, <c>bool</c>, <c>string</c>), or null.</param>
/// <param name="TypeAttr">The <c>type</c> attr giving the element type (<c>T</c>), or null.</param>
/// <param name="NumberAttr">The <c>int</c> attr giving the tensor count (<c>N</c>), or null.</param>
/// <param name="TypeListAttr">The <c>list(type)</c> attr giving one tensor per entry, or null.</param>
/// <param name="IsRef">True for <c>Ref(...)</c>: the tensors are references to a variable's buffer.</param>
internal sealed record OpArg(string Name, string? Type, string? TypeAttr, string? NumberAttr, string? TypeListAttr, bool IsRef)
{
    /// <summary>True when the argument stands for a list of tensors (a number attr or a type-list attr).</summary>
    public bool IsList => NumberAttr is not null || TypeListAttr is not null;

    /// <summary>How many tensors the argument stands for on a node with <paramref name="attrs"/>: 1, the number
    /// attr's value, or the type list's length; a <see cref="GraphException"/> naming <paramref name="op"/> when
    /// that attr is missing or of the wrong kind.</summary>
    public int Length(string op, IReadOnlyDictionary<string, object> attrs)
    {
        string? attr = NumberAttr ?? TypeListAttr;
        if (attr is null)
        {
            return 1;
        }

        if (!attrs.TryGetValue(attr, out var value))
        {
            throw new GraphException($"{op}: attr '{attr}' (the length of argument '{Name}') is not set.");
        }

        return value switch
        {
            long n when NumberAttr is not null && n is >= 0 and <= int.MaxValue => (int)n,
            int n when NumberAttr is not null && n >= 0 => n,
            Array list when TypeListAttr is not null => list.Length,
            _ => throw new GraphException(
                $"{op}: attr '{attr}' holds {value}, not the {(NumberAttr is not null ? "non-negative int" : "list of types")} argument '{Name}' needs."),
        };
    }

    /// <summary>The argument in REGISTER_OP syntax: <c>"values: N * T"</c>, <c>"ref: Ref(T)"</c>.</summary>
    public override string ToString()
    {
        string type = (NumberAttr is null ? "" : NumberAttr + " * ") + (Type ?? TypeAttr ?? TypeListAttr);
        return $"{Name}: {(IsRef ? $"Ref({type})" : type)}";
    }
}
