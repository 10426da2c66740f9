namespace StaticGraph;

/// <summary>An error found while building a graph: bad input dtypes or shapes, an unknown name, a bad attribute.
/// The message names the node, the op and what was expected versus found.</summary>
public class GraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphException() { }

    /// <summary>Creates the exception with a message.</summary>
    public GraphException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GraphException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A bad argument at run time (TF's <c>InvalidArgumentError</c>): a wrong feed, a bad index, an
/// incompatible shape only known when the graph runs.</summary>
public class InvalidArgumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidArgumentException() { }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidArgumentException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidArgumentException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The system is not in a state to run an op (TF's <c>FailedPreconditionError</c>), e.g. reading a
/// variable that was never initialized.</summary>
public class FailedPreconditionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FailedPreconditionException() { }

    /// <summary>Creates the exception with a message.</summary>
    public FailedPreconditionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FailedPreconditionException(string message, Exception inner) : base(message, inner) { }
}
