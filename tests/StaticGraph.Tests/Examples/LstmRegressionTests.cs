using StaticGraph.Examples;

namespace StaticGraph.Tests.Examples;

public class LstmRegressionTests
{
    [Fact]
    public void Lstm_regression_cost_falls_below_a_tenth_of_its_first_printed_value_within_200_iterations()
    {
        // The Control-flow issue's acceptance: seed 002's program, state carried between batches, 200 iterations.
        string logs = Directory.CreateTempSubdirectory("staticgraph-lstm-").FullName;
        var output = Console.Out;
        try
        {
            Console.SetOut(TextWriter.Null);
            var costs = LstmRegression.Train(["--steps", "200", "--logs", logs]);
            Assert.Equal(10, costs.Count); // iterations 0, 20, ..., 180
            Assert.True(costs.Skip(1).Min() < 0.1 * costs[0], $"printed costs: {string.Join(", ", costs)}");
            Assert.NotEmpty(Directory.GetFiles(logs, "events.out.tfevents.*"));
        }
        finally
        {
            Console.SetOut(output);
            Directory.Delete(logs, recursive: true);
        }
    }
}
