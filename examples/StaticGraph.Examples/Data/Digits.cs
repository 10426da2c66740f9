namespace StaticGraph.Examples.Data;

/// <summary>The 8×8 handwritten digits shipped in <c>examples/data/digits.csv.gz</c> (UCI, CC BY 4.0): 1,797 rows of
/// 64 pixel values (0–16) and a label.</summary>
public static class Digits
{
    /// <summary>Images scaled to [0, 1] as [N, 8, 8, 1] float32 rows, and labels 0–9.</summary>
    public static (float[] Images, int[] Labels) Load(string path)
    {
        var rows = Csv.LoadNumbers(path, columns: 65);
        var images = new float[rows.Length * 64];
        var labels = new int[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int i = 0; i < 64; i++)
            {
                images[(r * 64) + i] = rows[r][i] / 16f;
            }

            float label = rows[r][64];
            labels[r] = label is >= 0 and <= 9 && label == MathF.Floor(label)
                ? (int)label
                : throw new InvalidDataException($"{path}: row {r + 1} has label {label}, not a digit 0-9.");
        }

        return (images, labels);
    }

    /// <summary>The shipped file, found from the working directory or the executable's folder upwards.</summary>
    public static string DefaultPath() => Paths.FindUp(Path.Combine("examples", "data", "digits.csv.gz"))
        ?? throw new FileNotFoundException("examples/data/digits.csv.gz not found; pass --data PATH.");
}
