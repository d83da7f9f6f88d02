namespace Opto.Trace;

public static partial class Bundle
{
    /// <summary>Runs an asynchronous <paramref name="body"/> as a traced operation of the given inputs.</summary>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="inputs">The nodes the body depends on, in the order of <see cref="Operation.ParameterNames"/>.</param>
    /// <param name="body">Computes the result; it receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Passed to the body; cancellation propagates and is not recorded as feedback.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Task<Node<TResult>> InvokeAsync<TResult>(Operation operation, IReadOnlyList<Node> inputs,
        Func<CancellationToken, Task<TResult>> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(operation, ToArray(inputs), body, static (b, ct) => b(ct), cancellationToken);
    }

    /// <summary>Runs an asynchronous <paramref name="body"/> on the value of one node, as a traced operation.</summary>
    /// <typeparam name="T1">The type of the argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="arg1">The argument.</param>
    /// <param name="body">Computes the result; it receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Passed to the body; cancellation propagates and is not recorded as feedback.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Task<Node<TResult>> InvokeAsync<T1, TResult>(Operation operation, Node<T1> arg1,
        Func<T1, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(operation, [arg1], (arg1, body), static (s, ct) => s.body(s.arg1.RawValue, ct), cancellationToken);
    }

    /// <summary>Runs an asynchronous <paramref name="body"/> on the values of two nodes, as a traced operation.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="operation">The operation's description.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="body">Computes the result; it receives <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Passed to the body; cancellation propagates and is not recorded as feedback.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The body threw.</exception>
    public static Task<Node<TResult>> InvokeAsync<T1, T2, TResult>(Operation operation, Node<T1> arg1, Node<T2> arg2,
        Func<T1, T2, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(operation, [arg1, arg2], (arg1, arg2, body), static (s, ct) => s.body(s.arg1.RawValue, s.arg2.RawValue, ct), cancellationToken);
    }

    private static async Task<Node<TResult>> RunAsync<TState, TResult>(Operation operation, Node[] inputs, TState state,
        Func<TState, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
    {
        var (graph, outer) = Enter(operation, inputs);
        cancellationToken.ThrowIfCancellationRequested();
        var frame = outer.Paused ? null : new BundleFrame(inputs);

        // This method's own async flow carries the frame; the caller's context is untouched by it.
        TraceContext.Current = outer with { Frame = frame };
        TResult value;
        try
        {
            value = await body(state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failure(graph, operation, frame?.InputsWithReads() ?? [], ex);
        }
        finally
        {
            TraceContext.Current = outer;
        }

        return frame is null
            ? new Node<TResult>(graph, operation.NameBase, value, operation.Description)
            : new MessageNode<TResult>(graph, operation, frame.InputsWithReads(), value);
    }
}
