using StaticGraph.IO;
using static StaticGraph.Tests.IO.CheckpointTestFiles;

namespace StaticGraph.Tests.IO;

public class CheckpointCorruptionTests
{
    private static string ReadEverything(string prefix)
    {
        var reader = new CheckpointReader(prefix);
        return string.Join(";", reader.GetVariableToShapeMap().Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            var t = reader.GetTensor(name);
            return $"{name}={t.Shape}:" + (t.DType == DType.String ? string.Join(",", t.ToArray<byte[]>().Select(Convert.ToHexString)) : t.ToString());
        }));
    }

    [Fact]
    public void Flipped_or_truncated_bytes_raise_only_data_loss()
    {
        string dir = TempDir();
        string good = Path.Combine(dir, "good");
        BundleWriter.Write(good, [("a", NDArray.FromArray([1f, 2f, 3f], 3)), ("s", NDArray.FromMultiDimArray(new[] { "x", "yz" })), ("n", NDArray.Scalar(7L))]);
        var files = new[] { ".index", ".data-00000-of-00001" };
        var originals = files.Select(f => File.ReadAllBytes(good + f)).ToArray();
        var rng = new Random(1234);
        string bad = Path.Combine(dir, "bad");
        string expected = ReadEverything(good);
        int detected = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            int which = rng.Next(2);
            var bytes = (byte[])originals[which].Clone();
            bool truncate = rng.Next(4) == 0;
            if (truncate)
            {
                bytes = bytes[..rng.Next(bytes.Length)];
            }
            else
            {
                for (int k = rng.Next(1, 4); k > 0; k--)
                {
                    bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
                }
            }

            File.WriteAllBytes(bad + files[which], bytes);
            File.WriteAllBytes(bad + files[1 - which], originals[1 - which]);
            try
            {
                // An undetected change (the footer's padding, which LevelDB never reads) must not alter any value.
                Assert.Equal(expected, ReadEverything(bad));
            }
            catch (DataLossException e)
            {
                detected++;
                Assert.Contains(bad, e.Message, StringComparison.Ordinal);
                Assert.Matches("(?i)checksum|crc|corrupt", e.Message);
            }
        }

        Assert.True(detected > 2400, $"only {detected} of 3000 corruptions were detected");
    }

    [Fact]
    public void Crc_mismatch_in_data_names_the_file_and_says_checksum()
    {
        string prefix = Path.Combine(TempDir(), "m");
        BundleWriter.Write(prefix, [("w", NDArray.FromArray([1f, 2f], 2))]);
        string data = prefix + ".data-00000-of-00001";
        var bytes = File.ReadAllBytes(data);
        bytes[5] ^= 0x10;
        File.WriteAllBytes(data, bytes);
        var e = Assert.Throws<DataLossException>(() => new CheckpointReader(prefix).GetTensor("w"));
        Assert.Contains(data, e.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Corrupted_tensorflow_index_blocks_are_rejected()
    {
        string dir = TempDir();
        string src = Artifact("serving-saved_model_half_plus_two_cpu/variables/variables");
        string prefix = Path.Combine(dir, "variables");
        File.Copy(src + ".data-00000-of-00001", prefix + ".data-00000-of-00001");
        var index = File.ReadAllBytes(src + ".index");
        for (int i = 0; i < index.Length - 48; i++)
        {
            var bytes = (byte[])index.Clone();
            bytes[i] ^= 0x01;
            File.WriteAllBytes(prefix + ".index", bytes);
            Assert.Throws<DataLossException>(() => ReadEverything(prefix));
        }
    }

    [Fact]
    public void Corrupted_v1_checkpoints_are_rejected()
    {
        string dir = TempDir();
        var original = File.ReadAllBytes(Artifact("serving-bad_half_plus_two-v1ckpt/export"));
        string path = Path.Combine(dir, "export");
        for (int i = 0; i < original.Length - 48; i++)
        {
            var bytes = (byte[])original.Clone();
            bytes[i] ^= 0x40;
            File.WriteAllBytes(path, bytes);
            Assert.Throws<DataLossException>(() => ReadEverything(path));
        }
    }
}
