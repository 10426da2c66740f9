using System.Globalization;
using System.IO.Compression;

namespace StaticGraph.Examples.Data;

/// <summary>The 8×8 handwritten digits shipped in <c>examples/data/digits.csv.gz</c> (UCI, CC BY 4.0): 1,797 rows of
/// 64 pixel values (0–16) and a label.</summary>
public static class Digits
{
    /// <summary>Images scaled to [0, 1] as [N, 8, 8, 1] float32 rows, and labels 0–9.</summary>
    public static (float[] Images, int[] Labels) Load(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var images = new List<float>();
        var labels = new List<int>();
        int lineNo = 0;
        while (reader.ReadLine() is string line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 65)
            {
                throw new InvalidDataException($"{path}:{lineNo}: expected 65 comma-separated values, found {cells.Length}.");
            }

            for (int i = 0; i < 64; i++)
            {
                images.Add(float.Parse(cells[i], CultureInfo.InvariantCulture) / 16f);
            }

            int label = int.Parse(cells[64], CultureInfo.InvariantCulture);
            if (label is < 0 or > 9)
            {
                throw new InvalidDataException($"{path}:{lineNo}: label {label} is not a digit.");
            }

            labels.Add(label);
        }

        return (images.ToArray(), labels.ToArray());
    }

    /// <summary>The shipped file, found from the working directory or the executable's folder upwards.</summary>
    public static string DefaultPath() => Paths.FindUp(Path.Combine("examples", "data", "digits.csv.gz"))
        ?? throw new FileNotFoundException("examples/data/digits.csv.gz not found; pass --data PATH.");
}
