using StaticGraph.Execution;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>Random tensors with TF1 seed semantics: RandomStandardNormal, TruncatedNormal, RandomUniform. Each node
/// keeps one generator per session, so every run draws new values and a fresh session with the same graph and
/// seeds repeats the sequence; seed = seed2 = 0 draws from a nondeterministic seed.</summary>
internal static class RandomOps
{
    public static IEnumerable<OpDef> Defs => [RandomStandardNormalOp, TruncatedNormalOp, RandomUniformOp];

    /// <summary>TF1's <c>DEFAULT_GRAPH_SEED</c>, used when only an op seed is given.</summary>
    private const int DefaultGraphSeed = 87654321;

    private static OpDef RandomOp(string name, Func<Rng, double> sample) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(1);
            ctx.ExpectDType(0, DType.Int32, DType.Int64);
            var dtype = ctx.Attr<DType>("dtype");
            if (!dtype.IsFloating)
            {
                throw ctx.Error($"dtype must be float32 or float64, got {dtype}");
            }

            var dims = ctx.Constant(0);
            int rank = ctx.Shape(0).HasRank && ctx.Shape(0).Rank == 1 ? ctx.Shape(0)[0] : -1;
            return InferContext.One(dtype, dims is not null ? Shape.Own(ConstantFolding.ToInts(dims))
                : rank >= 0 ? Shape.UnknownOfRank(rank) : Shape.Unknown);
        },
        b =>
        {
            var rng = b.Resource(() => new Rng(b.Attr("seed", 0L), b.Attr("seed2", 0L)));
            return ctx =>
            {
                var y = ctx.Output(0, Shape.Own(ConstantFolding.ToInts(ctx.Input(0))));
                lock (rng)
                {
                    if (y.RawData is float[] f)
                    {
                        for (int i = 0; i < y.Size; i++)
                        {
                            f[i] = (float)sample(rng);
                        }
                    }
                    else
                    {
                        var d = y.AsSpan<double>();
                        for (int i = 0; i < d.Length; i++)
                        {
                            d[i] = sample(rng);
                        }
                    }
                }
            };
        })
    {
        Inputs = ["shape: T"], Outputs = ["output: dtype"],
        IsStateful = true,
        NoGradient = "random values independent of the shape input's values",
        AttrDefaults = new Dictionary<string, object> { ["seed"] = 0L, ["seed2"] = 0L },
    };

    /// <summary>y ~ N(0, 1).</summary>
    public static readonly OpDef RandomStandardNormalOp = RandomOp("RandomStandardNormal", r => r.NextNormal());

    /// <summary>y ~ N(0, 1) restricted to |y| ≤ 2 (values further out are redrawn).</summary>
    public static readonly OpDef TruncatedNormalOp = RandomOp("TruncatedNormal", r =>
    {
        double v;
        do
        {
            v = r.NextNormal();
        }
        while (Math.Abs(v) > 2.0);
        return v;
    });

    /// <summary>y ~ U[0, 1).</summary>
    public static readonly OpDef RandomUniformOp = RandomOp("RandomUniform", r => r.NextDouble());

    /// <summary>TF1's <c>get_seed</c>: the (graph seed, op seed) pair an op stores as seed/seed2.</summary>
    public static (long Seed, long Seed2) GetSeed(Graph graph, int? opSeed)
    {
        if (graph.Seed is int g)
        {
            // TF1 maps (0, 0), which the kernels read as "nondeterministic", to (0, 2**31 - 1).
            return (g, opSeed ?? graph.OperationCount) is (0, 0) ? (0, int.MaxValue) : (g, opSeed ?? graph.OperationCount);
        }

        return opSeed is int o ? (DefaultGraphSeed, o) : (0, 0);
    }

    /// <summary>A raw random op over the shape vector <paramref name="dims"/>; the op seed is taken when the op is
    /// built, after its helper constants, as TF1 does.</summary>
    public static Tensor Random(string type, Tensor dims, DType dtype, int? seed, string? name)
    {
        var (s1, s2) = GetSeed(dims.Graph, seed);
        return Out(type, name ?? type, [dims], ("seed", s1), ("seed2", s2), ("dtype", dtype), ("T", dims.DType));
    }

    /// <summary>xoshiro256** seeded through SplitMix64 from (seed, seed2); a Box–Muller normal with one spare.</summary>
    internal sealed class Rng
    {
        private ulong _s0, _s1, _s2, _s3;
        private double? _spare;

        public Rng(long seed, long seed2)
        {
            ulong x = seed == 0 && seed2 == 0
                ? BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))
                : ((ulong)seed * 0x9E3779B97F4A7C15UL) ^ (ulong)seed2;
            _s0 = SplitMix(ref x);
            _s1 = SplitMix(ref x);
            _s2 = SplitMix(ref x);
            _s3 = SplitMix(ref x);
        }

        private static ulong SplitMix(ref ulong x)
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public ulong NextUInt64()
        {
            ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }

        /// <summary>U[0, 1) with 53 random bits.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public double NextNormal()
        {
            if (_spare is double s)
            {
                _spare = null;
                return s;
            }

            double u1 = 1.0 - NextDouble(), u2 = NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            _spare = r * Math.Sin(2 * Math.PI * u2);
            return r * Math.Cos(2 * Math.PI * u2);
        }
    }
}
