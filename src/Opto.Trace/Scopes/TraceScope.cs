namespace Opto.Trace;

/// <summary>
/// Where a trace lives. Operations on nodes record into the graph of the innermost open scope of the current
/// async flow; parallel workflows that each begin a scope never mix their graphs, and nothing stays reachable
/// from the scope machinery once a scope is disposed.
/// </summary>
/// <example>
/// <code>
/// using var scope = TraceScope.Begin();
/// var y = x * 2.0 + Node.Input(1.0);
/// y.Backward("y should be larger");
/// </code>
/// </example>
public sealed class TraceScope : IDisposable
{
    private readonly TraceContext? _previous;
    private bool _disposed;

    private TraceScope(string? name)
    {
        _previous = TraceContext.Current;
        Graph = new TraceGraph(name, _previous?.Scope?.Graph);
        TraceContext.Current = new TraceContext(this, Paused: false, Frame: null);
    }

    /// <summary>The innermost open scope of the current async flow, if any.</summary>
    public static TraceScope? Current => TraceContext.Current?.Scope;

    /// <summary>Whether operations on nodes are being recorded right now (a scope is open and not paused).</summary>
    public static bool IsTracing => TraceContext.Current is { Scope: not null, Paused: false };

    /// <summary>The graph this scope records into.</summary>
    public TraceGraph Graph { get; }

    /// <summary>Opens a scope; dispose it to end the trace.</summary>
    /// <param name="name">An optional name for the graph, shown when rendering.</param>
    /// <returns>The scope.</returns>
    public static TraceScope Begin(string? name = null) => new(name);

    /// <summary>
    /// Pauses tracing until the returned handle is disposed: operations still compute their values, but their
    /// results have no parents, so nothing done meanwhile appears in the graph or receives feedback.
    /// </summary>
    /// <returns>A handle that resumes tracing when disposed.</returns>
    public static IDisposable Pause()
    {
        var previous = TraceContext.Current;
        TraceContext.Current = (previous ?? new TraceContext(null, false, null)) with { Paused = true };
        return new Restorer(previous);
    }

    /// <summary>Ends the scope: its graph is closed and the enclosing scope (if any) becomes current again.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Graph.Close();
        if (ReferenceEquals(TraceContext.Current?.Scope, this))
        {
            TraceContext.Current = _previous;
        }
    }

    private sealed class Restorer(TraceContext? previous) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                TraceContext.Current = previous;
            }
        }
    }
}
