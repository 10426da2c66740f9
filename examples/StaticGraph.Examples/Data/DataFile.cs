using System.IO.Compression;

namespace StaticGraph.Examples.Data;

/// <summary>Reading data files that may or may not be gzip-compressed (told by the magic bytes 1f 8b, not the name),
/// and writing them whole (a temporary file renamed into place, so a failed write leaves no partial file).</summary>
public static class DataFile
{
    /// <summary>The file's bytes, gunzipped when it starts with gzip's magic bytes.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            return bytes;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message}).", e);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file in the same folder.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var file = File.Create(temp))
            {
                file.Write(bytes);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
