using StaticGraph.Examples.Data;

namespace StaticGraph.Tests.Examples;

public class DataSetTests
{
    private static DataSet Numbered(int count, bool shuffle, int seed = 0) =>
        new(Enumerable.Range(0, count).Select(i => (float)i).ToArray(), Enumerable.Range(0, count).ToArray(), [1], seed, shuffle);

    [Fact]
    public void An_unshuffled_set_serves_consecutive_batches_then_has_no_more_examples()
    {
        var data = Numbered(5, shuffle: false);
        Assert.Equal([0, 1], data.NextBatch(2).Labels.ToArray<int>());
        Assert.Equal([2, 3], data.NextBatch(2).Labels.ToArray<int>());
        var error = Assert.Throws<InvalidOperationException>(() => data.NextBatch(2));
        Assert.StartsWith("have no more examples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shuffled_set_starts_a_new_permutation_when_the_next_batch_does_not_fit()
    {
        var data = Numbered(5, shuffle: true, seed: 3);
        var first = data.NextBatch(2).Labels.ToArray<int>().Concat(data.NextBatch(2).Labels.ToArray<int>()).ToArray();
        Assert.Equal(4, first.Distinct().Count());               // one pass: no repeats
        var second = Enumerable.Range(0, 2).SelectMany(_ => data.NextBatch(2).Labels.ToArray<int>()).ToArray();
        Assert.Equal(4, second.Distinct().Count());              // the leftover example was skipped, a new pass began
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_batch_larger_than_the_set_is_an_error(bool shuffle)
    {
        var error = Assert.ThrowsAny<Exception>(() => Numbered(3, shuffle).NextBatch(4));
        Assert.Contains(shuffle ? "batch size is larger than all examples" : "have no more examples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_follow_their_labels_through_the_shuffle()
    {
        var data = Numbered(10, shuffle: true, seed: 9);
        var (images, labels) = data.NextBatch(10);
        Assert.Equal(labels.ToArray<int>().Select(l => (float)l), images.ToArray<float>());
        Assert.NotEqual(Enumerable.Range(0, 10), labels.ToArray<int>());
    }
}
