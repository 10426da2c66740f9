using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticGraph;

/// <summary>
/// A concrete, dense, row-major value with a <see cref="DType"/> and a fully defined <see cref="Shape"/>: what feeds
/// take and fetches return. Converts implicitly from scalars and 1-D to 4-D arrays of <c>float</c>, <c>double</c>,
/// <c>int</c>, <c>long</c>, <c>byte</c> and <c>bool</c>.
/// </summary>
/// <remarks>
/// Disposing a value is optional: the garbage collector reclaims an undisposed one as usual. Disposing a large
/// result that <see cref="Session.Run(Tensor, FeedDict?)"/> handed over gives its buffer back to the session, so the
/// session's next run of that fetch writes into memory that is already mapped instead of a fresh array (for results
/// of a megabyte and more this is most of the cost of a memory-bound step). A disposed value must not be used again:
/// reading it throws <see cref="ObjectDisposedException"/>, and a span taken from it before disposal may already be
/// overwritten by a later run.
/// </remarks>
public sealed partial class NDArray : IDisposable
{
    private Array _data;
    private int _size;
    private int _disposed;
    private Array?[]? _returnBin; // where Dispose puts the buffer back: a run frame's per-slot bin (set on hand-over)
    private int _returnSlot;

    private NDArray(DType dtype, Shape shape, Array data)
    {
        DType = dtype;
        Shape = shape;
        _data = data;
        _size = shape.Size;
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The (fully defined) shape; <c>[]</c> for a scalar.</summary>
    public Shape Shape { get; private set; }

    /// <summary>Number of elements.</summary>
    public int Size => _size;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Wraps <paramref name="data"/> (no copy) as a value of <paramref name="shape"/>; the array may be longer
    /// than the shape needs (planned buffers keep their capacity).</summary>
    internal static NDArray Wrap(DType dtype, Shape shape, Array data)
    {
        if (!shape.IsFullyDefined)
        {
            throw new InvalidArgumentException($"An NDArray needs a fully defined shape, got {shape}.");
        }

        if (data.Length < shape.NumElements)
        {
            throw new InvalidArgumentException($"Shape {shape} needs {shape.NumElements} elements but the buffer holds {data.Length}.");
        }

        return new NDArray(dtype, shape, data);
    }

    /// <summary>A new zero-filled value.</summary>
    public static NDArray Zeros(DType dtype, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsFullyDefined)
        {
            throw new InvalidArgumentException($"An NDArray needs a fully defined shape, got {shape}.");
        }

        return Wrap(dtype, shape, AllocateArray(dtype, checked((int)shape.NumElements)));
    }

    /// <summary>Allocates a CLR array holding <paramref name="length"/> elements of <paramref name="dtype"/>
    /// (string elements start as empty byte strings).</summary>
    internal static Array AllocateArray(DType dtype, int length)
    {
        if (dtype == DType.String)
        {
            var strings = new byte[length][];
            Array.Fill(strings, []);
            return strings;
        }

        return Array.CreateInstance(dtype.ClrType, length);
    }

    /// <summary>A value of <paramref name="shape"/> over a copy of <paramref name="data"/>.</summary>
    public static NDArray FromArray<T>(T[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = new Shape(shape);
        if (s.NumElements != data.Length)
        {
            throw new ArgumentException($"Shape {s} needs {s.NumElements} elements but {data.Length} were given.", nameof(data));
        }

        return Wrap(DType.Of<T>(), s, (T[])data.Clone());
    }

    /// <summary>A scalar of type <typeparamref name="T"/>.</summary>
    public static NDArray Scalar<T>(T value) => Wrap(DType.Of<T>(), Shape.Scalar, new[] { value });

    /// <summary>A string scalar (UTF-8 bytes).</summary>
    public static NDArray FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Wrap(DType.String, Shape.Scalar, new[] { System.Text.Encoding.UTF8.GetBytes(value) });
    }

    /// <summary>Copies any rectangular CLR array (<c>float[,]</c>, <c>int[,,]</c>, ...) into a new value.</summary>
    public static NDArray FromMultiDimArray(Array array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var elementType = array.GetType().GetElementType()!;
        var dtype = DType.FromClr(elementType);
        var dims = new int[array.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = array.GetLength(i);
        }

        var flat = Array.CreateInstance(elementType, array.Length);
        if (elementType == typeof(string))
        {
            var bytes = new byte[array.Length][];
            int k = 0;
            foreach (string s in array)
            {
                bytes[k++] = System.Text.Encoding.UTF8.GetBytes(s);
            }

            return Wrap(DType.String, Shape.Own(dims), bytes);
        }

        if (elementType == typeof(byte[]))
        {
            int k = 0;
            foreach (byte[] b in array)
            {
                flat.SetValue(b, k++);
            }
        }
        else
        {
            int bytes = array.Length * Marshal.SizeOf(elementType == typeof(bool) ? typeof(byte) : elementType);
            Buffer.BlockCopy(array, 0, flat, 0, bytes);
        }

        return Wrap(dtype, Shape.Own(dims), flat);
    }

    /// <summary>The elements as a span over the live buffer (no copy). <typeparamref name="T"/> must be the dtype's
    /// element type.</summary>
    public Span<T> AsSpan<T>() => new(Data<T>(), 0, _size);

    /// <summary>A flat copy of the elements in row-major order.</summary>
    public T[] ToArray<T>() => AsSpan<T>().ToArray();

    /// <summary>The single element of a scalar (or one-element) value.</summary>
    public T Item<T>()
    {
        if (_size != 1)
        {
            throw new InvalidOperationException($"Item() needs exactly one element, but this {DType} value has shape {Shape}.");
        }

        return Data<T>()[0];
    }

    /// <summary>The element at a full index (negative indices count from the end).</summary>
    public T GetValue<T>(params int[] index) => Data<T>()[FlatIndex(index)];

    /// <summary>The element at a full index as a scalar value.</summary>
    [IndexerName("At")]
    public NDArray this[params int[] index]
    {
        get
        {
            int flat = FlatIndex(index);
            var one = AllocateArray(DType, 1);
            Array.Copy(Live, flat, one, 0, 1);
            return Wrap(DType, Shape.Scalar, one);
        }
    }

    /// <summary>A deep copy with an exact-size buffer.</summary>
    public NDArray Clone()
    {
        // The copy overwrites every element, so the common float buffers skip the runtime's zeroing (a loop's
        // gradient accumulators clone a value per iteration).
        var data = Live;
        Array copy = data switch
        {
            float[] => GC.AllocateUninitializedArray<float>(_size),
            double[] => GC.AllocateUninitializedArray<double>(_size),
            _ => AllocateArray(DType, _size),
        };
        Array.Copy(data, copy, _size);
        return Wrap(DType, Shape, copy);
    }

    /// <summary>Copies every element into <paramref name="destination"/>, a value of the same dtype and size.</summary>
    internal void CopyTo(NDArray destination) => Array.Copy(Live, destination.Live, _size);

    /// <summary>The same elements under another shape with the same element count (a copy).</summary>
    public NDArray Reshape(params int[] shape)
    {
        var s = new Shape(shape);
        if (s.NumElements != _size)
        {
            throw new ArgumentException($"Cannot reshape {Shape} ({_size} elements) to {s}.", nameof(shape));
        }

        var c = Clone();
        c.Shape = s;
        return c;
    }

    /// <summary>The typed backing array (may be longer than <see cref="Size"/>).</summary>
    internal T[] Data<T>() => Live as T[] ?? throw new InvalidCastException(
        $"This NDArray holds {DType} elements; it cannot be read as {typeof(T).Name}.");

    /// <summary>The untyped backing array (may be longer than <see cref="Size"/>).</summary>
    internal Array RawData => Live;

    /// <summary>True once <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>The backing array of a live value.</summary>
    private Array Live => _disposed == 0 ? _data : ThrowDisposed();

    // Kept out of Live so the check inlines into every kernel's read.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private Array ThrowDisposed() => throw new ObjectDisposedException(
        nameof(NDArray), $"This {DType} NDArray of shape {Shape} was disposed; its buffer may already hold another run's result.");

    /// <summary>Ends this value's use. A result a session handed over goes back to that session for its next run;
    /// any other value just becomes unreadable. Calling it again does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_returnBin is { } bin)
        {
            // One buffer waits per slot; if a returned one is already waiting, this one is left to the collector.
            Interlocked.CompareExchange(ref bin[_returnSlot], _data, null);
            _returnBin = null;
        }

        _data = Array.Empty<byte>();
    }

    /// <summary>Marks this value as a planned buffer given to a caller: disposing it puts the buffer into
    /// <paramref name="bin"/>[<paramref name="slot"/>] for the frame to take back.</summary>
    internal void ReturnOnDispose(Array?[] bin, int slot)
    {
        _returnBin = bin;
        _returnSlot = slot;
    }

    /// <summary>Points a planned (frame-owned) value at a buffer with a new shape; never used on values users hold.</summary>
    internal void Rebind(Array data, Shape shape)
    {
        _data = data;
        Shape = shape;
        _size = shape.Size;
    }

    private int FlatIndex(int[] index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Length != Rank)
        {
            throw new ArgumentException($"An index into shape {Shape} needs {Rank} coordinates, got {index.Length}.", nameof(index));
        }

        int flat = 0;
        for (int i = 0; i < index.Length; i++)
        {
            int dim = Shape[i];
            int k = index[i] < 0 ? index[i] + dim : index[i];
            if (k < 0 || k >= dim)
            {
                throw new ArgumentOutOfRangeException(nameof(index), $"Index {index[i]} is out of range for dimension {i} of size {dim} (shape {Shape}).");
            }

            flat = (flat * dim) + k;
        }

        return flat;
    }

    /// <summary>Converts to <paramref name="dtype"/> with C-style numeric casts (float to int truncates, nonzero is
    /// true); returns this value when the dtype already matches.</summary>
    public NDArray AsType(DType dtype)
    {
        if (dtype == DType)
        {
            return this;
        }

        var result = Zeros(dtype, Shape);
        Kernels.CastKernel.Convert(this, result);
        return result;
    }

    /// <summary>Copies this value into a System.Numerics.Tensors tensor.</summary>
    public System.Numerics.Tensors.Tensor<T> ToTensor<T>()
    {
        var lengths = new nint[Rank];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = Shape[i];
        }

        return System.Numerics.Tensors.Tensor.Create(ToArray<T>(), lengths);
    }

    /// <summary>Copies a System.Numerics.Tensors tensor into a new value.</summary>
    public static NDArray FromTensor<T>(System.Numerics.Tensors.Tensor<T> tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dims = new int[tensor.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = checked((int)tensor.Lengths[i]);
        }

        var data = new T[tensor.FlattenedLength];
        tensor.FlattenTo(data);
        return Wrap(DType.Of<T>(), Shape.Own(dims), data);
    }
}
