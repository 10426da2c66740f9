using StaticGraph.Ops;
using static StaticGraph.Tests.Ops.OpAssert;

namespace StaticGraph.Tests.Ops;

/// <summary>RandomStandardNormal, TruncatedNormal and RandomUniform: ranges and moments on 10k samples.</summary>
public class RandomOpsTests
{
    private const int N = 10_000;

    private static double[] Sample(Func<Tensor> build)
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = build();
            Assert.Equal(new[] { N }, y.Shape.ToArray());
            using var sess = new Session(g);
            return Values(sess.Run(y));
        }
    }

    private static (double Mean, double Std) Moments(double[] x)
    {
        double mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length));
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void RandomStandardNormal_has_mean_zero_and_unit_std(string dtype)
    {
        var d = D(dtype);
        var x = Sample(() => RandomOps.Random("RandomStandardNormal", OpBuilder.IntVector([N], Graph.Default), d, 1, null));
        var (mean, std) = Moments(x);
        Assert.InRange(mean, -0.05, 0.05); // standard error 0.01
        Assert.InRange(std, 0.95, 1.05);
        Assert.Contains(x, v => v > 2);
        Assert.Contains(x, v => v < -2);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void Random_normal_scales_and_shifts(string dtype)
    {
        var d = D(dtype);
        var x = Sample(() => tf.random_normal([N], mean: 3, stddev: 2, dtype: d, seed: 7));
        var (mean, std) = Moments(x);
        Assert.InRange(mean, 2.9, 3.1);
        Assert.InRange(std, 1.9, 2.1);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void TruncatedNormal_stays_within_two_standard_deviations(string dtype)
    {
        var d = D(dtype);
        var x = Sample(() => RandomOps.Random("TruncatedNormal", OpBuilder.IntVector([N], Graph.Default), d, 2, null));
        Assert.All(x, v => Assert.InRange(v, -2.0, 2.0));
        var (mean, std) = Moments(x);
        // N(0, 1) truncated to [-2, 2]: variance 1 - 4φ(2)/(Φ(2) - Φ(-2)) = 0.7737, std 0.8796.
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 0.85, 0.91);
    }

    [Fact]
    public void Truncated_normal_with_a_stddev_stays_within_two_of_them()
    {
        var x = Sample(() => tf.truncated_normal([N], mean: 10, stddev: 0.5, seed: 3));
        Assert.All(x, v => Assert.InRange(v, 9.0, 11.0));
        Assert.InRange(x.Average(), 9.97, 10.03);
    }

    [Theory]
    [InlineData("float32")]
    [InlineData("float64")]
    public void RandomUniform_lies_in_zero_one(string dtype)
    {
        var d = D(dtype);
        var x = Sample(() => RandomOps.Random("RandomUniform", OpBuilder.IntVector([N], Graph.Default), d, 3, null));
        Assert.All(x, v => Assert.True(v >= 0 && v < 1, $"{v} is outside [0, 1)"));
        var (mean, std) = Moments(x);
        Assert.InRange(mean, 0.49, 0.51);                   // standard error 0.0029
        Assert.InRange(std, 0.2887 - 0.01, 0.2887 + 0.01); // 1/√12
    }

    [Fact]
    public void Random_uniform_maps_to_minval_maxval()
    {
        var x = Sample(() => tf.random_uniform([N], minval: -2, maxval: 3, dtype: tf.float64, seed: 4));
        Assert.All(x, v => Assert.True(v >= -2 && v < 3, $"{v} is outside [-2, 3)"));
        Assert.InRange(x.Average(), 0.45, 0.55);
        Assert.Contains(x, v => v < -1.9);
        Assert.Contains(x, v => v > 2.9);
    }

    [Fact]
    public void Each_run_draws_new_values()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var y = tf.random_normal([5], seed: 1);
            using var sess = new Session(g);
            Assert.NotEqual(sess.Run(y).ToArray<float>(), sess.Run(y).ToArray<float>());
        }
    }

    [Fact]
    public void Random_ops_reject_integer_dtypes()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            Assert.Throws<GraphException>(() => RandomOps.Random("RandomUniform", OpBuilder.IntVector([3], Graph.Default), DType.Int32, null, null));
        }
    }
}
