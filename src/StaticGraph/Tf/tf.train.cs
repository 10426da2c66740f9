using StaticGraph.Train;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>Optimizers, learning-rate schedules and the global step (<c>tf.train.*</c>).</summary>
    public static partial class train
    {
        /// <summary>var -= learning_rate · grad.</summary>
        public static GradientDescentOptimizer GradientDescentOptimizer(LearningRate learning_rate, string name = "GradientDescent") =>
            new(learning_rate, name);

        /// <summary>Momentum (optionally Nesterov).</summary>
        public static MomentumOptimizer MomentumOptimizer(LearningRate learning_rate, LearningRate momentum, string name = "Momentum", bool use_nesterov = false) =>
            new(learning_rate, momentum, name, use_nesterov);

        /// <summary>Adam with TF1's defaults.</summary>
        public static AdamOptimizer AdamOptimizer(double learning_rate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") =>
            new(learning_rate, beta1, beta2, epsilon, name);

        /// <summary>Adam with a tensor (scheduled) learning rate.</summary>
        public static AdamOptimizer AdamOptimizer(LearningRate learning_rate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, string name = "Adam") =>
            new(learning_rate, beta1, beta2, epsilon, name);

        /// <summary>RMSProp (optionally centered).</summary>
        public static RMSPropOptimizer RMSPropOptimizer(LearningRate learning_rate, double decay = 0.9, double momentum = 0.0, double epsilon = 1e-10,
            bool centered = false, string name = "RMSProp") => new(learning_rate, decay, momentum, epsilon, centered, name);

        /// <summary>Adagrad.</summary>
        public static AdagradOptimizer AdagradOptimizer(LearningRate learning_rate, double initial_accumulator_value = 0.1, string name = "Adagrad") =>
            new(learning_rate, initial_accumulator_value, name);

        /// <summary>Adadelta with TF1's defaults.</summary>
        public static AdadeltaOptimizer AdadeltaOptimizer(double learning_rate = 0.001, double rho = 0.95, double epsilon = 1e-8, string name = "Adadelta") =>
            new(learning_rate, rho, epsilon, name);

        /// <summary>Adadelta with a tensor learning rate.</summary>
        public static AdadeltaOptimizer AdadeltaOptimizer(LearningRate learning_rate, double rho = 0.95, double epsilon = 1e-8, string name = "Adadelta") =>
            new(learning_rate, rho, epsilon, name);

        /// <summary>FTRL-proximal.</summary>
        public static FtrlOptimizer FtrlOptimizer(LearningRate learning_rate, double learning_rate_power = -0.5, double initial_accumulator_value = 0.1,
            double l1_regularization_strength = 0.0, double l2_regularization_strength = 0.0, string name = "Ftrl") =>
            new(learning_rate, learning_rate_power, initial_accumulator_value, l1_regularization_strength, l2_regularization_strength, name);

        /// <summary>The global step of the default graph, created (int64 scalar <c>global_step</c>) when missing.</summary>
        public static Variable get_or_create_global_step() =>
            Schedules.GlobalStep(StaticGraph.Graph.Default) ?? Schedules.CreateGlobalStep(StaticGraph.Graph.Default);

        /// <summary>Creates the global step; an error when the graph has one.</summary>
        public static Variable create_global_step() => Schedules.CreateGlobalStep(StaticGraph.Graph.Default);

        /// <summary>The global step, or null.</summary>
        public static Variable? get_global_step() => Schedules.GlobalStep(StaticGraph.Graph.Default);

        /// <summary>learning_rate · decay_rate^(global_step / decay_steps) (integer division when staircase).</summary>
        public static Tensor exponential_decay(double learning_rate, Tensor global_step, int decay_steps, double decay_rate, bool staircase = false, string? name = null) =>
            Schedules.ExponentialDecay(learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>learning_rate / (1 + decay_rate · global_step / decay_steps).</summary>
        public static Tensor inverse_time_decay(double learning_rate, Tensor global_step, int decay_steps, double decay_rate, bool staircase = false, string? name = null) =>
            Schedules.InverseTimeDecay(learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>learning_rate · e^(-decay_rate · global_step / decay_steps).</summary>
        public static Tensor natural_exp_decay(double learning_rate, Tensor global_step, int decay_steps, double decay_rate, bool staircase = false, string? name = null) =>
            Schedules.NaturalExpDecay(learning_rate, global_step, decay_steps, decay_rate, staircase, name);

        /// <summary>A polynomial decay from learning_rate to end_learning_rate over decay_steps.</summary>
        public static Tensor polynomial_decay(double learning_rate, Tensor global_step, int decay_steps, double end_learning_rate = 0.0001,
            double power = 1.0, bool cycle = false, string? name = null) =>
            Schedules.PolynomialDecay(learning_rate, global_step, decay_steps, end_learning_rate, power, cycle, name);

        /// <summary>A step function of x: values[i] between boundaries[i-1] and boundaries[i].</summary>
        public static Tensor piecewise_constant(Tensor x, int[] boundaries, double[] values, string? name = null) =>
            Schedules.PiecewiseConstant(x, boundaries, values, name);
    }
}
