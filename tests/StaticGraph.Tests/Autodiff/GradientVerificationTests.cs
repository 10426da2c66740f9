using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

/// <summary>The table-driven verification of every op in the registry.</summary>
public class GradientVerificationTests
{
    private const int CasesPerOp = 100;

    /// <summary>Ops with no gradient, each with the reason; the registry must declare exactly these.</summary>
    private static readonly Dictionary<string, string> NonDifferentiable = new()
    {
        ["Placeholder"] = "a graph input, not a function of other tensors",
        ["Const"] = "a constant",
        ["NoOp"] = "no outputs",
        ["Shape"] = "integer output, depends only on the shape",
        ["Size"] = "integer output, depends only on the shape",
        ["Rank"] = "integer output, depends only on the shape",
        ["ZerosLike"] = "constant in its input's values",
        ["OnesLike"] = "constant in its input's values",
        ["Range"] = "integer-valued sequence construction",
        ["FloorDiv"] = "piecewise constant",
        ["Sign"] = "piecewise constant",
        ["Equal"] = "bool output",
        ["NotEqual"] = "bool output",
        ["Less"] = "bool output",
        ["LessEqual"] = "bool output",
        ["Greater"] = "bool output",
        ["GreaterEqual"] = "bool output",
        ["LogicalAnd"] = "bool inputs and output",
        ["LogicalOr"] = "bool inputs and output",
        ["LogicalNot"] = "bool input and output",
        ["ArgMax"] = "integer output",
        ["ArgMin"] = "integer output",
        ["VariableV2"] = "state, differentiated through its read",
        ["Assign"] = "a state update",
        ["AssignAdd"] = "a state update",
        ["AssignSub"] = "a state update",
        ["RandomStandardNormal"] = "random, independent of its shape input's values",
        ["TruncatedNormal"] = "random, independent of its shape input's values",
        ["RandomUniform"] = "random, independent of its shape input's values",
        ["StopGradient"] = "blocks gradients by definition",
        ["BroadcastGradientArgs"] = "integer shape arithmetic",
    };

    public static TheoryData<string> Ops => new(OpCases.All.Select(c => c.Op));

    [Theory]
    [MemberData(nameof(Ops))]
    public void Gradient_and_kernel_agree_with_finite_differences_and_inference(string op)
    {
        var c = OpCases.All.Single(x => x.Op == op);
        var cases = from draw in c.Shapes
                    from seed in Gen.Choose(0, int.MaxValue)
                    select (draw, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerOp).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(cases), t => GradientVerification.Check(c, t.draw, t.seed)));
    }

    [Fact]
    public void Every_registered_op_is_gradient_checked_or_declared_non_differentiable()
    {
        var table = OpCases.All.Select(c => c.Op).ToHashSet();
        var unverified = OpRegistry.All
            .Where(d => !table.Contains(d.Name) && !NonDifferentiable.ContainsKey(d.Name))
            .Select(d => d.Name).ToList();
        Assert.Empty(unverified);

        var mislabelled = OpRegistry.All
            .Where(d => NonDifferentiable.ContainsKey(d.Name) != (d.Grad == OpDef.NotDifferentiable))
            .Select(d => d.Name).ToList();
        Assert.Empty(mislabelled);
        Assert.All(table, name => Assert.True(OpRegistry.Contains(name), $"{name} is in the table but not registered"));
    }
}
