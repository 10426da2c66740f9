namespace StaticGraph.Execution.Passes;

/// <summary>Constant folding: a stateless step whose inputs are all constants (Const outputs or earlier folded
/// values) is run once at compile time, and the step becomes one that hands out the results, which the plan never
/// writes. Its input constants are then usually dead (see <see cref="DeadSteps"/>). A step whose evaluation fails is
/// left alone, so the error still surfaces when it runs, and results above <see cref="MaxElements"/> elements stay
/// computed per run rather than held by the plan.</summary>
internal static class ConstantSteps
{
    /// <summary>The largest folded result (elements per output).</summary>
    public const int MaxElements = 1 << 20;

    // Control flow keeps its runtime form: deadness (Switch/Merge) and function calls are not folded.
    private static readonly HashSet<string> Unfoldable = ["Switch", "Merge", "If", "While", "StatelessIf", "StatelessWhile"];

    /// <summary>The plan with every foldable step replaced by its precomputed outputs.</summary>
    public static PlanGraph Fold(PlanGraph g)
    {
        var known = new Dictionary<int, NDArray>();
        var overridden = g.Overridden();
        var steps = g.Steps.ToArray();
        bool changed = false;
        for (int s = 0; s < steps.Length; s++)
        {
            var step = steps[s];
            if (step.Op.Type == "Const" && PlanGraph.IsOriginal(step) && !overridden[step.Outputs[0]])
            {
                known[step.Outputs[0]] = step.Op.GetAttr<NDArray>("value");
                continue;
            }

            if (!Foldable(step, known, overridden) || Evaluate(g, step, known) is not { } values)
            {
                continue;
            }

            for (int i = 0; i < values.Length; i++)
            {
                known[step.Outputs[i]] = values[i];
            }

            steps[s] = step with { Kernel = Constants(values), Inputs = [], Rewritten = true };
            changed = true;
        }

        return changed ? g with { Steps = steps } : g;
    }

    private static bool Foldable(Step step, Dictionary<int, NDArray> known, bool[] overridden) =>
        PlanGraph.IsOriginal(step) && !step.Op.Def.IsStateful && step.Op.ControlInputs.Count == 0
        && step.Inputs.Length > 0 && step.Outputs.Length > 0 && !Unfoldable.Contains(step.Op.Type)
        && step.Inputs.All(known.ContainsKey) && !step.Outputs.Any(v => overridden[v])
        && step.Inputs.All(v => known[v].Size <= MaxElements);

    /// <summary>Runs <paramref name="step"/> alone on its constant inputs; null when it fails or its result is too
    /// large to keep.</summary>
    private static NDArray[]? Evaluate(PlanGraph g, Step step, Dictionary<int, NDArray> known)
    {
        int n = step.Inputs.Length;
        var values = step.Inputs.Concat(step.Outputs).Select(v => g.Values[v]).ToArray();
        var single = new PlanGraph(
            [step with { Inputs = Enumerable.Range(0, n).ToArray(), Outputs = Enumerable.Range(n, step.Outputs.Length).ToArray() }],
            values, Enumerable.Range(n, step.Outputs.Length).ToArray(), Enumerable.Range(0, n).ToArray(), []);
        var plan = Compiler.Assemble(single, hasDeadness: false);
        var frame = plan.RentFrame();
        try
        {
            for (int i = 0; i < n; i++)
            {
                frame.Values[i] = known[step.Inputs[i]];
            }

            Session.Execute(plan, frame);
            var results = new NDArray[step.Outputs.Length];
            for (int i = 0; i < results.Length; i++)
            {
                if (frame.Values[n + i] is not { } value || value.Size > MaxElements)
                {
                    return null;
                }

                results[i] = value.Clone();
            }

            return results;
        }
        catch (InvalidArgumentException)
        {
            return null; // the step fails at run time too, where the error names the run's node
        }
        catch (FailedPreconditionException)
        {
            return null;
        }
        finally
        {
            plan.ReturnFrame(frame);
        }
    }

    /// <summary>A kernel that hands out precomputed values (the plan never writes them).</summary>
    private static Kernel Constants(NDArray[] values) => ctx =>
    {
        for (int i = 0; i < values.Length; i++)
        {
            ctx.SetOutput(i, values[i]);
        }
    };
}
