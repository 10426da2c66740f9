using FsCheck;
using FsCheck.Fluent;
using StaticGraph.Execution.Passes;

namespace StaticGraph.Tests.Execution.Passes;

/// <summary>Every compiler pass against the plain plan: random DAGs of elementwise, broadcast, matmul and reduce
/// ops with shared subexpressions, constants, repeated subtrees and awkward sizes give the same fetched values
/// (within float tolerance) with each pass alone and with all of them.</summary>
public class PlanPassTests
{
    private static readonly string[] Ops = ["Add", "Sub", "Mul", "Maximum", "Relu", "Tanh", "Neg", "Square", "AddScalar", "Const", "Twice", "Sigmoid", "Bias", "Sum"];
    private static readonly int[] Sizes = [1, 7, 17, 255, 1023];

    /// <summary>A node of a random program: an op and the indices of its operands among earlier nodes.</summary>
    public sealed record Node(int Op, int A, int B);

    private static Gen<(Node[] Program, int Rows, int Cols, int Seed)> Cases =>
        from n in Gen.Choose(1, 12)
        from nodes in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, Ops.Length - 1), Gen.Zip(Gen.Choose(0, 1000), Gen.Choose(0, 1000))), n)
        from rows in Gen.Elements(Sizes)
        from cols in Gen.Elements(Sizes)
        from seed in Gen.Choose(0, int.MaxValue)
        select (nodes.Select((t, i) => new Node(t.Item1, t.Item2.Item1 % (i + 2), t.Item2.Item2 % (i + 2))).ToArray(), rows, cols, seed);

    private static Tensor Apply(Node node, List<Tensor> values, Tensor constant)
    {
        var (a, b) = (values[node.A], values[node.B]);
        return Ops[node.Op] switch
        {
            "Add" => a + b,
            "Sub" => a - b,
            "Mul" => a * b,
            "Maximum" => tf.maximum(a, b),
            "Relu" => tf.nn.relu(a),
            "Tanh" => tf.tanh(a),
            "Neg" => -a,
            "Square" => tf.square(a),
            "AddScalar" => a + 0.5f,
            "Const" => a * (constant + 1f), // a constant subexpression to fold
            "Twice" => tf.tanh(a) + tf.tanh(a), // a duplicate subexpression to merge
            "Sigmoid" => tf.sigmoid(a),
            "Bias" => tf.nn.bias_add(a, constant), // a bias a following Relu may take into its step
            _ => a - tf.reduce_sum(a, axis: 1, keepdims: true), // a row broadcast fusion must leave alone
        };
    }

    private static float[][] RunWith(PlanPasses passes, (Node[] Program, int Rows, int Cols, int Seed) c)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x1 = tf.placeholder(tf.float32, [-1, c.Cols]);
            var x2 = tf.placeholder(tf.float32, [-1, c.Cols]);
            var constant = tf.constant(Enumerable.Range(0, c.Cols).Select(i => (float)(i % 3) / 4).ToArray());
            var values = new List<Tensor> { x1, x2 };
            foreach (var node in c.Program)
            {
                values.Add(Apply(node, values, constant));
            }

            var r = new Random(c.Seed);
            NDArray Draw() => NDArray.FromArray(Enumerable.Range(0, c.Rows * c.Cols).Select(_ => (float)((r.NextDouble() * 2) - 1)).ToArray(), c.Rows, c.Cols);
            var feed = new FeedDict { [x1] = Draw(), [x2] = Draw() };
            using var sess = new Session(g);
            sess.State.Passes = passes;
            // Fetch the last value and one intermediate, twice, so the plan is reused and fetches stay intact.
            var fetches = new[] { values[^1], values[Math.Min(2, values.Count - 1)] };
            sess.Run(fetches, feed);
            return sess.Run(fetches, feed).Select(v => v.ToArray<float>()).ToArray();
        }
    }

    [Theory]
    [InlineData((int)PlanPasses.FoldConstants)]
    [InlineData((int)PlanPasses.MergeCommonSubexpressions)]
    [InlineData((int)(PlanPasses.MergeCommonSubexpressions | PlanPasses.RemoveDeadSteps))]
    [InlineData((int)PlanPasses.FuseElementwise)]
    [InlineData((int)PlanPasses.InPlace)]
    [InlineData((int)(PlanPasses.AccumulateProducts | PlanPasses.InPlace))]
    [InlineData((int)(PlanPasses.FoldBiasActivation | PlanPasses.InPlace))]
    [InlineData((int)PlanPasses.All)]
    public void Optimized_plans_of_random_DAGs_match_the_plain_plan(int passBits)
    {
        var passes = (PlanPasses)passBits;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true), Prop.ForAll(Arb.From(Cases), c =>
        {
            var expected = RunWith(PlanPasses.None, c);
            var actual = RunWith(passes, c);
            for (int f = 0; f < expected.Length; f++)
            {
                Assert.Equal(expected[f].Length, actual[f].Length);
                for (int i = 0; i < expected[f].Length; i++)
                {
                    float e = expected[f][i], a = actual[f][i];
                    Assert.True(float.IsNaN(e) ? float.IsNaN(a) : Math.Abs(e - a) <= 1e-5f * Math.Max(1, Math.Abs(e)),
                        $"{passes}: program [{string.Join(", ", c.Program.Select(p => $"{Ops[p.Op]}({p.A},{p.B})"))}] {c.Rows}x{c.Cols}: fetch {f}[{i}] {a} vs {e}");
                }
            }
        }));
    }
}

/// <summary>What each pass does to a plan's steps, on graphs small enough to count by hand.</summary>
public class PlanPassShapeTests
{
    private static StaticGraph.Execution.Plan Compile(Graph g, Tensor fetch, Tensor[] feeds) =>
        StaticGraph.Execution.Compiler.Compile(g, [fetch], [], feeds, new StaticGraph.Execution.SessionState());

    [Fact]
    public void Relu_of_a_times_b_plus_c_becomes_one_fused_step()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (a, b, c) = (tf.placeholder(tf.float32, [17]), tf.placeholder(tf.float32, [17]), tf.placeholder(tf.float32, [17]));
            var plan = Compile(g, tf.nn.relu((a * b) + c), [a, b, c]);
            Assert.Single(plan.Steps);
            Assert.Equal(3, plan.Steps[0].Inputs.Length);
        }
    }

    [Fact]
    public void A_duplicate_subexpression_and_a_constant_product_leave_one_step_each()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [7, 3]);
            var k = tf.constant(2f) * tf.constant(3f); // folded to 6
            var y = tf.matmul(x, tf.ones([3, 3])) + tf.matmul(x, tf.ones([3, 3])) * k;
            var plan = Compile(g, y, [x]);
            // ones (one Const after merging), MatMul (merged), k (folded; its inputs dropped), Mul+Add fused.
            Assert.Equal(4, plan.Steps.Length);
            using var sess = new Session(g);
            var got = sess.Run(y, new FeedDict { [x] = NDArray.FromArray(Enumerable.Repeat(1f, 21).ToArray(), 7, 3) });
            Assert.All(got.ToArray<float>(), v => Assert.Equal(3f + (3f * 6f), v));
        }
    }

    [Theory]
    [InlineData(1, 128, 128)] // a [1] operand broadcast beside full ones: the fused loop reads it as a scalar
    [InlineData(1, 1, 128)]   // two single elements meet in one node: the steps run unfused
    [InlineData(128, 128, 1)] // the single element is the added one
    [InlineData(1, 1, 1)]     // everything one element: the output is [1]
    public void Fused_steps_broadcast_single_element_operands_the_static_shapes_left_open(int na, int nb, int nc)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (a, b, c) = (tf.placeholder(tf.float32, [-1]), tf.placeholder(tf.float32, [-1]), tf.placeholder(tf.float32, [-1]));
            var y = tf.nn.relu((a * b) + c) - tf.exp(b);
            float[] Values(int n, float scale) => [.. Enumerable.Range(0, n).Select(i => scale * ((i % 7) - 3))];
            var feed = new FeedDict
            {
                [a] = NDArray.FromArray(Values(na, 0.5f), na), [b] = NDArray.FromArray(Values(nb, 0.25f), nb), [c] = NDArray.FromArray(Values(nc, 1f), nc),
            };
            using var fused = new Session(g);
            using var plain = new Session(g);
            plain.State.Passes = PlanPasses.None;
            var expected = plain.Run(y, feed);
            for (int run = 0; run < 3; run++) // a steady state reuses the detached output buffer
            {
                var got = fused.Run(y, feed);
                Assert.Equal(expected.Shape, got.Shape);
                Assert.Equal(expected.ToArray<float>(), got.ToArray<float>());
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(255, 1)]
    [InlineData(16383, 1)]          // one element short of a fused block
    [InlineData(16385, 1)]          // one past it: a one-element second block
    [InlineData(50001, 1)]
    [InlineData((1 << 20) + 17, 2)] // split across two workers, the last block short
    public void A_fused_chain_matches_the_unfused_steps_across_block_and_worker_boundaries(int n, int threads)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var (a, b, c) = (tf.placeholder(tf.float32, [n]), tf.placeholder(tf.float32, [n]), tf.placeholder(tf.float32, [n]));
            var y = tf.nn.relu((a * b) + c) - (tf.tanh(a) * 0.5f);
            float[] Values(int seed) => [.. Enumerable.Range(0, n).Select(i => (float)Math.Sin((i * 0.37) + seed))];
            var feed = new FeedDict
            {
                [a] = NDArray.FromArray(Values(1), n), [b] = NDArray.FromArray(Values(2), n), [c] = NDArray.FromArray(Values(3), n),
            };
            using var fused = new Session(g, new ConfigProto { IntraOpParallelismThreads = threads });
            using var plain = new Session(g);
            plain.State.Passes = PlanPasses.None;
            Assert.Equal(plain.Run(y, feed).ToArray<float>(), fused.Run(y, feed).ToArray<float>());
        }
    }

    public static TheoryData<string, int> RegisterOps()
    {
        var data = new TheoryData<string, int>();
        foreach (var op in new[] { "add", "sub", "mul", "div", "maximum", "minimum", "neg", "square", "relu", "chain" })
        {
            foreach (int n in new[] { 63, 64, 65, 1023, 16385 })
            {
                data.Add(op, n);
            }
        }

        return data;
    }

    // Each op with a register form, on special values (NaN, signed zeros, infinities, subnormals) and on sizes around
    // the 64-element chunk: the fused loop (chunks in registers, the tail in blocks) agrees bit for bit with the ops
    // run one by one, in float32 and float64, with a scalar operand broadcast alongside.
    [Theory]
    [MemberData(nameof(RegisterOps))]
    public void Ops_a_fused_loop_runs_in_registers_match_the_unfused_steps_bit_for_bit(string op, int n)
    {
        float[] special = [float.NaN, -0f, 0f, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, -1e-40f, 1f, -2.5f, 3e38f];
        foreach (var dtype in new[] { tf.float32, tf.float64 })
        {
            var g = new Graph();
            using (g.AsDefault())
            {
                var (a, b) = (tf.placeholder(dtype, [n]), tf.placeholder(dtype, [n]));
                var k = tf.cast(tf.constant(0.75f), dtype);
                Tensor y = op switch
                {
                    "add" => (a + b) * k,
                    "sub" => (a - b) - k,
                    "mul" => a * b * k,
                    "div" => (a / b) / k,
                    "maximum" => tf.maximum(tf.maximum(a, b), k),
                    "minimum" => tf.minimum(tf.minimum(a, b), k),
                    "neg" => -(a + k),
                    "square" => tf.square(a) + b,
                    "relu" => tf.nn.relu(a) - tf.nn.relu(b),
                    _ => tf.nn.relu((a * b) + (tf.square(a - k) / b)) - tf.minimum(-a, b),
                };
                NDArray Draw(int seed)
                {
                    var r = new Random(seed);
                    var values = Enumerable.Range(0, n).Select(i => r.Next(3) == 0 ? special[r.Next(special.Length)] : (float)((r.NextDouble() * 8) - 4)).ToArray();
                    return NDArray.FromArray(values, n).AsType(dtype);
                }

                var feed = new FeedDict { [a] = Draw(1), [b] = Draw(2) };
                using var fused = new Session(g);
                using var plain = new Session(g);
                plain.State.Passes = PlanPasses.None;
                var (expected, got) = (plain.Run(y, feed).AsType(tf.float64).ToArray<double>(), fused.Run(y, feed).AsType(tf.float64).ToArray<double>());
                for (int i = 0; i < n; i++)
                {
                    Assert.True(expected[i].Equals(got[i]) && double.IsNegative(expected[i]) == double.IsNegative(got[i]),
                        $"{op} {dtype} [{n}] element {i}: fused {got[i]} vs unfused {expected[i]}");
                }
            }
        }
    }

    // Reshape, ExpandDims, Squeeze and a Sum over fed axes, each the last reader of its input: planned into the
    // input's buffer (no copy) when the element counts agree at run time, given a buffer of their own when the Sum
    // does reduce, and never in place over a value the caller also fetches. Runs alternate the two kinds of axes.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reshapes_and_a_sum_over_no_axes_run_in_their_input_s_buffer_and_match_the_plain_plan(bool fetchIntermediate)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var x = tf.placeholder(tf.float32, [-1, 6]);
            var axes = tf.placeholder(tf.int32, [-1]);
            var r = tf.reshape(x * 2f, tf.constant(new[] { -1, 3, 2 }));
            var q = tf.squeeze(tf.expand_dims(r, 0), [0]);
            var s = StaticGraph.Ops.ReduceOps.Reduce("Sum", q, axes, false, null);
            var y = s + 1f;
            Tensor[] fetches = fetchIntermediate ? [y, r] : [y];

            var plan = StaticGraph.Execution.Compiler.Compile(g, fetches, [], [x, axes], new StaticGraph.Execution.SessionState());
            var anyShape = plan.Steps.Where(st => st.InPlaceAnyShape).Select(st => st.Op.Type).ToArray();
            Assert.Equal(fetchIntermediate ? ["Reshape", "Squeeze", "Sum"] : ["Reshape", "ExpandDims", "Squeeze", "Sum"], anyShape); // a fetched r keeps its own buffer

            using var fused = new Session(g);
            using var plain = new Session(g);
            plain.State.Passes = PlanPasses.None;
            for (int run = 0; run < 4; run++)
            {
                int rows = 2 + run;
                var feed = new FeedDict
                {
                    [x] = NDArray.FromArray(Enumerable.Range(0, rows * 6).Select(i => (float)(i * (run + 1))).ToArray(), rows, 6),
                    [axes] = run % 2 == 0 ? NDArray.FromArray(Array.Empty<int>(), 0) : NDArray.FromArray(new[] { 1 }, 1),
                };
                var (expected, got) = (plain.Run(fetches, feed), fused.Run(fetches, feed));
                for (int f = 0; f < fetches.Length; f++)
                {
                    Assert.Equal(expected[f].Shape, got[f].Shape);
                    Assert.Equal(expected[f].ToArray<float>(), got[f].ToArray<float>());
                }
            }
        }
    }
}
