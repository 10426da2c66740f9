using System.Runtime.CompilerServices;

namespace StaticGraph;

/// <summary>
/// TF's <c>nest</c> for the structures control flow carries: a <see cref="Tensor"/>, a <see cref="Variable"/>,
/// an RNN state (<see cref="RnnState"/>: an <c>LSTMStateTuple</c>, a MultiRNNCell's tuple), arrays of structures, and tuples (<c>ValueTuple</c>s and tuple-like types such as <c>LSTMStateTuple</c> that
/// implement <see cref="ITuple"/> and have a constructor taking their items in order), nested to any depth.
/// </summary>
internal static class Nest
{
    /// <summary>The tensors of <paramref name="structure"/>, depth first.</summary>
    public static Tensor[] Flatten(object? structure)
    {
        var flat = new List<Tensor>();
        Add(structure, flat);
        return flat.ToArray();
    }

    /// <summary>A structure like <paramref name="template"/> holding <paramref name="flat"/>, depth first.</summary>
    public static T Pack<T>(T template, IReadOnlyList<Tensor> flat)
    {
        int next = 0;
        var packed = (T)Build(template, flat, ref next);
        if (next != flat.Count)
        {
            throw new ArgumentException($"The structure holds {next} tensors but {flat.Count} were given.", nameof(flat));
        }

        return packed;
    }

    private static void Add(object? structure, List<Tensor> flat)
    {
        switch (structure)
        {
            case Tensor t:
                flat.Add(t);
                break;
            case Variable v:
                flat.Add(v.Value);
                break;
            case RnnState state:
                flat.AddRange(state.Flatten());
                break;
            case Array a:
                foreach (var item in a)
                {
                    Add(item, flat);
                }

                break;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++)
                {
                    Add(tuple[i], flat);
                }

                break;
            default:
                throw new ArgumentException(
                    $"A {structure?.GetType().Name ?? "null"} is not a tensor structure (Tensor, array or tuple of them).");
        }
    }

    private static object Build(object? template, IReadOnlyList<Tensor> flat, ref int next)
    {
        switch (template)
        {
            case Tensor or Variable:
                return flat[next++];
            case RnnState state:
                var packed = state.Pack([.. flat.Skip(next).Take(state.TensorCount)]);
                next += state.TensorCount;
                return packed;
            case Array a:
                var array = Array.CreateInstance(a.GetType().GetElementType() == typeof(Variable) ? typeof(Tensor) : a.GetType().GetElementType()!, a.Length);
                for (int i = 0; i < a.Length; i++)
                {
                    array.SetValue(Build(a.GetValue(i), flat, ref next), i);
                }

                return array;
            case ITuple tuple:
                var items = new object[tuple.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = Build(tuple[i], flat, ref next);
                }

                return Activator.CreateInstance(template.GetType(), items) ?? throw new ArgumentException(
                    $"Cannot rebuild a {template.GetType().Name}.");
            default:
                throw new ArgumentException(
                    $"A {template?.GetType().Name ?? "null"} is not a tensor structure (Tensor, array or tuple of them).");
        }
    }
}
