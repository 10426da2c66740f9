using StaticGraph.Execution;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Stacking along a new axis and unstacking: Pack, Unpack.
internal static partial class ManipulationOps
{
    /// <summary>y = the N same-shaped inputs stacked along a new axis <c>axis</c>: y[…, i, …] = xᵢ.</summary>
    public static readonly OpDef PackOp = new("Pack",
        ctx => Checked(ctx, () =>
        {
            if (ctx.Inputs.Count == 0)
            {
                throw ctx.Error("Pack needs at least one input");
            }

            var dtype = ctx.SameDType();
            var s = ctx.Shape(0);
            for (int i = 1; i < ctx.Inputs.Count; i++)
            {
                if (!s.IsCompatibleWith(ctx.Shape(i)))
                {
                    throw ctx.Error($"Shapes of all inputs must match: values[0].shape = {ctx.Shape(0)} != values[{i}].shape = {ctx.Shape(i)}");
                }

                s = s.MergeWith(ctx.Shape(i));
            }

            return One(dtype, s.HasRank ? Stacked(s.ToArray(), ctx.Attr("axis", 0), ctx.Inputs.Count) : Shape.Unknown);
        }),
        b =>
        {
            int axis = b.Attr("axis", 0);
            var memo = new ShapeMemo<Shape>();
            return ctx =>
            {
                int n = ctx.InputCount;
                var first = ctx.Input(0);
                var key = new MemoKey(stackalloc int[16]);
                key.Add(first.Shape);
                var y = ctx.Output(0, memo.Get(key) ?? memo.Set(key, Stacked(first.Shape.ToArray(), axis, n)));
                int a = axis < 0 ? axis + first.Rank + 1 : axis;
                var (outer, _) = OuterInner(y.Shape, a);
                int inner = outer == 0 ? 0 : first.Size / outer;
                for (int i = 0; i < n; i++)
                {
                    var x = ctx.Input(i);
                    if (!x.Shape.Equals(first.Shape))
                    {
                        throw new InvalidArgumentException($"Shapes of all inputs must match: values[0].shape = {first.Shape} != values[{i}].shape = {x.Shape}");
                    }

                    for (int o = 0; o < outer; o++)
                    {
                        Array.Copy(x.RawData, o * inner, y.RawData, ((o * n) + i) * inner, inner);
                    }
                }
            };
        })
    {
        Inputs = ["values: N * T"], Outputs = ["output: T"],
        AttrDefaults = new Dictionary<string, object> { ["axis"] = 0 },
        Grad = g => Unpack(g.Dy, g.Op.Inputs.Count, g.Attr<int>("axis"), null), // dxᵢ = unstack(dy)ᵢ
    };

    public static Tensor Pack(IReadOnlyList<Tensor> values, int axis, string? name) =>
        Out("Pack", name, [.. values], ("N", values.Count), ("T", values[0].DType), ("axis", axis));

    private static Shape Stacked(int[] dims, int axis, int n)
    {
        int r = dims.Length;
        if (axis < -r - 1 || axis > r)
        {
            throw new InvalidArgumentException($"axis = {axis} not in [{-r - 1}, {r + 1})");
        }

        var list = dims.ToList();
        list.Insert(axis < 0 ? axis + r + 1 : axis, n);
        return Shape.Own([.. list]);
    }

    /// <summary>yᵢ = x[…, i, …]: the <c>num</c> slices of x along <c>axis</c>, which is removed.</summary>
    public static readonly OpDef UnpackOp = new("Unpack",
        ctx => Checked(ctx, () =>
        {
            ctx.ExpectInputs(1);
            int num = ctx.Attr<int>("num");
            var s = ctx.Shape(0);
            var piece = s.HasRank ? Unstacked(s.ToArray(), ctx.Attr("axis", 0), num).Shape : Shape.Unknown;
            return Enumerable.Repeat(new TensorSpec(ctx.DType(0), piece), num).ToArray();
        }),
        b =>
        {
            int axis = b.Attr("axis", 0), num = b.Attr<int>("num");
            var memo = new ShapeMemo<Tuple<int, Shape>>();
            return ctx =>
            {
                var x = ctx.Input(0);
                var key = new MemoKey(stackalloc int[16]);
                key.Add(x.Shape);
                var (a, piece) = memo.Get(key) ?? memo.Set(key, Unstacked(x.Shape.ToArray(), axis, num).ToTuple());
                var (outer, inner) = OuterInner(x.Shape, a);
                for (int i = 0; i < num; i++)
                {
                    var y = ctx.Output(i, piece);
                    for (int o = 0; o < outer; o++)
                    {
                        Array.Copy(x.RawData, ((o * num) + i) * inner, y.RawData, o * inner, inner);
                    }
                }
            };
        })
    {
        Inputs = ["value: T"], Outputs = ["output: num * T"],
        AttrDefaults = new Dictionary<string, object> { ["axis"] = 0 },
        Grad = g => [Pack(Dys(g), g.Attr<int>("axis"), null)], // dx = stack(dy₀, dy₁, …) (zeros for unused outputs)
    };

    public static Tensor[] Unpack(Tensor value, int num, int axis, string? name) =>
        [.. Op("Unpack", name, [value], ("num", num), ("T", value.DType), ("axis", axis)).Outputs];

    /// <summary>tf.unstack's default num: the static size of <paramref name="axis"/>.</summary>
    public static int StaticDim(Tensor value, int axis)
    {
        var s = value.Shape;
        int d = s.HasRank && axis >= -s.Rank && axis < s.Rank ? s[axis] : -1;
        return d >= 0 ? d : throw new GraphException($"Cannot infer num from shape {s} (axis {axis}); pass num.");
    }

    private static (int Axis, Shape Shape) Unstacked(int[] dims, int axis, int num)
    {
        int a = NormalizeAxis(axis, dims.Length);
        if (dims[a] >= 0 && dims[a] != num)
        {
            throw new InvalidArgumentException($"Number of values ({num}) does not match the size of dimension {a} of the input ({dims[a]})");
        }

        return (a, Shape.Own(dims.Where((_, k) => k != a).ToArray()));
    }
}
