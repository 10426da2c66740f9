using System.Numerics;
using StaticGraph.Execution;
using StaticGraph.Kernels;
using static StaticGraph.Ops.OpBuilder;

namespace StaticGraph.Ops;

/// <summary>In-place state updates of elements [start, end): <paramref name="state"/> holds the variable then its
/// slots, <paramref name="scalars"/> the op's scalar inputs in TF's order. Each element's update reads only that
/// element, so disjoint ranges may run on different cores.</summary>
internal delegate void ApplyUpdate<T>(T[][] state, ReadOnlySpan<T> grad, ReadOnlySpan<T> scalars, int start, int end);

/// <summary>
/// TF's optimizer update ops (ApplyGradientDescent, ApplyMomentum, ApplyAdam, ApplyRMSProp, ApplyCenteredRMSProp,
/// ApplyAdagrad, ApplyAdadelta, ApplyFtrl): each updates a variable and its slots in place and outputs the
/// variable, so imported TF training graphs run too. Inputs follow TF's order: refs, then scalars and the gradient.
/// </summary>
internal static class TrainingOps
{
    public static IEnumerable<OpDef> Defs =>
    [
        ApplyGradientDescentOp, ApplyMomentumOp, ApplyAdamOp, ApplyRMSPropOp, ApplyCenteredRMSPropOp, ApplyAdagradOp,
        ApplyAdadeltaOp, ApplyFtrlOp,
    ];

    /// <summary>Defines an update op: which inputs are refs (variable and slots), which are scalars, which is the
    /// gradient, and the update for float32 and float64.</summary>
    private static OpDef Apply(string name, int refs, int[] scalars, int grad, ApplyUpdate<float> f32, ApplyUpdate<double> f64,
        Dictionary<string, object>? defaults = null) => new(name,
        ctx =>
        {
            ctx.ExpectInputs(refs + scalars.Length + 1);
            var dtype = ctx.SameDType();
            ctx.ExpectDType(0, DType.Float32, DType.Float64);
            for (int i = 1; i < refs; i++)
            {
                if (!ctx.Shape(i).IsCompatibleWith(ctx.Shape(0)))
                {
                    throw ctx.Error($"slot input {i} has shape {ctx.Shape(i)} but the variable has shape {ctx.Shape(0)}");
                }
            }

            foreach (int s in scalars)
            {
                if (ctx.Shape(s).HasRank && ctx.Shape(s).Rank != 0)
                {
                    throw ctx.Error($"input {s} must be a scalar, got shape {ctx.Shape(s)}");
                }
            }

            if (!ctx.Shape(grad).IsCompatibleWith(ctx.Shape(0)))
            {
                throw ctx.Error($"the gradient has shape {ctx.Shape(grad)} but the variable has shape {ctx.Shape(0)}");
            }

            return InferContext.One(dtype, ctx.Shape(0));
        },
        b => Dispatch.On(b, b.InputDType(0),
            f32: () => Kernel(b, refs, scalars, grad, f32),
            f64: () => Kernel(b, refs, scalars, grad, f64)))
    {
        IsStateful = true,
        NoGradient = "a state update",
        AttrDefaults = defaults ?? new Dictionary<string, object> { ["use_locking"] = false },
    };

    private static Kernel Kernel<T>(KernelBuild b, int refs, int[] scalars, int grad, ApplyUpdate<T> update)
        where T : unmanaged
    {
        var cells = Enumerable.Range(0, refs).Select(i => StateOps.Cell(b, b.Op.Inputs[i])).ToArray();
        var state = new T[refs][]; // filled and used only under the first cell's lock, so runs may share it
        var c = new T[scalars.Length]; // likewise
        int threads = b.Threads;
        return ctx =>
        {
            var g = ctx.Input(grad);
            lock (cells[0].Lock)
            {
                for (int i = 0; i < scalars.Length; i++)
                {
                    c[i] = ctx.Input(scalars[i]).Item<T>();
                }

                for (int i = 0; i < refs; i++)
                {
                    var value = cells[i].Value ?? throw new FailedPreconditionException(
                        $"Attempting to use uninitialized value {b.Op.Inputs[i].Op.Name}");
                    if (!value.Shape.Equals(g.Shape))
                    {
                        throw new InvalidArgumentException(
                            $"{b.Op.Type}: '{b.Op.Inputs[i].Op.Name}' has shape {value.Shape} but the gradient has shape {g.Shape}");
                    }

                    state[i] = value.Data<T>();
                }

                // A large variable's update is memory-bound: a few bytes moved per element for each array it touches.
                int workers = Parallelism.Workers((long)g.Size * 4 * (refs + 1), threads, g.Size);
                if (workers <= 1)
                {
                    update(state, g.AsSpan<T>(), c, 0, g.Size);
                }
                else
                {
                    Parallelism.Ranges(g.Size, workers, new UpdateJob<T>(update, state, g, c));
                }

                ctx.SetOutput(0, cells[0].Value);
            }
        };
    }

    /// <summary>One worker's range of an update.</summary>
    private readonly struct UpdateJob<T>(ApplyUpdate<T> update, T[][] state, NDArray grad, T[] scalars) : IRangeJob
        where T : unmanaged
    {
        public void Run(int worker, int start, int end) => update(state, grad.AsSpan<T>(), scalars, start, end);
    }

    /// <summary>var -= alpha · delta.</summary>
    public static readonly OpDef ApplyGradientDescentOp = Apply("ApplyGradientDescent", 1, [1], 2, GradientDescent, GradientDescent)
        with { Inputs = ["var: Ref(T)", "alpha: T", "delta: T"], Outputs = ["out: Ref(T)"] };

    private static void GradientDescent<T>(T[][] s, ReadOnlySpan<T> g, ReadOnlySpan<T> c, int start, int end) where T : IFloatingPointIeee754<T>
    {
        T alpha = c[0];
        var v = s[0];
        int i = start;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var va = new Vector<T>(alpha);
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
            {
                (new Vector<T>(v, i) - (va * new Vector<T>(g[i..]))).CopyTo(v, i); // as the scalar loop, a vector at a time
            }
        }

        for (; i < end; i++)
        {
            v[i] -= alpha * g[i];
        }
    }

    /// <summary>accum = accum · momentum + g; var -= lr · accum (Nesterov: var -= lr · g + lr · momentum · accum).</summary>
    public static readonly OpDef ApplyMomentumOp =
        Apply("ApplyMomentum", 2, [2, 4], 3, Momentum<float>(false), Momentum<double>(false)) with
    {
        Inputs = ["var: Ref(T)", "accum: Ref(T)", "lr: T", "grad: T", "momentum: T"], Outputs = ["out: Ref(T)"],
        Kernel = b => b.Attr("use_nesterov", false)
            ? Dispatch.On(b, b.InputDType(0), f32: () => Kernel(b, 2, [2, 4], 3, Momentum<float>(true)), f64: () => Kernel(b, 2, [2, 4], 3, Momentum<double>(true)))
            : Dispatch.On(b, b.InputDType(0), f32: () => Kernel(b, 2, [2, 4], 3, Momentum<float>(false)), f64: () => Kernel(b, 2, [2, 4], 3, Momentum<double>(false))),
        AttrDefaults = new Dictionary<string, object> { ["use_locking"] = false, ["use_nesterov"] = false },
    };

    // Inputs: var, accum, lr, grad, momentum.
    private static ApplyUpdate<T> Momentum<T>(bool nesterov) where T : IFloatingPointIeee754<T> => (s, g, c, start, end) =>
    {
        T lr = c[0], momentum = c[1];
        var (v, accum) = (s[0], s[1]);
        int i = start;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            // The scalar loop's operations in its order, a vector at a time (bit-identical results).
            var (vlr, vmom) = (new Vector<T>(lr), new Vector<T>(momentum));
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var ai = (new Vector<T>(accum, i) * vmom) + gi;
                ai.CopyTo(accum, i);
                (new Vector<T>(v, i) - (nesterov ? (vlr * gi) + (vlr * vmom * ai) : vlr * ai)).CopyTo(v, i);
            }
        }

        for (; i < end; i++)
        {
            accum[i] = (accum[i] * momentum) + g[i];
            v[i] -= nesterov ? (lr * g[i]) + (lr * momentum * accum[i]) : lr * accum[i];
        }
    };

    /// <summary>lr_t = lr·√(1-β₂ᵗ)/(1-β₁ᵗ); m = β₁m + (1-β₁)g; v = β₂v + (1-β₂)g²; var -= lr_t·m/(√v + ε).</summary>
    public static readonly OpDef ApplyAdamOp =
        Apply("ApplyAdam", 3, [3, 4, 5, 6, 7, 8], 9, Adam<float>(false), Adam<double>(false)) with
    {
        Inputs = ["var: Ref(T)", "m: Ref(T)", "v: Ref(T)", "beta1_power: T", "beta2_power: T", "lr: T", "beta1: T", "beta2: T", "epsilon: T", "grad: T"], Outputs = ["out: Ref(T)"],
        Kernel = b => b.Attr("use_nesterov", false)
            ? Dispatch.On(b, b.InputDType(0), f32: () => Kernel(b, 3, [3, 4, 5, 6, 7, 8], 9, Adam<float>(true)), f64: () => Kernel(b, 3, [3, 4, 5, 6, 7, 8], 9, Adam<double>(true)))
            : Dispatch.On(b, b.InputDType(0), f32: () => Kernel(b, 3, [3, 4, 5, 6, 7, 8], 9, Adam<float>(false)), f64: () => Kernel(b, 3, [3, 4, 5, 6, 7, 8], 9, Adam<double>(false))),
        AttrDefaults = new Dictionary<string, object> { ["use_locking"] = false, ["use_nesterov"] = false },
    };

    // Inputs: var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad.
    private static ApplyUpdate<T> Adam<T>(bool nesterov) where T : IFloatingPointIeee754<T> => (s, g, c, start, end) =>
    {
        T beta1Power = c[0], beta2Power = c[1], lr = c[2], beta1 = c[3], beta2 = c[4], epsilon = c[5];
        T lrT = lr * T.Sqrt(T.One - beta2Power) / (T.One - beta1Power);
        var (v, m, vv) = (s[0], s[1], s[2]);
        int i = start;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            // The same operations in the same order as the scalar loop below, a vector of elements at a time (no
            // fused multiply-adds), so both give bit-identical results.
            var (keep1, keep2, vb1, vlr, veps) = (new Vector<T>(T.One - beta1), new Vector<T>(T.One - beta2), new Vector<T>(beta1), new Vector<T>(lrT), new Vector<T>(epsilon));
            for (; i <= end - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g[i..]);
                var mi = new Vector<T>(m, i);
                var vvi = new Vector<T>(vv, i);
                mi += (gi - mi) * keep1;
                vvi += ((gi * gi) - vvi) * keep2;
                var direction = nesterov ? (mi * vb1) + (keep1 * gi) : mi;
                (new Vector<T>(v, i) - (vlr * direction / (Vector.SquareRoot(vvi) + veps))).CopyTo(v, i);
                mi.CopyTo(m, i);
                vvi.CopyTo(vv, i);
            }
        }

        for (; i < end; i++)
        {
            m[i] += (g[i] - m[i]) * (T.One - beta1);
            vv[i] += ((g[i] * g[i]) - vv[i]) * (T.One - beta2);
            T direction = nesterov ? (m[i] * beta1) + ((T.One - beta1) * g[i]) : m[i];
            v[i] -= lrT * direction / (T.Sqrt(vv[i]) + epsilon);
        }
    };

    /// <summary>ms = ρ·ms + (1-ρ)g²; mom = momentum·mom + lr·g/√(ms + ε); var -= mom.</summary>
    public static readonly OpDef ApplyRMSPropOp = Apply("ApplyRMSProp", 3, [3, 4, 5, 6], 7, RmsProp, RmsProp)
        with { Inputs = ["var: Ref(T)", "ms: Ref(T)", "mom: Ref(T)", "lr: T", "rho: T", "momentum: T", "epsilon: T", "grad: T"], Outputs = ["out: Ref(T)"] };

    // Inputs: var, ms, mom, lr, rho, momentum, epsilon, grad.
    private static void RmsProp<T>(T[][] s, ReadOnlySpan<T> g, ReadOnlySpan<T> c, int start, int end) where T : IFloatingPointIeee754<T>
    {
        T lr = c[0], rho = c[1], momentum = c[2], epsilon = c[3];
        var (v, ms, mom) = (s[0], s[1], s[2]);
        for (int i = start; i < end; i++)
        {
            ms[i] += ((g[i] * g[i]) - ms[i]) * (T.One - rho);
            mom[i] = (mom[i] * momentum) + (lr * g[i] / T.Sqrt(ms[i] + epsilon));
            v[i] -= mom[i];
        }
    }

    /// <summary>mg = ρ·mg + (1-ρ)g; ms = ρ·ms + (1-ρ)g²; mom = momentum·mom + lr·g/√(ms - mg² + ε); var -= mom.</summary>
    public static readonly OpDef ApplyCenteredRMSPropOp = Apply("ApplyCenteredRMSProp", 4, [4, 5, 6, 7], 8, CenteredRmsProp, CenteredRmsProp)
        with { Inputs = ["var: Ref(T)", "mg: Ref(T)", "ms: Ref(T)", "mom: Ref(T)", "lr: T", "rho: T", "momentum: T", "epsilon: T", "grad: T"], Outputs = ["out: Ref(T)"] };

    // Inputs: var, mg, ms, mom, lr, rho, momentum, epsilon, grad.
    private static void CenteredRmsProp<T>(T[][] s, ReadOnlySpan<T> g, ReadOnlySpan<T> c, int start, int end) where T : IFloatingPointIeee754<T>
    {
        T lr = c[0], rho = c[1], momentum = c[2], epsilon = c[3];
        var (v, mg, ms, mom) = (s[0], s[1], s[2], s[3]);
        for (int i = start; i < end; i++)
        {
            ms[i] += ((g[i] * g[i]) - ms[i]) * (T.One - rho);
            mg[i] += (g[i] - mg[i]) * (T.One - rho);
            mom[i] = (mom[i] * momentum) + (lr * g[i] / T.Sqrt(ms[i] - (mg[i] * mg[i]) + epsilon));
            v[i] -= mom[i];
        }
    }

    /// <summary>accum += g²; var -= lr·g/√accum.</summary>
    public static readonly OpDef ApplyAdagradOp = Apply("ApplyAdagrad", 2, [2], 3, Adagrad, Adagrad,
        new Dictionary<string, object> { ["use_locking"] = false, ["update_slots"] = true })
        with { Inputs = ["var: Ref(T)", "accum: Ref(T)", "lr: T", "grad: T"], Outputs = ["out: Ref(T)"] };

    // Inputs: var, accum, lr, grad.
    private static void Adagrad<T>(T[][] s, ReadOnlySpan<T> g, ReadOnlySpan<T> c, int start, int end) where T : IFloatingPointIeee754<T>
    {
        T lr = c[0];
        var (v, accum) = (s[0], s[1]);
        for (int i = start; i < end; i++)
        {
            accum[i] += g[i] * g[i];
            v[i] -= lr * g[i] / T.Sqrt(accum[i]);
        }
    }

    /// <summary>accum = ρ·accum + (1-ρ)g²; u = √(accum_update + ε)/√(accum + ε)·g;
    /// accum_update = ρ·accum_update + (1-ρ)u²; var -= lr·u.</summary>
    public static readonly OpDef ApplyAdadeltaOp = Apply("ApplyAdadelta", 3, [3, 4, 5], 6, Adadelta, Adadelta)
        with { Inputs = ["var: Ref(T)", "accum: Ref(T)", "accum_update: Ref(T)", "lr: T", "rho: T", "epsilon: T", "grad: T"], Outputs = ["out: Ref(T)"] };

    // Inputs: var, accum, accum_update, lr, rho, epsilon, grad.
    private static void Adadelta<T>(T[][] s, ReadOnlySpan<T> g, ReadOnlySpan<T> c, int start, int end) where T : IFloatingPointIeee754<T>
    {
        T lr = c[0], rho = c[1], epsilon = c[2];
        var (v, accum, accumUpdate) = (s[0], s[1], s[2]);
        for (int i = start; i < end; i++)
        {
            accum[i] = (accum[i] * rho) + ((g[i] * g[i]) * (T.One - rho));
            T update = T.Sqrt(accumUpdate[i] + epsilon) / T.Sqrt(accum[i] + epsilon) * g[i];
            accumUpdate[i] = (accumUpdate[i] * rho) + ((update * update) * (T.One - rho));
            v[i] -= update * lr;
        }
    }

    /// <summary>FTRL-proximal: accum' = accum + g²; linear += g - (accum'^-p - accum^-p)/lr · var;
    /// quadratic = accum'^-p/lr + 2·l2; var = |linear| > l1 ? (sign(linear)·l1 - linear)/quadratic : 0.</summary>
    public static readonly OpDef ApplyFtrlOp = Apply("ApplyFtrl", 3, [4, 5, 6, 7], 3, Ftrl, Ftrl)
        with { Inputs = ["var: Ref(T)", "accum: Ref(T)", "linear: Ref(T)", "grad: T", "lr: T", "l1: T", "l2: T", "lr_power: T"], Outputs = ["out: Ref(T)"] };

    // Inputs: var, accum, linear, grad, lr, l1, l2, lr_power.
    private static void Ftrl<T>(T[][] s, ReadOnlySpan<T> g, ReadOnlySpan<T> c, int start, int end) where T : IFloatingPointIeee754<T>
    {
        T lr = c[0], l1 = c[1], l2 = c[2], lrPower = c[3];
        var (v, accum, linear) = (s[0], s[1], s[2]);
        T two = T.One + T.One;
        for (int i = start; i < end; i++)
        {
            T accumNew = accum[i] + (g[i] * g[i]);
            linear[i] += g[i] - ((T.Pow(accumNew, -lrPower) - T.Pow(accum[i], -lrPower)) / lr * v[i]);
            T quadratic = (T.Pow(accumNew, -lrPower) / lr) + (two * l2);
            v[i] = T.Abs(linear[i]) > l1 ? ((T.CopySign(l1, linear[i]) - linear[i]) / quadratic) : T.Zero;
            accum[i] = accumNew;
        }
    }

    /// <summary>Builds an update op node: <paramref name="inputs"/> in TF's order.</summary>
    public static Operation Update(string type, Tensor[] inputs, string? name, params (string Name, object Value)[] attrs) =>
        Op(type, name ?? type, inputs, [("T", inputs[0].DType), ("use_locking", false), .. attrs]);
}
