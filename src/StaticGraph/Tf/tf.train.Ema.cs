namespace StaticGraph;

public static partial class tf
{
    public static partial class train
    {
        /// <summary>Shadow variables tracking exponential moving averages of variables (see
        /// <see cref="StaticGraph.ExponentialMovingAverage"/>).</summary>
        public static ExponentialMovingAverage ExponentialMovingAverage(double decay, Tensor? num_updates = null, bool zero_debias = false,
            string name = "ExponentialMovingAverage") => new(decay, num_updates, zero_debias, name);
    }
}
