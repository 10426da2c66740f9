using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

// Rows of the runtime ops with gradients: Print (identity on its first input) and DynamicStitch.
internal static partial class OpCases
{
    private static Gen<Draw> StitchShapes =>
        from rank in Gen.Choose(0, 2)
        from slice in Gen.ArrayOf(Gen.Choose(1, 3), rank)
        select new Draw([new Shape([2, .. slice]), new Shape([3, .. slice])], []);

    private static IReadOnlyList<OpCase> Runtime =>
    [
        Unary("Print", Domain.Any, x => RuntimeOps.Print(x, [x], "", 0, 3, null)),
        new("DynamicStitch", StitchShapes, D(Domain.Any, Domain.Any), (x, _, _) => RuntimeOps.DynamicStitch(
            [tf.constant(new[] { 0, 3 }), tf.constant(new[] { 1, 2, 4 })], x, null)),
    ];
}
