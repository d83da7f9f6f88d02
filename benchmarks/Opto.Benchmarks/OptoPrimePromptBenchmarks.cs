using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Opto.Optimizers;
using Opto.Trace;

namespace Opto.Benchmarks;

/// <summary>
/// OptoPrime's framework overhead without the LLM: building the per-parameter view and rendering the problem.
/// Chain: one parameter behind N affine steps (the reference's chain a, 4 nodes per step). Wide: M parameters
/// summed by M-1 adds, all updated together (the reference's prompt construction at 800 parameters: 2.4 s).
/// </summary>
[MemoryDiagnoser]
public class OptoPrimePromptBenchmarks
{
    private OptoPrime _optimizer = null!;

    [Params("chain-25", "chain-250", "wide-100", "wide-800")]
    public string Graph { get; set; } = "chain-25";

    [GlobalSetup]
    public void Setup()
    {
        var size = int.Parse(Graph.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
        IParameterNode[] parameters = Graph.StartsWith("chain", StringComparison.Ordinal) ? [Chain(size)] : Wide(size);
        _optimizer = new OptoPrime(parameters, new UnusedChatClient());
    }

    [Benchmark]
    public int BuildPrompt() => _optimizer.BuildPrompt()!.Subgraph.Nodes.Count;

    private static ParameterNode<double> Chain(int steps)
    {
        var x = new ParameterNode<double>(1.0, "x", "Starting value.");
        using var scope = TraceScope.Begin();
        Node<double> y = x;
        for (var i = 0; i < steps; i++)
        {
            y = y * 1.0001 + 0.5;
        }

        y.Backward("y should be 100.");
        return x;
    }

    private static IParameterNode[] Wide(int m)
    {
        var ps = Enumerable.Range(0, m).Select(i => new ParameterNode<double>(i, $"p{i}")).ToArray();
        using var scope = TraceScope.Begin();
        Node<double> total = ps[0];
        for (var i = 1; i < m; i++)
        {
            total += ps[i];
        }

        total.Backward("The total should be zero.");
        return ps;
    }

    /// <summary>Prompt building never calls the model.</summary>
    private sealed class UnusedChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
