using System.Buffers;

namespace StaticGraph.Kernels;

/// <summary>Scratch ints for a kernel: the caller's stack buffer when it is large enough, else an array rented from
/// the shared pool and returned on <see cref="Dispose"/>, so neither case allocates in steady state.</summary>
internal ref struct IndexBuffer
{
    /// <summary>The stack buffer a caller passes (stackalloc int[StackSize]).</summary>
    public const int StackSize = 64;

    private int[]? _rented;

    public IndexBuffer(int length, Span<int> stack)
    {
        if (length <= stack.Length)
        {
            Span = stack[..length];
        }
        else
        {
            _rented = ArrayPool<int>.Shared.Rent(length);
            Span = _rented.AsSpan(0, length);
        }
    }

    public Span<int> Span { get; }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<int>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
