using Xunit.Abstractions;

namespace Opto.Optimizers.Tests;

public class PromptPerformanceTests(ITestOutputHelper output)
{
    // Time targets (under 1 ms for 100 nodes) are measured in benchmarks/, never asserted in a unit test.
    [Fact]
    public void Prompt_building_allocates_linearly_in_graph_size()
    {
        // Allocated bytes are deterministic where time on a shared machine is not, and quadratic string building
        // would show in them at once (16x the nodes would allocate about 256x the bytes).
        static long AllocatedFor(int nodes)
        {
            var optimizer = new OptoPrime([Graphs.Chain(nodes)], new FakeChatClient());
            _ = optimizer.BuildPrompt();
            var before = GC.GetAllocatedBytesForCurrentThread();
            _ = optimizer.BuildPrompt();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var small = AllocatedFor(400);
        var large = AllocatedFor(6_400);
        output.WriteLine($"400 nodes: {small / 1024} KiB, 6400 nodes: {large / 1024} KiB, ratio {(double)large / small:F1} (linear: 16)");
        Assert.InRange((double)large / small, 8, 24);
    }
}
