using System.Globalization;
using ScottPlot;

namespace StaticGraph.Examples;

/// <summary>
/// The pictures the book's programs draw with matplotlib (accuracy curves, confusion matrices, weight images), written
/// as PNG files with ScottPlot into the folder given by <c>--plots DIR</c>. Each file is rendered in memory, written
/// to a temporary name and renamed, so a failed run leaves no partial picture.
/// </summary>
public sealed class Plots
{
    private const int Width = 640;
    private const int Height = 560;
    private readonly string _dir;

    private Plots(string dir) => _dir = dir;

    /// <summary>A writer into <c>--plots DIR</c>, or null when the option is absent (no pictures).</summary>
    public static Plots? FromArgs(string[] args) =>
        Data.Paths.Option(args, "plots") is string dir ? new Plots(Path.GetFullPath(dir)) : null;

    /// <summary>Training (blue circles) and validation (red crosses) accuracy recorded every
    /// <paramref name="every"/> steps, as the book's <c>plt.plot(train_acc, 'bo'); plt.plot(test_acc, 'rx')</c>.</summary>
    public void AccuracyCurves(string name, IReadOnlyList<float> train, IReadOnlyList<float> validation, int every)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        var plot = new Plot();
        AddSeries(plot, train, every, Colors.Blue, MarkerShape.OpenCircle, "train");
        AddSeries(plot, validation, every, Colors.Red, MarkerShape.Eks, "validation");
        plot.Title($"{name}: accuracy");
        plot.XLabel("epoch");
        plot.YLabel("accuracy");
        plot.ShowLegend(Alignment.LowerRight);
        Save(plot, $"{name}-accuracy");
    }

    /// <summary>Counts of (true class row, predicted class column), as the book's <c>plt.matshow(conf)</c>.</summary>
    public void ConfusionMatrix(string name, int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var values = new double[counts.GetLength(0), counts.GetLength(1)];
        for (int t = 0; t < values.GetLength(0); t++)
        {
            for (int p = 0; p < values.GetLength(1); p++)
            {
                values[t, p] = counts[t, p];
            }
        }

        double max = values.Cast<double>().Max();
        var plot = HeatmapPlot(values, $"{name}: confusion matrix (rows: true, columns: predicted)", null);
        for (int t = 0; t < values.GetLength(0); t++)
        {
            for (int p = 0; p < values.GetLength(1); p++)
            {
                var label = plot.Add.Text(counts[t, p].ToString(CultureInfo.InvariantCulture), p, values.GetLength(0) - 1 - t);
                // Dark text on the bright (high-count) end of the colour map, light text on the dark end.
                label.LabelFontColor = counts[t, p] * 2 > max ? Colors.Black : Colors.White;
                label.LabelFontSize = 18;
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        Save(plot, $"{name}-confusion");
    }

    /// <summary>One matrix as a heatmap with a colour bar (row 0 at the top), as <c>plt.matshow(M); plt.colorbar()</c>.</summary>
    public void Matrix(string name, string title, float[,] values, IColormap? colormap = null) =>
        Save(HeatmapPlot(ToDouble(values), title, colormap), name);

    /// <summary>Several matrices (weight images) side by side in a grid of <paramref name="columns"/>, as the book's
    /// <c>plt.subplots</c> of <c>matshow</c> panels.</summary>
    public void Images(string name, string title, IReadOnlyList<float[,]> images, int columns, IColormap? colormap = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        int rows = (images.Count + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.AddPlots(images.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (int i = 0; i < images.Count; i++)
        {
            var panel = multiplot.GetPlot(i);
            var heatmap = panel.Add.Heatmap(ToDouble(images[i]));
            heatmap.Colormap = colormap ?? new ScottPlot.Colormaps.Viridis();
            panel.Axes.Frameless();
            panel.HideGrid();
            panel.Axes.Title.Label.Text = i == 0 ? title : "";
        }

        Write(multiplot.Render(Math.Max(Width, 160 * columns), Math.Max(200, 160 * rows)), name);
    }

    /// <summary>Kernel <paramref name="channel"/> of each output filter of a [height, width, in, out] convolution
    /// weight, as 2-D images.</summary>
    public static IReadOnlyList<float[,]> Filters(NDArray kernel, int channel = 0)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var d = kernel.Shape.ToArray();
        var w = kernel.ToArray<float>();
        return Enumerable.Range(0, d[3]).Select(o =>
        {
            var image = new float[d[0], d[1]];
            for (int r = 0; r < d[0]; r++)
            {
                for (int c = 0; c < d[1]; c++)
                {
                    image[r, c] = w[(((((r * d[1]) + c) * d[2]) + channel) * d[3]) + o];
                }
            }

            return image;
        }).ToArray();
    }

    /// <summary>The first <paramref name="count"/> columns of a [side·side, n] dense weight, each reshaped to a
    /// side×side image (what a unit of the layer looks for in the input picture).</summary>
    public static IReadOnlyList<float[,]> Columns(NDArray weights, int side, int count)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = weights.Shape.ToArray()[1];
        var w = weights.ToArray<float>();
        return Enumerable.Range(0, Math.Min(count, n)).Select(j =>
        {
            var image = new float[side, side];
            for (int i = 0; i < side * side; i++)
            {
                image[i / side, i % side] = w[(i * n) + j];
            }

            return image;
        }).ToArray();
    }

    /// <summary>A rank-2 float32 value as a matrix; <paramref name="transpose"/> swaps rows and columns.</summary>
    public static float[,] ToMatrix(NDArray value, bool transpose = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var d = value.Shape.ToArray();
        var v = value.ToArray<float>();
        var m = transpose ? new float[d[1], d[0]] : new float[d[0], d[1]];
        for (int i = 0; i < d[0]; i++)
        {
            for (int j = 0; j < d[1]; j++)
            {
                if (transpose)
                {
                    m[j, i] = v[(i * d[1]) + j];
                }
                else
                {
                    m[i, j] = v[(i * d[1]) + j];
                }
            }
        }

        return m;
    }

    private static void AddSeries(Plot plot, IReadOnlyList<float> values, int every, Color color, MarkerShape marker, string label)
    {
        var xs = Enumerable.Range(0, values.Count).Select(i => (double)i * every).ToArray();
        var scatter = plot.Add.ScatterPoints(xs, values.Select(v => (double)v).ToArray(), color);
        scatter.MarkerShape = marker;
        scatter.MarkerSize = 6;
        scatter.LegendText = label;
    }

    private static Plot HeatmapPlot(double[,] values, string title, IColormap? colormap)
    {
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = colormap ?? new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.HideGrid();
        plot.Axes.Margins(0, 0);

        // Label cells by row and column index as matshow does: the heatmap draws row 0 at the top.
        int rows = values.GetLength(0), columns = values.GetLength(1);
        plot.Axes.Left.TickGenerator = IndexTicks(rows, i => rows - 1 - i);
        plot.Axes.Bottom.TickGenerator = IndexTicks(columns, i => i);
        return plot;
    }

    private static ScottPlot.TickGenerators.NumericManual IndexTicks(int count, Func<int, int> position)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < count; i += Math.Max(1, count / 10))
        {
            ticks.AddMajor(position(i), i.ToString(CultureInfo.InvariantCulture));
        }

        return ticks;
    }

    private static double[,] ToDouble(float[,] values)
    {
        var result = new double[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
        {
            for (int j = 0; j < values.GetLength(1); j++)
            {
                result[i, j] = values[i, j];
            }
        }

        return result;
    }

    private void Save(Plot plot, string name) => Write(plot.GetImage(Width, Height), name);

    private void Write(Image image, string name)
    {
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, name + ".png");
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, image.GetImageBytes(ImageFormat.Png));
        File.Move(temp, path, overwrite: true);
        image.Dispose();
        Console.WriteLine($"wrote {path}");
    }
}
