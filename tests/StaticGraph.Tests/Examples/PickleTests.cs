using System.Text;
using StaticGraph.Examples.Data;

namespace StaticGraph.Tests.Examples;

public class PickleTests
{
    // python3 (numpy 1.24): pickle.dumps({b'batch_label': b'testing batch 1 of 1', b'labels': [3, 7],
    //   b'data': np.array([[0, 1, 2], [253, 254, 255]], np.uint8), b'floats': np.array([1.5, -2.0], '<f4'),
    //   b'big': 70000, b'neg': -5}, protocol=P) for P = 2 (bytes as _codecs.encode, BINPUT/BINGET) and 4 (FRAME,
    //   MEMOIZE, STACK_GLOBAL, SHORT_BINBYTES).
    private const string Protocol2 = "gAJ9cQAoY19jb2RlY3MKZW5jb2RlCnEBWAsAAABiYXRjaF9sYWJlbHECWAYAAABsYXRpbjFxA4ZxBFJxBWgBWBQAAAB0ZXN0aW5nIGJhdGNoIDEgb2YgMXEGaAOGcQdScQhoAVgGAAAAbGFiZWxzcQloA4ZxClJxC11xDChLA0sHZWgBWAQAAABkYXRhcQ1oA4ZxDlJxD2NudW1weS5jb3JlLm11bHRpYXJyYXkKX3JlY29uc3RydWN0CnEQY251bXB5Cm5kYXJyYXkKcRFLAIVxEmgBWAEAAABicRNoA4ZxFFJxFYdxFlJxFyhLAUsCSwOGcRhjbnVtcHkKZHR5cGUKcRlYAgAAAHUxcRqJiIdxG1JxHChLA1gBAAAAfHEdTk5OSv////9K/////0sAdHEeYoloAVgJAAAAAAECw73DvsO/cR9oA4ZxIFJxIXRxImJoAVgGAAAAZmxvYXRzcSNoA4ZxJFJxJWgQaBFLAIVxJmgVh3EnUnEoKEsBSwKFcSloGVgCAAAAZjRxKomIh3ErUnEsKEsDWAEAAAA8cS1OTk5K/////0r/////SwB0cS5iiWgBWAoAAAAAAMOAPwAAAMOAcS9oA4ZxMFJxMXRxMmJoAVgDAAAAYmlncTNoA4ZxNFJxNUpwEQEAaAFYAwAAAG5lZ3E2aAOGcTdScThK+////3Uu";
    private const string Protocol4 = "gASVOgEAAAAAAAB9lChDC2JhdGNoX2xhYmVslEMUdGVzdGluZyBiYXRjaCAxIG9mIDGUQwZsYWJlbHOUXZQoSwNLB2VDBGRhdGGUjBVudW1weS5jb3JlLm11bHRpYXJyYXmUjAxfcmVjb25zdHJ1Y3SUk5SMBW51bXB5lIwHbmRhcnJheZSTlEsAhZRDAWKUh5RSlChLAUsCSwOGlGgJjAVkdHlwZZSTlIwCdTGUiYiHlFKUKEsDjAF8lE5OTkr/////Sv////9LAHSUYolDBgABAv3+/5R0lGJDBmZsb2F0c5RoCGgLSwCFlGgNh5RSlChLAUsChZRoEowCZjSUiYiHlFKUKEsDjAE8lE5OTkr/////Sv////9LAHSUYolDCAAAwD8AAADAlHSUYkMDYmlnlEpwEQEAQwNuZWeUSvv///91Lg==";

    [Theory]
    [InlineData(Protocol2)]
    [InlineData(Protocol4)]
    public void Python3_pickles_of_a_cifar_style_dict_read_back_every_value(string base64)
    {
        var dict = Assert.IsType<Dictionary<string, object?>>(Pickle.Loads(Convert.FromBase64String(base64)));
        Assert.Equal("testing batch 1 of 1", Encoding.ASCII.GetString(Assert.IsType<byte[]>(dict["batch_label"])));
        Assert.Equal(new object?[] { 3L, 7L }, Assert.IsType<List<object?>>(dict["labels"]));
        var data = Assert.IsType<NDArray>(dict["data"]);
        Assert.Equal(tf.uint8, data.DType);
        Assert.Equal([2, 3], data.Shape.ToArray());
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, data.ToArray<byte>());
        Assert.Equal(new[] { 1.5f, -2.0f }, Assert.IsType<NDArray>(dict["floats"]).ToArray<float>());
        Assert.Equal(70000L, dict["big"]);
        Assert.Equal(-5L, dict["neg"]);
    }

    [Fact]
    public void A_python2_cifar_batch_with_binstring_data_reads_as_the_seed_sees_it()
    {
        var pixels = Enumerable.Range(0, 2 * Cifar10.ImageBytes).Select(i => (byte)(i % 251)).ToArray();
        var bytes = Python2CifarBatch(pixels, [6, 9]);
        var (read, labels) = ReadBatchFrom(bytes);
        Assert.Equal(pixels, read);
        Assert.Equal([6, 9], labels);
        var dict = Assert.IsType<Dictionary<string, object?>>(Pickle.Loads(bytes));
        Assert.Same(dict["data"], dict["same"]);
    }

    [Theory]
    [InlineData("\u0080\u0002cos\nsystem\n.", "unsupported global os.system")]
    [InlineData("\u0080\u0002X\u0010\u0000\u0000\u0000abc", "truncated")]
    [InlineData("\u0080\u0002\u00ff.", "unsupported pickle opcode 0xFF")]
    [InlineData("\u0080\u0002K\u0001K\u0002.", "STOP with 2 values")]
    [InlineData("\u0080\u0002e.", "no MARK")]
    [InlineData("\u0080\u0002h\u0005.", "memo key 5 was never stored")]
    public void Malformed_or_unsupported_pickles_raise_errors_naming_the_problem(string latin1, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Pickle.Loads(Encoding.Latin1.GetBytes(latin1), "bad.pkl"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.pkl:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_whose_labels_do_not_match_its_rows_is_rejected()
    {
        var bytes = Python2CifarBatch(new byte[2 * Cifar10.ImageBytes], [1]);
        var error = Assert.Throws<InvalidDataException>(() => ReadBatchFrom(bytes));
        Assert.Contains("b'labels' must be a list of 2 ints", error.Message, StringComparison.Ordinal);
    }

    private static (byte[] Pixels, int[] Labels) ReadBatchFrom(byte[] bytes)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data_batch_1"), bytes);
        return Cifar10.ReadBatch(dir.File("data_batch_1"));
    }

    // The opcodes Python 2's cPickle.dump(protocol=2) writes for a cifar-10-batches-py batch: str keys as
    // SHORT_BINSTRING, the pixel block as BINSTRING, the Fortran flag as INT "00", labels by MARK ... APPENDS.
    private static byte[] Python2CifarBatch(byte[] pixels, int[] labels)
    {
        var p = new List<byte> { 0x80, 2, (byte)'}', (byte)'q', 1, (byte)'(' };
        void Str(string s) { p.Add((byte)'U'); p.Add((byte)s.Length); p.AddRange(Encoding.ASCII.GetBytes(s)); }
        void Raw(string s) => p.AddRange(Encoding.Latin1.GetBytes(s));
        Str("batch_label");
        Str("testing batch 1 of 1");
        Str("labels");
        Raw("]q\u0002(");
        foreach (var l in labels)
        {
            p.Add((byte)'K');
            p.Add((byte)l);
        }

        Raw("e");
        Str("data");
        Raw("cnumpy.core.multiarray\n_reconstruct\nq\u0003cnumpy\nndarray\nq\u0004K\u0000\u0085U\u0001b\u0087Rq\u0005(K\u0001");
        Raw($"K{(char)(pixels.Length / Cifar10.ImageBytes)}M\u0000\u000c\u0086");
        Raw("cnumpy\ndtype\nq\u0006U\u0002u1K\u0000K\u0001\u0087Rq\u0007(K\u0003U\u0001|NNNJ\u00ff\u00ff\u00ff\u00ffJ\u00ff\u00ff\u00ff\u00ffK\u0000tbI00\nT");
        p.AddRange(BitConverter.GetBytes(pixels.Length));
        p.AddRange(pixels);
        Raw("tb");
        Str("same");     // a second reference to the memoized array: BINGET must see the filled one, not the empty one
        Raw("h\u0005u.");
        return [.. p];
    }
}
