using StaticGraph.Train;

namespace StaticGraph;

public static partial class tf
{
    public static partial class train
    {
        /// <summary>learning_rate · ((1 - alpha) · ½(1 + cos(π · min(global_step, decay_steps) / decay_steps)) + alpha).</summary>
        public static Tensor cosine_decay(double learning_rate, Tensor global_step, int decay_steps, double alpha = 0.0, string? name = null) =>
            Schedules.CosineDecay(learning_rate, global_step, decay_steps, alpha, name);
    }
}
