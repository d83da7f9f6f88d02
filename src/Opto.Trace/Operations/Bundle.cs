namespace Opto.Trace;

/// <summary>
/// Runs a delegate as a traced operation: its result becomes a <see cref="MessageNode{T}"/> whose inputs are the
/// given nodes plus every parameter the body read; an exception becomes an <see cref="ExceptionNode"/> and is
/// thrown as <see cref="TraceExecutionException"/>. This is what the source generator's traced methods call.
/// </summary>
/// <remarks>Cancellation (<see cref="OperationCanceledException"/>) is never turned into feedback; it propagates.</remarks>
public static partial class Bundle
{
    /// <summary>Runs <paramref name="body"/> as a traced operation of the given inputs.</summary>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="inputs">The nodes the body depends on, in the order of <see cref="Operation.ParameterNames"/>.</param>
    /// <param name="body">Computes the result (it may read the inputs' values and any parameters).</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Node<TResult> Invoke<TResult>(Operation operation, IReadOnlyList<Node> inputs, Func<TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Run(operation, ToArray(inputs), body, static b => b());
    }

    /// <summary>Runs <paramref name="body"/> on the value of one node, as a traced operation.</summary>
    /// <typeparam name="T1">The type of the argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="arg1">The argument.</param>
    /// <param name="body">Computes the result.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Node<TResult> Invoke<T1, TResult>(Operation operation, Node<T1> arg1, Func<T1, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(body);
        return Run(operation, [arg1], (arg1, body), static s => s.body(s.arg1.RawValue));
    }

    /// <summary>Runs <paramref name="body"/> on the values of two nodes, as a traced operation.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="body">Computes the result.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Node<TResult> Invoke<T1, T2, TResult>(Operation operation, Node<T1> arg1, Node<T2> arg2, Func<T1, T2, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(body);
        return Run(operation, [arg1, arg2], (arg1, arg2, body), static s => s.body(s.arg1.RawValue, s.arg2.RawValue));
    }

    /// <summary>Runs <paramref name="body"/> on the values of three nodes, as a traced operation.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="body">Computes the result.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Node<TResult> Invoke<T1, T2, T3, TResult>(Operation operation, Node<T1> arg1, Node<T2> arg2, Node<T3> arg3, Func<T1, T2, T3, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(arg3);
        ArgumentNullException.ThrowIfNull(body);
        return Run(operation, [arg1, arg2, arg3], (arg1, arg2, arg3, body), static s => s.body(s.arg1.RawValue, s.arg2.RawValue, s.arg3.RawValue));
    }

    private static Node<TResult> Run<TState, TResult>(Operation operation, Node[] inputs, TState state, Func<TState, TResult> body)
    {
        var (graph, outer) = Enter(operation, inputs);
        if (outer.Paused)
        {
            return RunPaused(graph, operation, state, body);
        }

        var frame = new BundleFrame(inputs);
        TraceContext.Current = outer with { Frame = frame };
        TResult value;
        try
        {
            value = body(state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failure(graph, operation, frame.InputsWithReads(), ex);
        }
        finally
        {
            TraceContext.Current = outer;
        }

        return new MessageNode<TResult>(graph, operation, frame.InputsWithReads(), value);
    }

    private static Node<TResult> RunPaused<TState, TResult>(TraceGraph graph, Operation operation, TState state, Func<TState, TResult> body)
    {
        try
        {
            return new Node<TResult>(graph, operation.NameBase, body(state), operation.Description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failure(graph, operation, [], ex);
        }
    }

    /// <summary>Checks the call and finds the graph; inputs from another, unrelated scope would mix two traces.</summary>
    internal static (TraceGraph Graph, TraceContext Context) Enter(Operation operation, Node[] inputs)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var graph = TraceContext.RequireGraph($"Operation '{operation.Name}'");
        foreach (var input in inputs)
        {
            CheckInput(operation, graph, input);
        }

        return (graph, TraceContext.Current!);
    }

    internal static void CheckInput(Operation operation, TraceGraph graph, Node? input)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input), $"Operation '{operation.Name}' was given a null input node.");
        }

        if (input.Graph is { } home && !ReferenceEquals(home, graph) && !home.IsSelfOrAncestorOf(graph))
        {
            throw new InvalidOperationException(
                $"Operation '{operation.Name}' was given node '{input.Name}', which belongs to another trace scope" +
                (home.IsOpen ? "." : " that has ended.") + " Nodes cannot cross between traces; pass the value and make a new input instead.");
        }
    }

    internal static TraceExecutionException Failure(TraceGraph graph, Operation operation, Node[] inputs, Exception error)
    {
        // A failure inside a nested traced call is kept as an input, so the whole chain stays in the graph.
        if (error is TraceExecutionException inner && Array.IndexOf(inputs, inner.Node) < 0 && ReferenceEquals(inner.Node.Graph, graph))
        {
            inputs = [.. inputs, inner.Node];
        }

        var node = new ExceptionNode(graph, operation, inputs, error is TraceExecutionException t ? t.Node.Error : error, ErrorReport.Build(operation, error));
        return new TraceExecutionException(node);
    }

    private static Node[] ToArray(IReadOnlyList<Node> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var array = new Node[inputs.Count];
        for (var i = 0; i < array.Length; i++)
        {
            array[i] = inputs[i];
        }

        return array;
    }
}
