namespace StaticGraph;

// Graph collections (tf.add_to_collection / tf.get_collection).
public static partial class tf
{
    /// <summary>Adds <paramref name="value"/> to the default graph's collection <paramref name="name"/>.</summary>
    public static void add_to_collection(string name, object value) => StaticGraph.Graph.Default.AddToCollection(name, value);

    /// <summary>The items of collection <paramref name="key"/> (a copy); with <paramref name="scope"/>, only items whose
    /// name starts with it (variables, tensors and operations have names).</summary>
    public static IReadOnlyList<object> get_collection(string key, string? scope = null) =>
        StaticGraph.Graph.Default.GetCollection<object>(key).Where(item => scope is null || NameOf(item).StartsWith(scope, StringComparison.Ordinal)).ToArray();

    /// <summary>The items of collection <paramref name="key"/> of type <typeparamref name="T"/>
    /// (<c>tf.get_collection&lt;Operation&gt;(tf.GraphKeys.UPDATE_OPS)</c>).</summary>
    public static IReadOnlyList<T> get_collection<T>(string key, string? scope = null) =>
        get_collection(key, scope).OfType<T>().ToArray();

    private static string NameOf(object item) => item switch
    {
        Variable v => v.Name,
        Tensor t => t.Name,
        Operation o => o.Name,
        _ => "",
    };
}
