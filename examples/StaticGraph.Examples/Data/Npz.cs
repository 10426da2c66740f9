using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticGraph.Examples.Data;

/// <summary>
/// Reads numpy's <c>.npy</c> arrays and <c>.npz</c> archives (stored or deflated zip entries) of little-endian
/// bool, int8, int16, uint16 (widened to int32), uint8, int32, int64, float32 and float64 data in C order into <see cref="NDArray"/>s. Malformed files raise
/// <see cref="InvalidDataException"/> naming the file and what was wrong.
/// </summary>
public static partial class Npz
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Every array of an <c>.npz</c> file, by name without the <c>.npy</c> suffix.</summary>
    public static Dictionary<string, NDArray> Load(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var result = new Dictionary<string, NDArray>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            result[entry.FullName[..^4]] = ReadNpy(buffer.ToArray(), $"{path}:{entry.FullName}");
        }

        return result;
    }

    /// <summary>The array of one <c>.npy</c> file (raw or gzip-compressed).</summary>
    public static NDArray LoadNpy(string path) => ReadNpy(DataFile.ReadAllBytes(path), path);

    /// <summary>Parses one <c>.npy</c> payload; <paramref name="source"/> names it in errors.</summary>
    public static NDArray ReadNpy(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{source}: not a .npy array (bad magic).");
        }

        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        int headerStart = major == 1 ? 10 : 12;
        if (major is < 1 or > 3 || headerStart + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"{source}: unsupported .npy version {major} or truncated header.");
        }

        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        string descr = Field(header, "descr", source).Trim('\'', '"');
        if (Field(header, "fortran_order", source) != "False")
        {
            throw new InvalidDataException($"{source}: Fortran-ordered arrays are not supported.");
        }

        var shapeText = Field(header, "shape", source).Trim('(', ')');
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return Decode(bytes.AsSpan(headerStart + headerLength), descr, shape, source);
    }

    /// <summary>C-ordered <paramref name="data"/> of numpy type <paramref name="descr"/> (<c>|u1</c>, <c>&lt;f4</c>, ...)
    /// as an array of <paramref name="shape"/>: int8 and 16-bit integers widen to int32, the rest keep their type.</summary>
    public static NDArray Decode(ReadOnlySpan<byte> data, string descr, int[] shape, string source)
    {
        ArgumentNullException.ThrowIfNull(descr);
        ArgumentNullException.ThrowIfNull(shape);
        long count = shape.Aggregate(1L, (a, d) => a * d);
        int size = descr switch
        {
            "|b1" or "|u1" or "<u1" or "|i1" or "<i1" => 1,
            "<i2" or "<u2" => 2,
            "<i4" or "<f4" => 4,
            "<i8" or "<f8" => 8,
            _ => throw new InvalidDataException($"{source}: unsupported dtype '{descr}' (little-endian bool, int8-64, uint8-16, float32/64 are read)."),
        };
        if (data.Length != count * size)
        {
            throw new InvalidDataException($"{source}: shape ({string.Join(", ", shape)}) of {descr} needs {count * size} bytes, found {data.Length}.");
        }

        return descr switch
        {
            "|b1" => NDArray.FromArray(data.ToArray().Select(b => b != 0).ToArray(), shape),
            "|u1" or "<u1" => NDArray.FromArray(data.ToArray(), shape),
            "|i1" or "<i1" => NDArray.FromArray(data.ToArray().Select(b => (int)(sbyte)b).ToArray(), shape),
            "<i2" => NDArray.FromArray(MemoryMarshal.Cast<byte, short>(data).ToArray().Select(v => (int)v).ToArray(), shape),
            "<u2" => NDArray.FromArray(MemoryMarshal.Cast<byte, ushort>(data).ToArray().Select(v => (int)v).ToArray(), shape),
            "<i4" => NDArray.FromArray(MemoryMarshal.Cast<byte, int>(data).ToArray(), shape),
            "<i8" => NDArray.FromArray(MemoryMarshal.Cast<byte, long>(data).ToArray(), shape),
            "<f4" => NDArray.FromArray(MemoryMarshal.Cast<byte, float>(data).ToArray(), shape),
            _ => NDArray.FromArray(MemoryMarshal.Cast<byte, double>(data).ToArray(), shape),
        };
    }

    // The value text of 'key': in numpy's header dict (a Python literal such as "{'descr': '<f8', 'shape': (3, 4), }").
    private static string Field(string header, string key, string source)
    {
        int k = header.IndexOf($"'{key}':", StringComparison.Ordinal);
        if (k < 0)
        {
            throw new InvalidDataException($"{source}: the .npy header lacks '{key}'.");
        }

        int start = k + key.Length + 3;
        int end = header[start..].TrimStart()[0] == '(' ? header.IndexOf(')', start) + 1 : header.IndexOf(',', start);
        return header[start..end].Trim();
    }
}
