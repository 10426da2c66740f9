using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Ops;

namespace StaticGraph.Tests.Autodiff;

/// <summary>The table-driven verification of every op in the registry.</summary>
public class GradientVerificationTests
{
    private const int CasesPerOp = 100;

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
        Assert.Empty(OpRegistry.All.Where(d => (d.Grad is null) == (d.NoGradient is null)).Select(d => $"{d.Name}: needs exactly one of Grad and NoGradient"));
        Assert.Empty(OpRegistry.All.Where(d => d.Grad is not null && !table.Contains(d.Name)).Select(d => $"{d.Name}: has a gradient but no verification row"));
        Assert.Empty(table.Where(name => !OpRegistry.Contains(name) || OpRegistry.Get(name).Grad is null).Select(name => $"{name}: in the table but not a differentiable registered op"));
    }
}
