namespace StaticGraph;

/// <summary>Malformed protobuf text format: the message says what was expected, what was found, and where
/// (<see cref="Line"/> and <see cref="Column"/>, both 1-based).</summary>
public sealed class TextFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public TextFormatException() { }

    /// <summary>Creates the exception with a message.</summary>
    public TextFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TextFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception for a problem at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public TextFormatException(int line, int column, string message)
        : base($"{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the problem (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem (0 when unknown).</summary>
    public int Column { get; }
}
