namespace Opto.Trace;

/// <summary>
/// The ambient tracing state of the current async flow: which scope is open, whether tracing is paused, and the
/// bundle call (if any) whose parameter reads are being recorded. Immutable, so that a flow that forks (parallel
/// tasks) never sees another flow's changes.
/// </summary>
internal sealed record TraceContext(TraceScope? Scope, bool Paused, BundleFrame? Frame)
{
    private static readonly AsyncLocal<TraceContext?> Ambient = new();

    public static TraceContext? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The graph new nodes go into, or an exception that says how to open a scope.</summary>
    public static TraceGraph RequireGraph(string what)
    {
        var scope = Ambient.Value?.Scope;
        if (scope is null)
        {
            throw new InvalidOperationException(
                $"{what} needs an open trace scope. Wrap the traced work in 'using var scope = TraceScope.Begin();'.");
        }

        if (!scope.Graph.IsOpen)
        {
            throw new InvalidOperationException($"{what} ran in a trace scope that has already ended.");
        }

        return scope.Graph;
    }

    public static bool IsPaused => Ambient.Value?.Paused == true;
}
