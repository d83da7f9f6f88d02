using System.Runtime.CompilerServices;

namespace Opto.Trace.Tests;

public class ScopeTests
{
    [Fact]
    public void Disposing_a_scope_closes_its_graph_and_restores_the_enclosing_one()
    {
        Assert.Null(TraceScope.Current);
        var outer = TraceScope.Begin("outer");
        var inner = TraceScope.Begin("inner");
        Assert.Same(inner, TraceScope.Current);
        Assert.Same(outer.Graph, inner.Graph.Parent);

        inner.Dispose();
        Assert.Same(outer, TraceScope.Current);
        Assert.False(inner.Graph.IsOpen);
        outer.Dispose();
        Assert.Null(TraceScope.Current);
        Assert.False(TraceScope.IsTracing);
    }

    [Fact]
    public async Task Parallel_workflows_each_get_their_own_graph()
    {
        var graphs = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
        {
            await Task.Yield();
            using var scope = TraceScope.Begin($"run{i}");
            var x = Node.Input(i, "x");
            for (var k = 0; k < 50; k++)
            {
                await Task.Yield();
                x = x + 1;
            }

            Assert.Same(scope.Graph, x.Graph);
            return (Graph: scope.Graph, Value: x.Value);
        }));

        Assert.Equal(16, graphs.Select(g => g.Graph).Distinct().Count());
        Assert.All(graphs, g => Assert.Equal(101, g.Graph.Count)); // 1 input + 50 × (constant + add)
        Assert.Equal(Enumerable.Range(50, 16), graphs.Select(g => g.Value));
    }

    [Fact]
    public async Task Names_stay_unique_when_parallel_tasks_share_one_scope()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(0.0, "x");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var y = x;
            for (var k = 0; k < 500; k++)
            {
                y = y * 1.0;
            }

            return y;
        })));

        var names = scope.Graph.Nodes.Select(n => n.Name).ToList();
        Assert.Equal(1 + (8 * 500 * 2), names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(results, r => Assert.Same(scope.Graph, r.Graph));
    }

    [Fact]
    public void Paused_tracing_computes_values_without_edges()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(2);
        Node<int> y;
        using (TraceScope.Pause())
        {
            Assert.False(TraceScope.IsTracing);
            y = x * 5;
        }

        Assert.True(TraceScope.IsTracing);
        Assert.Equal(10, y.Value);
        Assert.True(y.IsRoot);
        var z = y + x;
        Assert.Equal([y, x], z.Parents);
    }

    [Fact]
    public void Nodes_from_another_open_scope_cannot_be_mixed_in()
    {
        Node<int> foreign = null!;
        var thread = new Thread(() =>
        {
            var other = TraceScope.Begin();
            foreign = Node.Input(1);
        });
        thread.Start();
        thread.Join();

        using var scope = TraceScope.Begin();
        var error = Assert.Throws<InvalidOperationException>(() => Node.Input(2) + foreign);
        Assert.Contains("another trace scope", error.Message);
        Assert.Equal(1, scope.Graph.Count); // the refused operation added nothing
    }

    [Fact]
    public void Outer_nodes_may_be_used_in_a_nested_scope()
    {
        using var outer = TraceScope.Begin();
        var x = Node.Input(2);
        using var inner = TraceScope.Begin();
        var y = x * 3;
        Assert.Same(inner.Graph, y.Graph);
        Assert.Equal(6, y.Value);
    }

    [Fact]
    public void Graph_memory_is_released_after_the_scope_ends()
    {
        var (graph, output) = BuildAndDrop();
        for (var i = 0; i < 5 && (graph.IsAlive || output.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(graph.IsAlive);
        Assert.False(output.IsAlive);
        Assert.Null(TraceScope.Current);
    }

    [Fact]
    public void A_parameter_keeps_a_graph_alive_only_until_its_feedback_is_zeroed()
    {
        var p = new ParameterNode<double>(1.0, "p");
        var graph = BuildWithFeedback(p);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(graph.IsAlive); // the optimizer still needs the trace

        p.ZeroFeedback();
        for (var i = 0; i < 5 && graph.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(graph.IsAlive);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Graph, WeakReference Output) BuildAndDrop()
    {
        using var scope = TraceScope.Begin();
        var p = new ParameterNode<double>(1.0, "p");
        Node<double> y = p;
        for (var i = 0; i < 1000; i++)
        {
            y = y * 1.01 + 0.5;
        }

        return (new WeakReference(scope.Graph), new WeakReference(y));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference BuildWithFeedback(ParameterNode<double> p)
    {
        using var scope = TraceScope.Begin();
        var y = p * 2.0 + 1.0;
        y.Backward("too small");
        return new WeakReference(scope.Graph);
    }
}
