using System.Globalization;
using System.Text;

namespace StaticGraph.Examples.Data;

/// <summary>Comma-separated numeric tables (raw or gzip-compressed, told by the magic bytes): one row per non-empty
/// line, every row with the same number of values.</summary>
public static class Csv
{
    /// <summary>The rows of <paramref name="path"/> as numbers; <paramref name="hasHeader"/> skips the first line;
    /// <paramref name="columns"/>, when given, is the count every row must have.</summary>
    public static float[][] LoadNumbers(string path, bool hasHeader = false, int? columns = null)
    {
        var text = Encoding.UTF8.GetString(DataFile.ReadAllBytes(path));
        var rows = new List<float[]>();
        var lines = text.Split('\n');
        for (int i = hasHeader ? 1 : 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            int expected = columns ?? (rows.Count > 0 ? rows[0].Length : cells.Length);
            if (cells.Length != expected)
            {
                throw new InvalidDataException($"{path}:{i + 1}: expected {expected} comma-separated values, found {cells.Length}.");
            }

            var row = new float[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                if (!float.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]))
                {
                    throw new InvalidDataException($"{path}:{i + 1}: value {c + 1} '{cells[c]}' is not a number.");
                }
            }

            rows.Add(row);
        }

        return rows.ToArray();
    }
}
