using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticGraph.Examples.Data;

public static partial class Npz
{
    /// <summary>
    /// Writes <paramref name="arrays"/> as an <c>.npz</c> archive of deflated <c>NAME.npy</c> entries, as numpy's
    /// <c>savez_compressed</c> does (pass <c>arr_0</c>, <c>arr_1</c>, ... for its positional names). The archive is
    /// written to a temporary file and renamed, so a failure never leaves a partial file at <paramref name="path"/>.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, NDArray>> arrays)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(arrays);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                foreach (var (name, array) in arrays)
                {
                    var entry = zip.CreateEntry(name + ".npy", CompressionLevel.Optimal);
                    using var stream = entry.Open();
                    stream.Write(ToNpy(array, $"{path}:{name}"));
                }
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>One array as <c>.npy</c> version 1.0 bytes: magic, a header dict padded with spaces to a multiple of
    /// 64 bytes and ended by a newline (numpy's alignment), then the little-endian C-order data.</summary>
    public static byte[] ToNpy(NDArray array, string source)
    {
        ArgumentNullException.ThrowIfNull(array);
        var (descr, data) = array.DType switch
        {
            var d when d == DType.Float32 => ("<f4", MemoryMarshal.AsBytes(array.AsSpan<float>()).ToArray()),
            var d when d == DType.Float64 => ("<f8", MemoryMarshal.AsBytes(array.AsSpan<double>()).ToArray()),
            var d when d == DType.Int32 => ("<i4", MemoryMarshal.AsBytes(array.AsSpan<int>()).ToArray()),
            var d when d == DType.Int64 => ("<i8", MemoryMarshal.AsBytes(array.AsSpan<long>()).ToArray()),
            var d when d == DType.UInt8 => ("|u1", array.AsSpan<byte>().ToArray()),
            var d when d == DType.Bool => ("|b1", array.AsSpan<bool>().ToArray().Select(b => b ? (byte)1 : (byte)0).ToArray()),
            var d => throw new ArgumentException($"{source}: cannot write {d} arrays to .npy.", nameof(array)),
        };
        var dims = array.Shape.ToArray();
        string shape = dims.Length == 1 ? $"({dims[0]},)" : "(" + string.Join(", ", dims) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int unpadded = Magic.Length + 4 + dict.Length + 1;
        string header = dict + new string(' ', (64 - (unpadded % 64)) % 64) + "\n";
        var bytes = new byte[Magic.Length + 4 + header.Length + data.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        BitConverter.TryWriteBytes(bytes.AsSpan(8), checked((ushort)header.Length));
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(10));
        data.CopyTo(bytes, 10 + header.Length);
        return bytes;
    }
}
