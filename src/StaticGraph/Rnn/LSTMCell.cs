using StaticGraph.Ops;
using StaticGraph.Train;

namespace StaticGraph;

/// <summary>
/// TF1's <c>LSTMCell</c> (Hochreiter and Schmidhuber, with the peepholes and projection of Sak et al. 2014):
/// [i, j, f, o] = split([x, h] · kernel + bias, 4); c' = σ(f + forget_bias + w_f·c)·c + σ(i + w_i·c)·act(j)
/// (peephole terms only with use_peepholes), clipped to ±cell_clip when given; m = σ(o + w_o·c')·act(c');
/// h' = m · projection (clipped to ±proj_clip) when num_proj is given, else m. Output h', state (c', h').
/// Variables under <c>lstm_cell/</c>: <c>kernel</c> [depth + (num_proj ?? units), 4·units], <c>bias</c> [4·units],
/// <c>w_f_diag</c>, <c>w_i_diag</c>, <c>w_o_diag</c> [units], <c>projection/kernel</c> [units, num_proj].
/// </summary>
public sealed class LSTMCell : RNNCell
{
    private readonly int _units;
    private readonly bool _usePeepholes;
    private readonly double? _cellClip, _projClip;
    private readonly Initializer? _initializer;
    private readonly int? _numProj;
    private readonly double _forgetBias;
    private readonly Func<Tensor, Tensor> _activation;
    private Variable? _kernel, _bias, _wf, _wi, _wo, _projection;

    /// <summary>A cell of <paramref name="num_units"/> units; see the class summary for the options.
    /// <paramref name="initializer"/> initializes the kernel and projection (default glorot_uniform); the bias
    /// starts at zero.</summary>
    public LSTMCell(int num_units, bool use_peepholes = false, double? cell_clip = null, Initializer? initializer = null,
        int? num_proj = null, double? proj_clip = null, double forget_bias = 1.0, Func<Tensor, Tensor>? activation = null,
        VariableReuse? reuse = null, string? name = null, DType? dtype = null)
        : base("lstm_cell", name, reuse, dtype)
    {
        _units = RnnChecks.Positive(num_units, nameof(num_units));
        _numProj = num_proj is int p ? RnnChecks.Positive(p, nameof(num_proj)) : null;
        _usePeepholes = use_peepholes;
        _cellClip = cell_clip;
        _projClip = proj_clip;
        _initializer = initializer;
        _forgetBias = forget_bias;
        _activation = activation ?? (x => NnOps.Tanh(x, "Tanh"));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<int> StateSize => [_units, _numProj ?? _units];

    /// <inheritdoc/>
    public override int OutputSize => _numProj ?? _units;

    /// <inheritdoc/>
    protected override void Build(int inputDepth, DType dtype)
    {
        _kernel = AddVariable("kernel", [inputDepth + OutputSize, 4 * _units], dtype, _initializer);
        _bias = AddVariable("bias", [4 * _units], dtype, Initializers.Zeros());
        if (_usePeepholes)
        {
            _wf = AddVariable("w_f_diag", [_units], dtype, _initializer);
            _wi = AddVariable("w_i_diag", [_units], dtype, _initializer);
            _wo = AddVariable("w_o_diag", [_units], dtype, _initializer);
        }

        if (_numProj is int p)
        {
            _projection = AddVariable("projection/kernel", [_units, p], dtype, _initializer);
        }
    }

    /// <inheritdoc/>
    protected override (Tensor Output, RnnState NewState) CallCore(Tensor inputs, RnnState state)
    {
        var (cPrev, mPrev) = StateAs<LSTMStateTuple>(state);
        var gates = SplitColumns(Linear([inputs, mPrev], _kernel!, _bias!), 4);
        var (i, j, f, o) = (gates[0], gates[1], gates[2], gates[3]);
        var forget = f + _forgetBias;
        if (_usePeepholes)
        {
            forget += _wf! * cPrev;
            i += _wi! * cPrev;
        }

        var c = (NnOps.Sigmoid(forget, "Sigmoid") * cPrev) + (NnOps.Sigmoid(i, "Sigmoid") * _activation(j));
        if (_cellClip is double clip)
        {
            c = Clip(c, clip);
        }

        var m = NnOps.Sigmoid(_usePeepholes ? o + (_wo! * c) : o, "Sigmoid") * _activation(c);
        if (_projection is not null)
        {
            using (c.Graph.NameScope("projection"))
            {
                m = MathOps.MatMul(m, _projection, false, false, "MatMul");
            }

            if (_projClip is double pc)
            {
                m = Clip(m, pc);
            }
        }

        return (m, new LSTMStateTuple(c, m));
    }

    /// <summary>min(max(x, -bound), bound).</summary>
    private static Tensor Clip(Tensor x, double bound) =>
        IndexOps.ClipByValue(x, OpBuilder.Scalar(-bound, x.DType, x.Graph), OpBuilder.Scalar(bound, x.DType, x.Graph), "clip_by_value");

    /// <inheritdoc/>
    protected internal override RnnState MakeState(Func<int, Tensor> zeros) => new LSTMStateTuple(zeros(_units), zeros(OutputSize));
}
