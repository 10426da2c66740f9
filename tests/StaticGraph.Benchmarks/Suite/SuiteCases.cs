namespace StaticGraph.Benchmarks.Suite;

/// <summary>The suite's rows in print order: the two machine baselines, then the cases a to e with its
/// 2-thread targets (about twice libtorch's figures on the same machine).</summary>
internal static class SuiteCases
{
    public static readonly SuiteCase[] All =
    [
        new("FMA peak (baseline)", typeof(FmaPeakBenchmarks), nameof(FmaPeakBenchmarks.FmaPeak), Measure.Gflops,
            FmaPeakBenchmarks.FlopsPerOp, Limit.None),
        new("stream 3 reads + 1 write (baseline)", typeof(StreamBandwidthBenchmarks), nameof(StreamBandwidthBenchmarks.Stream),
            Measure.Bandwidth, StreamBandwidthBenchmarks.BytesPerOp, Limit.None),
        new("a. sgemm 1024^3", typeof(SgemmBenchmarks), nameof(SgemmBenchmarks.Sgemm1024), Measure.Gflops,
            SgemmBenchmarks.Flops(1024, 1024, 1024), Limit.FmaPeak, new(0.75, IsFraction: true)),
        new("a. sgemm 256^3", typeof(SgemmBenchmarks), nameof(SgemmBenchmarks.Sgemm256), Measure.Gflops,
            SgemmBenchmarks.Flops(256, 256, 256), Limit.FmaPeak),
        new("a. sgemm 64x784x256", typeof(SgemmBenchmarks), nameof(SgemmBenchmarks.Sgemm64x784x256), Measure.Gflops,
            SgemmBenchmarks.Flops(64, 784, 256), Limit.FmaPeak),
        new("b. MLP train step", typeof(MlpTrainBenchmarks), nameof(MlpTrainBenchmarks.MlpTrainStep), Measure.Steps,
            MlpTrainBenchmarks.FlopsPerStep, Limit.FmaPeak, new(1600, IsFraction: false)),
        new("c. CNN train step", typeof(CnnBenchmarks), nameof(CnnBenchmarks.CnnTrainStep), Measure.Steps,
            CnnBenchmarks.TrainFlops, Limit.FmaPeak, new(55, IsFraction: false)),
        new("c. CNN inference", typeof(CnnBenchmarks), nameof(CnnBenchmarks.CnnInference), Measure.Steps,
            CnnBenchmarks.InferenceFlops, Limit.FmaPeak),
        new("d. LSTM train step (dynamic_rnn)", typeof(LstmTrainBenchmarks), nameof(LstmTrainBenchmarks.LstmTrainStep), Measure.Steps,
            LstmTrainBenchmarks.FlopsPerStep, Limit.FmaPeak, new(430, IsFraction: false)),
        new("e. relu(a*b+c) 16M floats", typeof(FusedElementwiseBenchmarks), nameof(FusedElementwiseBenchmarks.FusedReluFma),
            Measure.Bandwidth, FusedElementwiseBenchmarks.BytesPerOp, Limit.Stream, new(0.80, IsFraction: true)),
        new("e. relu(a*b+c), results not disposed", typeof(FusedElementwiseBenchmarks), nameof(FusedElementwiseBenchmarks.FusedReluFmaKept),
            Measure.Bandwidth, FusedElementwiseBenchmarks.BytesPerOp, Limit.Stream),
    ];
}
