namespace Opto.Trace;

/// <summary>
/// The fast path behind the built-in operators: no parameter-read frame (their bodies are ours and read no
/// parameters), no closures, one node per call.
/// </summary>
internal static class Traced
{
    public static Node<TResult> Unary<T, TResult>(Operation operation, Node<T> x, Func<T, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Unary(operation, x, x.RawValue, body);
    }

    public static Node<TResult> Binary<T1, T2, TResult>(Operation operation, Node<T1> x, Node<T2> y, Func<T1, T2, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Binary(operation, x, x.RawValue, y, y.RawValue, body);
    }

    /// <summary>A unary operation whose input value is read through a view of the node (e.g. a list as IReadOnlyList).</summary>
    public static Node<TResult> Unary<T, TResult>(Operation operation, Node x, T xValue, Func<T, TResult> body)
    {
        var context = TraceContext.Current;
        var graph = Graph(operation, context);
        Bundle.CheckInput(operation, graph, x);
        TResult value;
        try
        {
            value = body(xValue);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Bundle.Failure(graph, operation, context!.Paused ? [] : [x], ex);
        }

        return context!.Paused
            ? new Node<TResult>(graph, operation.NameBase, value, operation.Description)
            : new MessageNode<TResult>(graph, operation, [x], value);
    }

    /// <summary>A binary operation whose input values are read through views of the nodes.</summary>
    public static Node<TResult> Binary<T1, T2, TResult>(Operation operation, Node x, T1 xValue, Node y, T2 yValue, Func<T1, T2, TResult> body)
    {
        var context = TraceContext.Current;
        var graph = Graph(operation, context);
        Bundle.CheckInput(operation, graph, x);
        Bundle.CheckInput(operation, graph, y);
        TResult value;
        try
        {
            value = body(xValue, yValue);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Bundle.Failure(graph, operation, context!.Paused ? [] : [x, y], ex);
        }

        return context!.Paused
            ? new Node<TResult>(graph, operation.NameBase, value, operation.Description)
            : new MessageNode<TResult>(graph, operation, [x, y], value);
    }

    public static Node<TResult> Nary<TResult>(Operation operation, Node[] inputs, Func<Node[], TResult> body)
    {
        var (graph, context) = Bundle.Enter(operation, inputs);
        TResult value;
        try
        {
            value = body(inputs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Bundle.Failure(graph, operation, context.Paused ? [] : inputs, ex);
        }

        return context.Paused
            ? new Node<TResult>(graph, operation.NameBase, value, operation.Description)
            : new MessageNode<TResult>(graph, operation, inputs, value);
    }

    private static TraceGraph Graph(Operation operation, TraceContext? context)
    {
        if (context?.Scope is { } scope && scope.Graph.IsOpen)
        {
            return scope.Graph;
        }

        return TraceContext.RequireGraph($"Operation '{operation.Name}'");
    }
}
