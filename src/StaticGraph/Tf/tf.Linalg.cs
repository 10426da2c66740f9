using StaticGraph.Ops;

namespace StaticGraph;

// Linear algebra: the diagonal family, eye, meshgrid, tensordot, einsum.
public static partial class tf
{
    /// <summary>A tensor with <paramref name="diagonal"/> on its diagonal: shape d + d.</summary>
    public static Tensor diag(Tensor diagonal, string? name = null) => LinalgOps.Diag(diagonal, name);

    /// <summary>The diagonal of a tensor of shape d + d.</summary>
    public static Tensor diag_part(Tensor input, string? name = null) => LinalgOps.DiagPart(input, name);

    /// <summary>Batched diagonal matrices: [..., n] to [..., n, n].</summary>
    public static Tensor matrix_diag(Tensor diagonal, string? name = null) => LinalgOps.MatrixDiag(diagonal, name);

    /// <summary>Batched matrix diagonals: [..., m, n] to [..., min(m, n)].</summary>
    public static Tensor matrix_diag_part(Tensor input, string? name = null) => LinalgOps.MatrixDiagPart(input, name);

    /// <summary>input with its (batched) matrix diagonals replaced by <paramref name="diagonal"/>.</summary>
    public static Tensor matrix_set_diag(Tensor input, Tensor diagonal, string? name = null) => LinalgOps.MatrixSetDiag(input, diagonal, name);

    /// <summary>The identity matrix with <paramref name="num_rows"/> rows (and <paramref name="num_columns"/>
    /// columns, default square).</summary>
    public static Tensor eye(int num_rows, int? num_columns = null, DType? dtype = null, string? name = null) =>
        LinalgOps.Eye(num_rows, num_columns, dtype ?? float32, name);

    /// <summary>Coordinate grids of 1-D tensors, "xy" (Cartesian) indexing.</summary>
    public static Tensor[] meshgrid(params Tensor[] args) => LinalgOps.Meshgrid(args, "xy");

    /// <summary>Coordinate grids of 1-D tensors with "xy" (Cartesian) or "ij" (matrix) indexing.</summary>
    public static Tensor[] meshgrid(Tensor[] args, string indexing) => LinalgOps.Meshgrid(args, indexing);

    /// <summary>Σ over the last <paramref name="axes"/> axes of a and the first of b.</summary>
    public static Tensor tensordot(Tensor a, Tensor b, int axes, string? name = null) => LinalgOps.Tensordot(a, b, axes, name);

    /// <summary>Σ over the paired axes <paramref name="axes"/>[0] of a and <paramref name="axes"/>[1] of b.</summary>
    public static Tensor tensordot(Tensor a, Tensor b, int[][] axes, string? name = null) =>
        LinalgOps.Tensordot(a, b, (axes ?? throw new ArgumentNullException(nameof(axes)))[0], axes[1], name);

    /// <summary>Einstein summation over two operands (matrix, batch matrix, outer, dot and elementwise forms).</summary>
    public static Tensor einsum(string equation, Tensor a, Tensor b, string? name = null) => LinalgOps.Einsum(equation, a, b, name);
}
