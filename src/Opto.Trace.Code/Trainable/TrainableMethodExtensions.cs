namespace Opto.Trace.Code;

/// <summary>
/// Typed calls of <see cref="TrainableMethod{TDelegate}"/> for <c>Func</c> delegates of up to four arguments:
/// <c>Invoke</c> takes nodes and records a traced operation (inside a <see cref="TraceScope"/>), <c>Call</c> takes
/// plain values and records nothing; the <c>Async</c> forms are for methods that return a <see cref="Task{TResult}"/>.
/// </summary>
public static class TrainableMethodExtensions
{
    /// <summary>Calls a method without arguments as a traced operation whose input is the code.</summary>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Node<TResult> Invoke<TResult>(this TrainableMethod<Func<TResult>> method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.InvokeTraced([], f => f(), cancellationToken);
    }

    /// <summary>Calls a method without arguments, without tracing.</summary>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static TResult Call<TResult>(this TrainableMethod<Func<TResult>> method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlain(f => f(), cancellationToken);
    }

    /// <summary>Calls an asynchronous method without arguments as a traced operation whose input is the code.</summary>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Task<Node<TResult>> InvokeAsync<TResult>(this TrainableMethod<Func<Task<TResult>>> method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.InvokeTracedAsync([], f => f(), cancellationToken);
    }

    /// <summary>Calls an asynchronous method without arguments, without tracing.</summary>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static Task<TResult> CallAsync<TResult>(this TrainableMethod<Func<Task<TResult>>> method, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlainAsync(f => f(), cancellationToken);
    }

    /// <summary>Calls the method on a node as a traced operation whose inputs are the argument and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Node<TResult> Invoke<T1, TResult>(this TrainableMethod<Func<T1, TResult>> method, Node<T1> arg1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        return method.InvokeTraced([arg1], f => f(arg1.Value), cancellationToken);
    }

    /// <summary>Calls the method on a plain value, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static TResult Call<T1, TResult>(this TrainableMethod<Func<T1, TResult>> method, T1 arg1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlain(f => f(arg1), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on a node as a traced operation whose inputs are the argument and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Task<Node<TResult>> InvokeAsync<T1, TResult>(this TrainableMethod<Func<T1, Task<TResult>>> method, Node<T1> arg1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        return method.InvokeTracedAsync([arg1], f => f(arg1.Value), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on a plain value, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static Task<TResult> CallAsync<T1, TResult>(this TrainableMethod<Func<T1, Task<TResult>>> method, T1 arg1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlainAsync(f => f(arg1), cancellationToken);
    }

    /// <summary>Calls the method on nodes as a traced operation whose inputs are the arguments and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Node<TResult> Invoke<T1, T2, TResult>(this TrainableMethod<Func<T1, T2, TResult>> method, Node<T1> arg1, Node<T2> arg2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        return method.InvokeTraced([arg1, arg2], f => f(arg1.Value, arg2.Value), cancellationToken);
    }

    /// <summary>Calls the method on plain values, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static TResult Call<T1, T2, TResult>(this TrainableMethod<Func<T1, T2, TResult>> method, T1 arg1, T2 arg2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlain(f => f(arg1, arg2), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on nodes as a traced operation whose inputs are the arguments and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Task<Node<TResult>> InvokeAsync<T1, T2, TResult>(this TrainableMethod<Func<T1, T2, Task<TResult>>> method, Node<T1> arg1, Node<T2> arg2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        return method.InvokeTracedAsync([arg1, arg2], f => f(arg1.Value, arg2.Value), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on plain values, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static Task<TResult> CallAsync<T1, T2, TResult>(this TrainableMethod<Func<T1, T2, Task<TResult>>> method, T1 arg1, T2 arg2, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlainAsync(f => f(arg1, arg2), cancellationToken);
    }

    /// <summary>Calls the method on nodes as a traced operation whose inputs are the arguments and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Node<TResult> Invoke<T1, T2, T3, TResult>(this TrainableMethod<Func<T1, T2, T3, TResult>> method, Node<T1> arg1, Node<T2> arg2, Node<T3> arg3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(arg3);
        return method.InvokeTraced([arg1, arg2, arg3], f => f(arg1.Value, arg2.Value, arg3.Value), cancellationToken);
    }

    /// <summary>Calls the method on plain values, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static TResult Call<T1, T2, T3, TResult>(this TrainableMethod<Func<T1, T2, T3, TResult>> method, T1 arg1, T2 arg2, T3 arg3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlain(f => f(arg1, arg2, arg3), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on nodes as a traced operation whose inputs are the arguments and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Task<Node<TResult>> InvokeAsync<T1, T2, T3, TResult>(this TrainableMethod<Func<T1, T2, T3, Task<TResult>>> method, Node<T1> arg1, Node<T2> arg2, Node<T3> arg3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(arg3);
        return method.InvokeTracedAsync([arg1, arg2, arg3], f => f(arg1.Value, arg2.Value, arg3.Value), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on plain values, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static Task<TResult> CallAsync<T1, T2, T3, TResult>(this TrainableMethod<Func<T1, T2, T3, Task<TResult>>> method, T1 arg1, T2 arg2, T3 arg3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlainAsync(f => f(arg1, arg2, arg3), cancellationToken);
    }

    /// <summary>Calls the method on nodes as a traced operation whose inputs are the arguments and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="T4">The type of the fourth argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="arg4">The fourth argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Node<TResult> Invoke<T1, T2, T3, T4, TResult>(this TrainableMethod<Func<T1, T2, T3, T4, TResult>> method, Node<T1> arg1, Node<T2> arg2, Node<T3> arg3, Node<T4> arg4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(arg3);
        ArgumentNullException.ThrowIfNull(arg4);
        return method.InvokeTraced([arg1, arg2, arg3, arg4], f => f(arg1.Value, arg2.Value, arg3.Value, arg4.Value), cancellationToken);
    }

    /// <summary>Calls the method on plain values, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="T4">The type of the fourth argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="arg4">The fourth argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static TResult Call<T1, T2, T3, T4, TResult>(this TrainableMethod<Func<T1, T2, T3, T4, TResult>> method, T1 arg1, T2 arg2, T3 arg3, T4 arg4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlain(f => f(arg1, arg2, arg3, arg4), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on nodes as a traced operation whose inputs are the arguments and the code.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="T4">The type of the fourth argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="arg4">The fourth argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check; propagates, not recorded.</param>
    /// <returns>The output node.</returns>
    /// <exception cref="TraceExecutionException">The code did not compile, broke the sandbox, threw or ran out of time.</exception>
    public static Task<Node<TResult>> InvokeAsync<T1, T2, T3, T4, TResult>(this TrainableMethod<Func<T1, T2, T3, T4, Task<TResult>>> method, Node<T1> arg1, Node<T2> arg2, Node<T3> arg3, Node<T4> arg4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arg1);
        ArgumentNullException.ThrowIfNull(arg2);
        ArgumentNullException.ThrowIfNull(arg3);
        ArgumentNullException.ThrowIfNull(arg4);
        return method.InvokeTracedAsync([arg1, arg2, arg3, arg4], f => f(arg1.Value, arg2.Value, arg3.Value, arg4.Value), cancellationToken);
    }

    /// <summary>Calls an asynchronous method on plain values, without tracing.</summary>
    /// <typeparam name="T1">The type of the first argument.</typeparam>
    /// <typeparam name="T2">The type of the second argument.</typeparam>
    /// <typeparam name="T3">The type of the third argument.</typeparam>
    /// <typeparam name="T4">The type of the fourth argument.</typeparam>
    /// <typeparam name="TResult">The type of the result.</typeparam>
    /// <param name="method">The trainable method.</param>
    /// <param name="arg1">The first argument.</param>
    /// <param name="arg2">The second argument.</param>
    /// <param name="arg3">The third argument.</param>
    /// <param name="arg4">The fourth argument.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile or breaks the sandbox policy.</exception>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    public static Task<TResult> CallAsync<T1, T2, T3, T4, TResult>(this TrainableMethod<Func<T1, T2, T3, T4, Task<TResult>>> method, T1 arg1, T2 arg2, T3 arg3, T4 arg4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.CallPlainAsync(f => f(arg1, arg2, arg3, arg4), cancellationToken);
    }
}
