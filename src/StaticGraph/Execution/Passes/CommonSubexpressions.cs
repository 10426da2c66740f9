using System.Collections;

namespace StaticGraph.Execution.Passes;

/// <summary>Common-subexpression elimination: a stateless step with the same op type, attrs and input values as an
/// earlier one computes the same outputs, so its readers (and fetches) read the earlier step's outputs instead and
/// the duplicate is dropped. Steps with control inputs, steps reading a stateful producer's output (a variable whose
/// storage an assignment between the two steps may change), and steps with a fed output are left alone.</summary>
internal static class CommonSubexpressions
{
    /// <summary>The plan with duplicate steps merged into their first occurrence.</summary>
    public static PlanGraph Merge(PlanGraph g)
    {
        var alias = Enumerable.Range(0, g.Values.Length).ToArray();
        var overridden = g.Overridden();
        var producer = g.ProducerSteps();
        var seen = new Dictionary<StepKey, Step>();
        var steps = new List<Step>(g.Steps.Length);
        bool changed = false;
        foreach (var original in g.Steps)
        {
            var step = Remap(original, alias);
            changed |= !ReferenceEquals(step, original);
            if (Eligible(g, step, overridden, producer))
            {
                var key = new StepKey(step);
                if (seen.TryGetValue(key, out var first))
                {
                    for (int i = 0; i < step.Outputs.Length; i++)
                    {
                        alias[step.Outputs[i]] = first.Outputs[i];
                    }

                    changed = true;
                    continue;
                }

                seen[key] = step;
            }

            steps.Add(step);
        }

        return changed ? g with { Steps = steps.ToArray(), Fetches = g.Fetches.Select(v => v < 0 ? v : alias[v]).ToArray() } : g;
    }

    private static Step Remap(Step step, int[] alias) =>
        step.Inputs.All(v => alias[v] == v) ? step : step with { Inputs = step.Inputs.Select(v => alias[v]).ToArray() };

    private static bool Eligible(PlanGraph g, Step step, bool[] overridden, int[] producer) =>
        PlanGraph.IsOriginal(step) && !step.Op.Def.IsStateful && step.Op.ControlInputs.Count == 0 && step.Outputs.Length > 0
        && !step.Outputs.Any(v => overridden[v])
        && step.Inputs.All(v => producer[v] < 0 || !g.Steps[producer[v]].Op.Def.IsStateful);

    /// <summary>A step's identity for merging: op type, input value ids and attrs (compared by value; tensors and
    /// function bodies by reference).</summary>
    private sealed class StepKey(Step step) : IEquatable<StepKey>
    {
        private readonly Step _step = step;

        public bool Equals(StepKey? other) => other is not null
            && _step.Op.Type == other._step.Op.Type
            && _step.Inputs.AsSpan().SequenceEqual(other._step.Inputs)
            && _step.Outputs.Length == other._step.Outputs.Length
            && SameAttrs(_step.Op.Attrs, other._step.Op.Attrs);

        public override bool Equals(object? obj) => Equals(obj as StepKey);

        public override int GetHashCode()
        {
            var h = default(HashCode);
            h.Add(_step.Op.Type);
            foreach (int v in _step.Inputs)
            {
                h.Add(v);
            }

            return h.ToHashCode();
        }

        private static bool SameAttrs(AttrMap a, AttrMap b) =>
            a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && SameValue(kv.Value, other));

        private static bool SameValue(object a, object b) => (a, b) switch
        {
            (Array x, Array y) => StructuralComparisons.StructuralEqualityComparer.Equals(x, y),
            (NDArray x, NDArray y) => ReferenceEquals(x, y) || SameBits(x, y),
            (NDArray, _) or (_, NDArray) => false,
            _ => a.Equals(b),
        };

        /// <summary>Equal constants bit for bit (so 0 and -0, or two NaN payloads, stay apart).</summary>
        private static bool SameBits(NDArray x, NDArray y)
        {
            if (x.DType != y.DType || !x.Shape.Equals(y.Shape) || !x.RawData.GetType().GetElementType()!.IsPrimitive
                || x.RawData.Length != y.RawData.Length)
            {
                return false;
            }

            int length = Buffer.ByteLength(x.RawData);
            var xb = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(x.RawData), length);
            var yb = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(y.RawData), length);
            return xb.SequenceEqual(yb);
        }
    }
}
