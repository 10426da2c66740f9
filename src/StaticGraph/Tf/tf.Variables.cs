using StaticGraph.Train;

namespace StaticGraph;

// Variable scopes, tf.get_variable and initializers.
public static partial class tf
{
    /// <summary>Reuse variables that exist, create those that do not.</summary>
    public static readonly VariableReuse AUTO_REUSE = VariableReuse.AutoReuse;

    /// <summary>Opens a variable scope (and a name scope of the same name) for <c>tf.get_variable</c>.</summary>
    public static VariableScope variable_scope(string? name_or_scope, VariableReuse? reuse = null, Initializer? initializer = null,
        Regularizer? regularizer = null, string? default_name = null, DType? dtype = null) =>
        StaticGraph.Graph.Default.OpenVariableScope(name_or_scope, default_name, reuse, initializer, regularizer, dtype);

    /// <summary>Re-enters an existing variable scope (its exact name and original name scope).</summary>
    public static VariableScope variable_scope(VariableScope name_or_scope, VariableReuse? reuse = null, Initializer? initializer = null,
        Regularizer? regularizer = null) =>
        StaticGraph.Graph.Default.ReenterVariableScope(name_or_scope, reuse, initializer, regularizer);

    /// <summary>The current variable scope (a root scope with an empty name outside any).</summary>
    public static VariableScope get_variable_scope() => StaticGraph.Graph.Default.CurrentVariableScope
        ?? new VariableScope(StaticGraph.Graph.Default, null, "", 0, null, null, null, null);

    /// <summary>Gets or creates the variable <c>scope/name</c> (TF1 <c>tf.get_variable</c>): created when the scope
    /// does not reuse (error if it exists), returned when it does (error if it does not), either with AUTO_REUSE.
    /// The default initializer is glorot_uniform for floats, zeros otherwise.</summary>
    public static Variable get_variable(string name, Shape? shape = null, DType? dtype = null, Initializer? initializer = null,
        Regularizer? regularizer = null, bool trainable = true, string[]? collections = null) =>
        StaticGraph.Graph.Default.GetVariable(name, shape, dtype, initializer, regularizer, trainable, collections);

    /// <summary>Initializes to zeros.</summary>
    public static Initializer zeros_initializer() => Initializers.Zeros();

    /// <summary>Initializes to ones.</summary>
    public static Initializer ones_initializer() => Initializers.Ones();

    /// <summary>Initializes to a constant (a scalar fills the shape).</summary>
    public static Initializer constant_initializer(NDArray value) => Initializers.Constant(value);

    /// <summary>Initializes with N(mean, stddev²) samples.</summary>
    public static Initializer random_normal_initializer(double mean = 0.0, double stddev = 1.0, int? seed = null) =>
        Initializers.RandomNormal(mean, stddev, seed);

    /// <summary>Initializes with truncated N(mean, stddev²) samples.</summary>
    public static Initializer truncated_normal_initializer(double mean = 0.0, double stddev = 1.0, int? seed = null) =>
        Initializers.TruncatedNormal(mean, stddev, seed);

    /// <summary>Initializes with U[minval, maxval) samples.</summary>
    public static Initializer random_uniform_initializer(double minval = 0.0, double maxval = 1.0, int? seed = null) =>
        Initializers.RandomUniform(minval, maxval, seed);

    /// <summary>Glorot (Xavier) uniform initialization.</summary>
    public static Initializer glorot_uniform_initializer(int? seed = null) => Initializers.GlorotUniform(seed);

    /// <summary>Glorot (Xavier) normal initialization.</summary>
    public static Initializer glorot_normal_initializer(int? seed = null) => Initializers.GlorotNormal(seed);

    /// <summary>Variance scaling (TF1 defaults: scale 1, fan_in, truncated_normal).</summary>
    public static Initializer variance_scaling_initializer(double scale = 1.0, string mode = "fan_in",
        string distribution = "truncated_normal", int? seed = null) => Initializers.VarianceScaling(scale, mode, distribution, seed);

    /// <summary>Initializes to a random (semi-)orthogonal matrix times <paramref name="gain"/>.</summary>
    public static Initializer orthogonal_initializer(double gain = 1.0, int? seed = null) => Initializers.Orthogonal(gain, seed);

    /// <summary>Initializes 2-D variables to the identity matrix times <paramref name="gain"/>.</summary>
    public static Initializer identity_initializer(double gain = 1.0) => Initializers.Identity(gain);

    /// <summary>Initializer constructors under TF1's <c>tf.initializers</c> names.</summary>
    public static class initializers
    {
        /// <summary>Zeros.</summary>
        public static Initializer zeros() => Initializers.Zeros();

        /// <summary>Ones.</summary>
        public static Initializer ones() => Initializers.Ones();

        /// <summary>A constant.</summary>
        public static Initializer constant(NDArray value) => Initializers.Constant(value);

        /// <summary>N(mean, stddev²).</summary>
        public static Initializer random_normal(double mean = 0.0, double stddev = 1.0, int? seed = null) => Initializers.RandomNormal(mean, stddev, seed);

        /// <summary>Truncated N(mean, stddev²).</summary>
        public static Initializer truncated_normal(double mean = 0.0, double stddev = 1.0, int? seed = null) => Initializers.TruncatedNormal(mean, stddev, seed);

        /// <summary>U[minval, maxval).</summary>
        public static Initializer random_uniform(double minval = 0.0, double maxval = 1.0, int? seed = null) => Initializers.RandomUniform(minval, maxval, seed);

        /// <summary>Glorot uniform.</summary>
        public static Initializer glorot_uniform(int? seed = null) => Initializers.GlorotUniform(seed);

        /// <summary>Glorot normal.</summary>
        public static Initializer glorot_normal(int? seed = null) => Initializers.GlorotNormal(seed);

        /// <summary>Variance scaling.</summary>
        public static Initializer variance_scaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null) =>
            Initializers.VarianceScaling(scale, mode, distribution, seed);

        /// <summary>He normal: variance scaling 2, fan_in, truncated normal.</summary>
        public static Initializer he_normal(int? seed = null) => Initializers.VarianceScaling(2.0, "fan_in", "truncated_normal", seed);

        /// <summary>He uniform: variance scaling 2, fan_in, uniform.</summary>
        public static Initializer he_uniform(int? seed = null) => Initializers.VarianceScaling(2.0, "fan_in", "uniform", seed);

        /// <summary>LeCun normal: variance scaling 1, fan_in, truncated normal.</summary>
        public static Initializer lecun_normal(int? seed = null) => Initializers.VarianceScaling(1.0, "fan_in", "truncated_normal", seed);

        /// <summary>LeCun uniform: variance scaling 1, fan_in, uniform.</summary>
        public static Initializer lecun_uniform(int? seed = null) => Initializers.VarianceScaling(1.0, "fan_in", "uniform", seed);

        /// <summary>The identity matrix times <paramref name="gain"/>.</summary>
        public static Initializer identity(double gain = 1.0) => Initializers.Identity(gain);

        /// <summary>A random (semi-)orthogonal matrix times <paramref name="gain"/>.</summary>
        public static Initializer orthogonal(double gain = 1.0, int? seed = null) => Initializers.Orthogonal(gain, seed);
    }
}
