using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

// Seeded sampling on RandomOps' generator and TF1 seed rules: RandomShuffle (a permutation along dimension 0) and
// Multinomial (class indices drawn from softmax(logits), row by row).
internal static partial class SpecialMathOps
{
    private static IEnumerable<OpDef> RandomDefs => [RandomShuffleOp, MultinomialOp];

    private static Dictionary<string, object> SeedDefaults => new() { ["seed"] = 0L, ["seed2"] = 0L };

    /// <summary>y = x with its slices along dimension 0 in a uniformly random order (Fisher–Yates).</summary>
    public static readonly OpDef RandomShuffleOp = new("RandomShuffle", ArrayOps.SameAsInput,
        b =>
        {
            var rng = b.Resource(() => new RandomOps.Rng(b.Attr("seed", 0L), b.Attr("seed2", 0L)));
            return ctx =>
            {
                var x = ctx.Input(0);
                var y = ctx.Output(0, x.Shape);
                int n = x.Rank == 0 ? 1 : x.Shape[0];
                int row = n == 0 ? 0 : x.Size / n;
                var order = new int[n];
                for (int i = 0; i < n; i++)
                {
                    order[i] = i;
                }

                lock (rng)
                {
                    for (int i = n - 1; i > 0; i--)
                    {
                        int j = (int)(rng.NextDouble() * (i + 1));
                        (order[i], order[j]) = (order[j], order[i]);
                    }
                }

                for (int i = 0; i < n; i++)
                {
                    Array.Copy(x.RawData, order[i] * row, y.RawData, i * row, row);
                }
            };
        })
    {
        Inputs = ["value: T"], Outputs = ["output: T"],
        IsStateful = true,
        NoGradient = "a random permutation",
        AttrDefaults = SeedDefaults,
    };

    /// <summary>y[b, s] = a class index drawn with probability softmax(logits[b])ᵢ, independently per sample.</summary>
    public static readonly OpDef MultinomialOp = new("Multinomial",
        ctx =>
        {
            ctx.ExpectInputs(2);
            ctx.ExpectDType(0, Floating);
            ctx.ExpectDType(1, DType.Int32);
            ctx.ExpectRank(0, 2);
            ctx.ExpectRank(1, 0);
            var outType = ctx.Attr("output_dtype", DType.Int64);
            if (outType != DType.Int32 && outType != DType.Int64)
            {
                throw ctx.Error($"output_dtype must be int32 or int64, got {outType}");
            }

            var samples = ctx.Constant(1);
            int batch = ctx.Shape(0).HasRank ? ctx.Shape(0)[0] : -1;
            return InferContext.One(outType, new Shape(batch, samples is null ? -1 : ConstantFolding.ToInts(samples)[0]));
        },
        b =>
        {
            var rng = b.Resource(() => new RandomOps.Rng(b.Attr("seed", 0L), b.Attr("seed2", 0L)));
            bool int64 = b.OutputDType(0) == DType.Int64;
            return ctx =>
            {
                var logits = ctx.Input(0).AsType(DType.Float64).ToArray<double>();
                var shape = ctx.Input(0).Shape;
                int samples = ConstantFolding.ToInts(ctx.Input(1))[0];
                var (batch, classes) = (shape[0], shape[1]);
                if (samples < 0)
                {
                    throw new InvalidArgumentException($"num_samples should be nonnegative, got {samples}");
                }

                if (classes == 0 && batch > 0 && samples > 0)
                {
                    throw new InvalidArgumentException("num_classes should be positive, got 0");
                }

                var y = ctx.Output(0, new Shape(batch, samples));
                var cdf = new double[classes];
                lock (rng)
                {
                    for (int r = 0; r < batch; r++)
                    {
                        Cumulative(logits.AsSpan(r * classes, classes), cdf);
                        for (int s = 0; s < samples; s++)
                        {
                            int k = Draw(cdf, rng.NextDouble() * cdf[^1]);
                            if (int64)
                            {
                                y.AsSpan<long>()[(r * samples) + s] = k;
                            }
                            else
                            {
                                y.AsSpan<int>()[(r * samples) + s] = k;
                            }
                        }
                    }
                }
            };
        })
    {
        Inputs = ["logits: T", "num_samples: int32"], Outputs = ["output: output_dtype"],
        IsStateful = true,
        NoGradient = "random integer samples",
        AttrDefaults = new Dictionary<string, object> { ["seed"] = 0L, ["seed2"] = 0L, ["output_dtype"] = DType.Int64 },
    };

    public static Tensor RandomShuffle(Tensor value, int? seed, string? name)
    {
        var (s1, s2) = RandomOps.GetSeed(value.Graph, seed);
        return Out("RandomShuffle", name ?? "RandomShuffle", [value], ("seed", s1), ("seed2", s2), ("T", value.DType));
    }

    public static Tensor Multinomial(Tensor logits, Tensor numSamples, int? seed, DType outputDType, string? name)
    {
        var (s1, s2) = RandomOps.GetSeed(logits.Graph, seed);
        return Out("Multinomial", name ?? "Multinomial", [logits, numSamples],
            ("seed", s1), ("seed2", s2), ("T", logits.DType), ("output_dtype", outputDType));
    }

    // cdf[i] = Σⱼ≤ᵢ e^(logitⱼ - max): unnormalized, so a draw is U[0, cdf[^1]); -∞ logits get probability 0.
    private static void Cumulative(ReadOnlySpan<double> logits, double[] cdf)
    {
        double max = double.NegativeInfinity;
        foreach (double v in logits)
        {
            max = Math.Max(max, v);
        }

        double total = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            total += double.IsNegativeInfinity(logits[i]) ? 0 : Math.Exp(logits[i] - max);
            cdf[i] = total;
        }
    }

    // The first index whose cumulative weight exceeds u (binary search).
    private static int Draw(double[] cdf, double u)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (cdf[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
