using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Composites over primitives (no kernels, no gradients of their own): matmul's rank dispatch, eye, meshgrid,
// tensordot and the common two-operand einsum forms.
internal static partial class LinalgOps
{
    /// <summary>tf.matmul: MatMul for matrices, BatchMatMulV2 (adj = transpose) when either side has rank >= 3.</summary>
    public static Tensor MatMulAny(Tensor a, Tensor b, bool transposeA, bool transposeB, string? name) =>
        a.Shape.Rank >= 3 || b.Shape.Rank >= 3
            ? BatchMatMulV2(a, b, transposeA, transposeB, name ?? "MatMul")
            : MathOps.MatMul(a, b, transposeA, transposeB, name);

    /// <summary>The [rows, columns] identity matrix: ones on the diagonal.</summary>
    public static Tensor Eye(int rows, int? columns, DType dtype, string? name)
    {
        int cols = columns ?? rows;
        var graph = Graph.Default;
        using var scope = graph.NameScope(name ?? "eye");
        var ones = Const(NDArray.FromArray(Enumerable.Repeat(1.0, Math.Min(rows, cols)).ToArray(), Math.Min(rows, cols)).AsType(dtype), "ones", graph);
        return rows == cols
            ? MatrixDiag(ones, null)
            : MatrixSetDiag(Const(NDArray.Zeros(dtype, [rows, cols]), "zeros", graph), ones, null);
    }

    /// <summary>Coordinate grids: output i is args[i] laid along its axis and broadcast (by multiplying with ones)
    /// over the others; "xy" indexing swaps the first two axes.</summary>
    public static Tensor[] Meshgrid(Tensor[] args, string indexing)
    {
        if (indexing is not ("xy" or "ij"))
        {
            throw new ArgumentException($"tf.meshgrid: indexing must be 'xy' or 'ij', got '{indexing}'.", nameof(indexing));
        }

        int n = args.Length;
        int AxisOf(int i) => indexing == "xy" && n >= 2 && i < 2 ? 1 - i : i;
        Tensor Along(Tensor t, int axis) => ArrayOps.Reshape(t,
            IntVector(Enumerable.Range(0, n).Select(a => a == axis ? -1 : 1).ToArray(), t.Graph), null);
        return Enumerable.Range(0, n).Select(i =>
        {
            var grid = Along(args[i], AxisOf(i));
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    grid *= Along(ArrayOps.OnesLike(args[j], null), AxisOf(j));
                }
            }

            return grid;
        }).ToArray();
    }

    /// <summary>Σ over the paired axes of a and b; the result has a's free axes then b's. Without Transpose, a's
    /// contracted axes must be a leading or trailing block of a, and b's a leading or trailing block of b, paired
    /// in order.</summary>
    public static Tensor Tensordot(Tensor a, Tensor b, int[] aAxes, int[] bAxes, string? name)
    {
        var (sa, sb) = (a.Shape, b.Shape);
        if (!sa.HasRank || !sb.HasRank || aAxes.Length != bAxes.Length)
        {
            throw new GraphException($"tf.tensordot: needs inputs of known rank and as many axes of a as of b, got shapes {sa} and {sb}, axes [{string.Join(",", aAxes)}] and [{string.Join(",", bAxes)}].");
        }

        var pairs = aAxes.Select((x, i) => (A: x < 0 ? x + sa.Rank : x, B: bAxes[i] < 0 ? bAxes[i] + sb.Rank : bAxes[i])).OrderBy(p => p.A).ToArray();
        var (ca, cb) = (pairs.Select(p => p.A).ToArray(), pairs.Select(p => p.B).ToArray());
        int k = ca.Length;
        bool aTrailing = IsBlock(ca, sa.Rank - k), aLeading = IsBlock(ca, 0), bLeading = IsBlock(cb, 0), bTrailing = IsBlock(cb, sb.Rank - k);
        var freeAxesA = Enumerable.Range(0, sa.Rank).Where(x => !ca.Contains(x)).ToArray();
        var freeAxesB = Enumerable.Range(0, sb.Rank).Where(x => !cb.Contains(x)).ToArray();
        var contracted = ca.Select(x => sa[x]).ToArray();
        for (int i = 0; i < k; i++)
        {
            if (contracted[i] < 0 || sb[cb[i]] < 0 || contracted[i] != sb[cb[i]])
            {
                throw new GraphException($"tf.tensordot: contracted dimensions must be known and equal, got axis {ca[i]} of a {sa} and axis {cb[i]} of b {sb}.");
            }
        }

        var freeA = freeAxesA.Select(x => sa[x]).ToArray();
        var freeB = freeAxesB.Select(x => sb[x]).ToArray();
        if (freeA.Concat(freeB).Count(d => d < 0) > 1)
        {
            throw new GraphException($"tf.tensordot: at most one free dimension may be unknown, got shapes {sa} and {sb}.");
        }

        int size = contracted.Aggregate(1, (p, d) => p * d);
        int Flat(int[] dims) => dims.Any(d => d < 0) ? -1 : dims.Aggregate(1, (p, d) => p * d);
        var graph = a.Graph;
        using var scope = graph.NameScope(name ?? "Tensordot");

        // Contracted axes that are not a leading/trailing block in pairing order are moved there by a Transpose.
        if (!aTrailing && !aLeading)
        {
            a = ManipulationOps.Transpose(a, [.. freeAxesA, .. ca], null);
            aTrailing = true;
        }

        if (!bLeading && !bTrailing)
        {
            b = ManipulationOps.Transpose(b, [.. cb, .. freeAxesB], null);
            bLeading = true;
        }

        bool ta = !aTrailing, tb = !bLeading;
        var a2 = ArrayOps.Reshape(a, IntVector(ta ? [size, Flat(freeA)] : [Flat(freeA), size], graph), null);
        var b2 = ArrayOps.Reshape(b, IntVector(tb ? [Flat(freeB), size] : [size, Flat(freeB)], graph), null);
        var product = MathOps.MatMul(a2, b2, ta, tb, null);
        return ArrayOps.Reshape(product, IntVector([.. freeA, .. freeB], graph), null);
    }

    private static bool IsBlock(int[] axes, int start) => axes.Select((x, i) => x == start + i).All(ok => ok);

    /// <summary>tensordot with an integer: the last <paramref name="axes"/> axes of a against the first of b.</summary>
    public static Tensor Tensordot(Tensor a, Tensor b, int axes, string? name)
    {
        int ra = a.Shape.HasRank ? a.Shape.Rank : throw new GraphException($"tf.tensordot: a must have known rank, got {a.Shape}.");
        if (axes < 0 || axes > ra || (b.Shape.HasRank && axes > b.Shape.Rank))
        {
            throw new GraphException($"tf.tensordot: axes = {axes} must be in [0, min(rank a, rank b)], got shapes {a.Shape} and {b.Shape}.");
        }

        return Tensordot(a, b, Enumerable.Range(ra - axes, axes).ToArray(), Enumerable.Range(0, axes).ToArray(), name);
    }

    /// <summary>The two-operand einsum forms that map onto one product without Transpose: elementwise and dot
    /// products, outer products, matrix products with any operand/output orientation, and batch matrix products
    /// with the batch letter first.</summary>
    public static Tensor Einsum(string equation, Tensor a, Tensor b, string? name)
    {
        string eq = equation.Replace(" ", "", StringComparison.Ordinal);
        var sides = eq.Split("->");
        var ops = sides[0].Split(',');
        GraphException Unsupported() => new(
            $"tf.einsum: the equation '{equation}' is not supported; supported two-operand forms are 'ij,jk->ik' (any orientation of operands and output), 'bij,bjk->bik', 'i,j->ij', 'i,i->' and elementwise products.");
        if (sides.Length != 2 || ops.Length != 2 || eq.Contains('.', StringComparison.Ordinal)
            || ops.Any(o => o.Distinct().Count() != o.Length) || sides[1].Distinct().Count() != sides[1].Length)
        {
            throw Unsupported();
        }

        var (la, lb, lo) = (ops[0], ops[1], sides[1]);
        if (la == lb && lo == la)
        {
            return MathOps.Mul(a, b, name);
        }

        if (la == lb && lo.Length == 0)
        {
            return ReduceOps.Sum(MathOps.Mul(a, b, null), null, false, name);
        }

        if (la.Length == 1 && lb.Length == 1 && la != lb && (lo == la + lb || lo == lb + la))
        {
            var (first, second) = lo == la + lb ? (a, b) : (b, a);
            return MathOps.Mul(ArrayOps.Reshape(first, IntVector([-1, 1], a.Graph), null), ArrayOps.Reshape(second, IntVector([1, -1], a.Graph), null), name);
        }

        if (la.Length == 2 && lb.Length == 2 && lo.Length == 2 && MatrixForm(la, lb, lo) is var (ta, tb, swap))
        {
            return swap ? MathOps.MatMul(b, a, !tb, !ta, name) : MathOps.MatMul(a, b, ta, tb, name);
        }

        if (la.Length == 3 && lb.Length == 3 && lo.Length == 3 && la[0] == lb[0] && la[0] == lo[0]
            && MatrixForm(la[1..], lb[1..], lo[1..]) is var (bta, btb, bswap))
        {
            return bswap ? BatchMatMulV2(b, a, !btb, !bta, name) : BatchMatMulV2(a, b, bta, btb, name);
        }

        throw Unsupported();
    }

    // 'xy,zw->uv' as one matrix product: the shared letter is contracted, the free letters form the output in
    // either order (swap: the output is the transposed product, computed as op(B)ᵀ·op(A)ᵀ).
    private static (bool TransposeA, bool TransposeB, bool Swap)? MatrixForm(string la, string lb, string lo)
    {
        var shared = la.Intersect(lb).ToArray();
        if (shared.Length != 1 || lo.Contains(shared[0], StringComparison.Ordinal))
        {
            return null;
        }

        char c = shared[0];
        char fa = la[0] == c ? la[1] : la[0], fb = lb[0] == c ? lb[1] : lb[0];
        string straight = $"{fa}{fb}", swapped = $"{fb}{fa}";
        return lo == straight || lo == swapped ? (la[0] == c, lb[1] == c, lo == swapped) : null;
    }
}
