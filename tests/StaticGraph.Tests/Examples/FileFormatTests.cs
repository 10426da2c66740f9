using System.IO.Compression;
using System.Text;
using StaticGraph.Examples.Data;

namespace StaticGraph.Tests.Examples;

public class FileFormatTests
{
    private static byte[] Npy(string descr, string shape, byte[] data)
    {
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return [.. bytes];
    }

    [Fact]
    public void A_npy_file_of_int16_widens_to_int32()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a.npy"), Npy("<i2", "(2, 2)", [1, 0, 0xFF, 0xFF, 0, 1, 0, 0x80]));
        var array = Npz.LoadNpy(dir.File("a.npy"));
        Assert.Equal([2, 2], array.Shape.ToArray());
        Assert.Equal([1, -1, 256, -32768], array.ToArray<int>());
    }

    [Fact]
    public void A_deflated_npz_reads_every_array()
    {
        using var dir = new TempDir();
        using (var zip = ZipFile.Open(dir.File("a.npz"), ZipArchiveMode.Create))
        {
            foreach (var (name, level) in new[] { ("x", CompressionLevel.Optimal), ("y", CompressionLevel.NoCompression) })
            {
                using var entry = zip.CreateEntry(name + ".npy", level).Open();
                entry.Write(Npy("<f8", "(3,)", BitConverter.GetBytes(2.5).Concat(new byte[16]).ToArray()));
            }
        }

        var arrays = Npz.Load(dir.File("a.npz"));
        Assert.Equal(["x", "y"], arrays.Keys.Order());
        Assert.Equal([2.5, 0, 0], arrays["x"].ToArray<double>());
        Assert.Equal([2.5, 0, 0], arrays["y"].ToArray<double>());
    }

    [Fact]
    public void Big_endian_npy_data_is_rejected_by_dtype()
    {
        var error = Assert.Throws<InvalidDataException>(() => Npz.ReadNpy(Npy(">f4", "(1,)", new byte[4]), "b.npy"));
        Assert.Contains("unsupported dtype '>f4'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_skips_the_header_reads_gzip_and_names_a_ragged_line()
    {
        using var dir = new TempDir();
        using (var gz = new GZipStream(File.Create(dir.File("t.csv.gz")), CompressionLevel.Optimal))
        {
            gz.Write(Encoding.ASCII.GetBytes("a,b\n1,2.5\r\n\n-3,4e1\n"));
        }

        var rows = Csv.LoadNumbers(dir.File("t.csv.gz"), hasHeader: true);
        Assert.Equal([1f, 2.5f, -3f, 40f], rows.SelectMany(r => r));
        File.WriteAllText(dir.File("bad.csv"), "1,2\n3\n");
        var error = Assert.Throws<InvalidDataException>(() => Csv.LoadNumbers(dir.File("bad.csv")));
        Assert.Contains("bad.csv:2: expected 2 comma-separated values, found 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_hot_rows_encode_and_decode_labels()
    {
        var hot = OneHot.Encode(NDArray.FromArray(new[] { 2, 0 }, 2), 3);
        Assert.Equal([2, 3], hot.Shape.ToArray());
        Assert.Equal([0f, 0, 1, 1, 0, 0], hot.ToArray<float>());
        Assert.Equal([2, 0], OneHot.Decode(hot));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode(NDArray.FromArray(new[] { 3 }, 1), 3));
        Assert.Contains("Label 3 in row 0", error.Message, StringComparison.Ordinal);
    }
}
