using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticGraph.Kernels;

// Implicit im2col: the GEMM's A operand packed straight from the images, block by block, so the im2col matrix
// (KH·KW times the input, written once and read back once per product) is never built.
internal static partial class Conv
{
    /// <summary>The receptive fields of images first, first + 1, … as op(A) [positions, KH·KW·C]: row r is output
    /// position r % (OH·OW) of image first + r / (OH·OW), column p is channel p % C of tap p / C (zero where the tap
    /// reaches into padding). Packing a panel transposes: each position's channels of a tap are contiguous in the
    /// image, and a panel stores one (tap, channel) of all its positions together.</summary>
    private readonly unsafe struct Im2ColPanels<T>(T* x, Geometry g, int first) : IPanelSource<T>
        where T : unmanaged, INumber<T>
    {
        public void PackPanels(int row, int rows, int p, int kc, int mr, T* dst)
        {
            int c = g.C;
            T** lines = stackalloc T*[mr];
            var origins = stackalloc Origin[mr];
            for (int q = 0; q < rows; q += mr, dst += (long)mr * kc)
            {
                int live = Math.Min(mr, rows - q);
                if (live < mr)
                {
                    new Span<T>(dst, mr * kc).Clear();
                }

                for (int l = 0; l < live; l++)
                {
                    origins[l] = OriginOf(row + q + l);
                }

                for (int pp = p; pp < p + kc;)
                {
                    int tap = pp / c, ch = pp % c, run = Math.Min(c - ch, p + kc - pp);
                    int dh = tap / g.Win.KW * g.Win.DH, dw = tap % g.Win.KW * g.Win.DW;
                    for (int l = 0; l < live; l++)
                    {
                        lines[l] = Field(origins[l], dh, dw, ch);
                    }

                    Transpose(lines, live, run, mr, dst + ((long)(pp - p) * mr));
                    pp += run;
                }
            }
        }

        /// <summary>Where row r's window starts: its image's first element and the input row and column of the
        /// window's top-left tap (negative in the padding).</summary>
        public Origin OriginOf(int r)
        {
            int pos = r % g.Positions;
            return new Origin((long)(first + (r / g.Positions)) * g.H * g.W * g.C,
                ((pos / g.OW) * g.Win.SH) - g.PadTop, ((pos % g.OW) * g.Win.SW) - g.PadLeft);
        }

        /// <summary>The address of channel ch of the tap (dh, dw) rows and columns from <paramref name="o"/>; null
        /// inside the padding.</summary>
        public T* Field(in Origin o, int dh, int dw, int ch)
        {
            int ih = o.H + dh, iw = o.W + dw;
            return (uint)ih >= (uint)g.H || (uint)iw >= (uint)g.W ? null : x + o.Image + ((((long)ih * g.W) + iw) * g.C) + ch;
        }
    }

    /// <summary>A window's start: see <see cref="Im2ColPanels{T}.OriginOf"/>.</summary>
    private readonly record struct Origin(long Image, int H, int W);

    /// <summary>The transpose of <see cref="Im2ColPanels{T}"/>'s matrix, op(A) [KH·KW·C, positions]: row i is channel
    /// i % C of tap i / C, column p a position of the images from first on. A panel's rows at one position are runs of
    /// channels, contiguous in the image, so packing is a copy per tap; the runs (cut where a tap or a panel ends) are
    /// the same at every position, so they are worked out once per block.</summary>
    private readonly unsafe struct Im2ColTPanels<T>(T* x, Geometry g, int first) : IPanelSource<T>
        where T : unmanaged, INumber<T>
    {
        public void PackPanels(int row, int rows, int p, int kc, int mr, T* dst)
        {
            int c = g.C;
            if (rows % mr != 0)
            {
                new Span<T>(dst + ((long)(rows / mr) * mr * kc), mr * kc).Clear();
            }

            // Runs of rows [row, row + rows): tap offset, first channel, length and place in the panels at column 0.
            int most = ((rows + mr - 1) / mr) + ((rows + c - 1) / c) + 1, count = 0;
            var runs = stackalloc Run[most];
            for (int i = row; i < row + rows;)
            {
                int tap = i / c, ch = i % c, l = i - row, slot = l % mr;
                int n = Math.Min(Math.Min(c - ch, row + rows - i), mr - slot);
                runs[count++] = new Run(tap / g.Win.KW * g.Win.DH, tap % g.Win.KW * g.Win.DW, ch, n, ((long)(l / mr) * mr * kc) + slot);
                i += n;
            }

            var fields = new Im2ColPanels<T>(x, g, first);
            var origin = fields.OriginOf(p);
            int ow = p % g.Positions % g.OW;
            for (int pp = 0; pp < kc; pp++)
            {
                for (int r = 0; r < count; r++)
                {
                    var run = runs[r];
                    T* src = fields.Field(origin, run.DH, run.DW, run.Channel);
                    T* to = dst + run.At + ((long)pp * mr);
                    if (src == null)
                    {
                        new Span<T>(to, run.Length).Clear();
                    }
                    else
                    {
                        BlockCopy.Run(src, to, run.Length);
                    }
                }

                // The next position: one column right, or the next output row, or the next image.
                origin = ++ow < g.OW ? origin with { W = origin.W + g.Win.SW } : fields.OriginOf(p + pp + 1);
                ow = ow < g.OW ? ow : 0;
            }
        }

        private readonly record struct Run(int DH, int DW, int Channel, int Length, long At);
    }

    /// <summary>dst[j·mr + l] = lines[l][j] for l &lt; live, j &lt; run (a null line reads as zeros): four lines at a
    /// time through 4 x 4 register transposes for floats, element by element for the rest.</summary>
    private static unsafe void Transpose<T>(T** lines, int live, int run, int mr, T* dst)
        where T : unmanaged, INumber<T>
    {
        int l = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            int j4 = run & ~3;
            for (; l + 4 <= live; l += 4)
            {
                float* s0 = (float*)lines[l], s1 = (float*)lines[l + 1], s2 = (float*)lines[l + 2], s3 = (float*)lines[l + 3];
                float* d = (float*)dst + l;
                for (int j = 0; j < j4; j += 4, d += 4 * mr)
                {
                    Gemm.Store4x4(Load(s0, j), Load(s1, j), Load(s2, j), Load(s3, j), d, mr);
                }

                for (int j = j4; j < run; j++)
                {
                    float* to = (float*)dst + ((long)j * mr) + l;
                    (to[0], to[1], to[2], to[3]) = (At(s0, j), At(s1, j), At(s2, j), At(s3, j));
                }
            }
        }

        for (; l < live; l++)
        {
            T* s = lines[l];
            for (int j = 0; j < run; j++)
            {
                dst[((long)j * mr) + l] = s == null ? T.Zero : s[j];
            }
        }
    }

    private static unsafe Vector128<float> Load(float* line, int j) => line == null ? Vector128<float>.Zero : Sse.LoadVector128(line + j);

    private static unsafe float At(float* line, int j) => line == null ? 0f : line[j];
}
