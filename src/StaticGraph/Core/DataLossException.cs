namespace StaticGraph;

/// <summary>A file is corrupt or truncated (TF's <c>DataLossError</c>): a checksum (CRC32C) mismatch, a bad magic
/// number, a size or offset that points outside the file. The message names the file and says what failed.</summary>
public class DataLossException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataLossException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DataLossException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DataLossException(string message, Exception inner) : base(message, inner) { }
}
