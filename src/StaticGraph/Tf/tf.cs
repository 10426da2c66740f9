using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// The TensorFlow-1 facade, spelled like TF1 Python (<c>tf.placeholder</c>, <c>tf.reduce_mean</c>, ...). Every
/// member is a one-line forward to the op families and objects that implement it.
/// </summary>
public static partial class tf
{
    /// <summary>32-bit float.</summary>
    public static readonly DType float32 = DType.Float32;

    /// <summary>64-bit float.</summary>
    public static readonly DType float64 = DType.Float64;

    /// <summary>Alias of float64.</summary>
    public static readonly DType @double = DType.Float64;

    /// <summary>32-bit integer.</summary>
    public static readonly DType int32 = DType.Int32;

    /// <summary>64-bit integer.</summary>
    public static readonly DType int64 = DType.Int64;

    /// <summary>8-bit unsigned integer.</summary>
    public static readonly DType uint8 = DType.UInt8;

    /// <summary>Boolean.</summary>
    public static readonly DType @bool = DType.Bool;

    /// <summary>Byte string.</summary>
    public static readonly DType @string = DType.String;

    // ---- graphs, sessions, scopes ----

    /// <summary>A new empty graph.</summary>
    public static Graph Graph() => new();

    /// <summary>The default graph.</summary>
    public static Graph get_default_graph() => StaticGraph.Graph.Default;

    /// <summary>Replaces the default graph with a new empty one.</summary>
    public static void reset_default_graph() => StaticGraph.Graph.ResetDefault();

    /// <summary>A session on the default graph.</summary>
    public static Session Session() => new();

    /// <summary>A session on <paramref name="graph"/>.</summary>
    public static Session Session(Graph graph) => new(graph);

    /// <summary>A session on the default graph with options.</summary>
    public static Session Session(ConfigProto config) => new(config);

    /// <summary>A session on <paramref name="graph"/> with options.</summary>
    public static Session Session(Graph? graph, ConfigProto config) => new(graph, config);

    /// <summary>A session that installs itself as the default (for <c>Tensor.Eval</c>, <c>Operation.Run</c>) until
    /// disposed.</summary>
    public static Session InteractiveSession() => new Session().MakeInteractive();

    /// <summary>Opens a name scope: <c>using (tf.name_scope("layer1")) { ... }</c>.</summary>
    public static NameScope name_scope(string? name) => StaticGraph.Graph.Default.NameScope(name);

    /// <summary>Ops created in the scope run after <paramref name="control_inputs"/>.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // TF1's control_dependencies(None) is `(null)`
    public static IDisposable control_dependencies(Operation[]? control_inputs) =>
        StaticGraph.Graph.Default.ControlDependencies(control_inputs);

    /// <summary>Ops created in the scope run after the ops producing <paramref name="control_inputs"/>.</summary>
    public static IDisposable control_dependencies(Tensor[] control_inputs) =>
        StaticGraph.Graph.Default.ControlDependencies((control_inputs ?? throw new ArgumentNullException(nameof(control_inputs))).Select(t => t.Op));

    /// <summary>Sets the default graph's random seed.</summary>
    public static void set_random_seed(int seed) => StaticGraph.Graph.Default.Seed = seed;

    /// <summary>An operation that runs all <paramref name="inputs"/> (a NoOp with control inputs).</summary>
    public static Operation group(params Operation[] inputs) => ArrayOps.NoOp("group_deps", inputs);

    /// <summary>An operation that does nothing.</summary>
    public static Operation no_op(string? name = null) => ArrayOps.NoOp(name ?? "NoOp");

    /// <summary>y = x.</summary>
    public static Tensor identity(Tensor input, string? name = null) => ArrayOps.Identity(input, name ?? "Identity");

    // ---- inputs, constants ----

    /// <summary>A value fed at run time; <c>-1</c> dimensions and a null shape are unknown.</summary>
    public static Tensor placeholder(DType dtype, Shape? shape = null, string? name = null) => ArrayOps.Placeholder(dtype, shape, name);

    /// <summary>A value that is <paramref name="input"/> unless fed.</summary>
    public static Tensor placeholder_with_default(Tensor input, Shape shape, string? name = null) =>
        ArrayOps.PlaceholderWithDefault(input, shape, name);

    /// <summary>A constant; <paramref name="dtype"/> converts the value, <paramref name="shape"/> fills a scalar or
    /// reshapes a value of the same size.</summary>
    public static Tensor constant(NDArray value, DType? dtype = null, Shape? shape = null, string name = "Const") =>
        OpBuilder.Const(Constants.Shaped(value, dtype, shape), name);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor zeros(Shape shape, DType? dtype = null, string name = "zeros") => Constants.Filled(shape, 0, dtype ?? float32, name);

    /// <summary>A tensor of ones.</summary>
    public static Tensor ones(Shape shape, DType? dtype = null, string name = "ones") => Constants.Filled(shape, 1, dtype ?? float32, name);

    /// <summary>A tensor of <paramref name="dims"/> filled with <paramref name="value"/>.</summary>
    public static Tensor fill(Tensor dims, Tensor value, string? name = null) => ArrayOps.Fill(dims, value, name);

    /// <summary>A tensor of <paramref name="dims"/> filled with <paramref name="value"/>.</summary>
    public static Tensor fill(Shape dims, NDArray value, string? name = null) =>
        ArrayOps.Fill(OpBuilder.IntVector(dims.ToArray(), StaticGraph.Graph.Default), OpBuilder.Const(value), name);

    /// <summary>Zeros with the shape and dtype of <paramref name="tensor"/>.</summary>
    public static Tensor zeros_like(Tensor tensor, string? name = null) => ArrayOps.ZerosLike(tensor, name);

    /// <summary>Ones with the shape and dtype of <paramref name="tensor"/>.</summary>
    public static Tensor ones_like(Tensor tensor, string? name = null) => ArrayOps.OnesLike(tensor, name);

    /// <summary>[start, start + delta, ...) as int32.</summary>
    public static Tensor range(int start, int limit, int delta = 1, string name = "range") =>
        ArrayOps.Range(constant(start), constant(limit), constant(delta), name);

    /// <summary>[start, start + delta, ...) as float64 (or <paramref name="dtype"/>).</summary>
    public static Tensor range(double start, double limit, double delta = 1, DType? dtype = null, string name = "range")
    {
        var d = dtype ?? float64;
        var g = StaticGraph.Graph.Default;
        return ArrayOps.Range(OpBuilder.Scalar(start, d, g, "start"), OpBuilder.Scalar(limit, d, g, "limit"), OpBuilder.Scalar(delta, d, g, "delta"), name);
    }

    // ---- variables ----

    /// <summary>A variable initialized to <paramref name="initial_value"/>.</summary>
    public static Variable Variable(Tensor initial_value, bool trainable = true, string? name = null, DType? dtype = null) =>
        new(initial_value, trainable, name, dtype);

    /// <summary>A variable initialized to a constant value (created as <c>name/initial_value</c>).</summary>
    public static Variable Variable(NDArray initial_value, bool trainable = true, string? name = null, DType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(initial_value);
        var graph = StaticGraph.Graph.Default;
        Tensor init;
        using (graph.NameScope(string.IsNullOrEmpty(name) ? "Variable" : name))
        {
            init = OpBuilder.Const(Constants.Shaped(initial_value, dtype, null), "initial_value");
        }

        // The variable re-enters the scope name the initial value already took.
        return new Variable(init, trainable, init.Op.Name[..init.Op.Name.LastIndexOf('/')] + "/", dtype);
    }

    /// <summary>Every global variable of the default graph, in creation order.</summary>
    public static IEnumerable<Variable> global_variables() => StaticGraph.Graph.Default.GetCollection<Variable>(tf.GraphKeys.GLOBAL_VARIABLES);

    /// <summary>Every trainable variable of the default graph, in creation order.</summary>
    public static IEnumerable<Variable> trainable_variables() => StaticGraph.Graph.Default.GetCollection<Variable>(tf.GraphKeys.TRAINABLE_VARIABLES);

    /// <summary>An operation running the initializers of <paramref name="var_list"/>.</summary>
    public static Operation variables_initializer(IEnumerable<Variable> var_list, string name = "init") =>
        ArrayOps.NoOp(name, (var_list ?? throw new ArgumentNullException(nameof(var_list))).Select(v => v.Initializer));

    /// <summary>An operation running every global variable's initializer.</summary>
    public static Operation global_variables_initializer() => variables_initializer(global_variables());

    /// <summary>Deprecated TF1 alias of <see cref="global_variables_initializer"/>.</summary>
    public static Operation initialize_all_variables() => global_variables_initializer();
}
