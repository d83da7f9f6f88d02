namespace Opto.Trace.Code;

/// <summary>
/// Trainable code that compiled, passed the sandbox policy and is loaded in its own collectible context.
/// Run it with <see cref="Run{TResult}"/> or <see cref="RunAsync{TResult}"/>, which apply the time budget.
/// </summary>
/// <typeparam name="TDelegate">The delegate type the code implements, e.g. <c>Func&lt;int, int, int&gt;</c>.</typeparam>
public sealed class CompiledMethod<TDelegate>
    where TDelegate : Delegate
{
    internal CompiledMethod(CompiledCode code)
    {
        Code = code;
    }

    /// <summary>The code as written.</summary>
    public string Source => Code.Source;

    /// <summary>The method's name.</summary>
    public string MethodName => Code.MethodName;

    /// <summary>The SHA-256 (hex) of the source and the expected signature: the cache key.</summary>
    public string Hash => Code.Hash;

    /// <summary>The parameter names as the code declares them.</summary>
    public IReadOnlyList<string> ParameterNames => Code.ParameterNames;

    /// <summary>How long compiling, checking and loading took.</summary>
    public TimeSpan CompileTime => Code.CompileTime;

    /// <summary>The file name stack traces of this code show (virtual: nothing is written to disk).</summary>
    public string SourcePath => Code.SourcePath;

    /// <summary>Whether the compiler's cache has evicted this code; it keeps working while referenced.</summary>
    public bool IsUnloaded => Code.IsUnloaded;

    internal CompiledCode Code { get; }

    /// <summary>
    /// Makes the delegate, bound to a fresh instance of the code's class (so instance fields start anew; static ones
    /// persist for this compiled version). A delegate called directly runs without a time budget: only the stack is
    /// protected. Prefer <see cref="Run{TResult}"/>.
    /// </summary>
    /// <returns>The delegate.</returns>
    public TDelegate CreateDelegate() => ((Func<TDelegate>)Code.Factory)();

    /// <summary>Runs the code on its own thread with a time budget, and returns what <paramref name="call"/> returns.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="call">Calls the delegate, e.g. <c>add =&gt; add(2, 3)</c>; it runs on the code's thread.</param>
    /// <param name="options">The limits; <see cref="CodeExecutionOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    /// <exception cref="CodeCallDepthException">The code nested its calls too deeply.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public TResult Run<TResult>(Func<TDelegate, TResult> call, CodeExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CodeRunner.Run(() => call(CreateDelegate()), options ?? CodeExecutionOptions.Default, cancellationToken);
    }

    /// <summary>Runs asynchronous code with a time budget; the code's synchronous part runs on its own thread.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="call">Calls the delegate, e.g. <c>f =&gt; f("text")</c>.</param>
    /// <param name="options">The limits; <see cref="CodeExecutionOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the code at its next budget check.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CodeTimeoutException">The code ran out of time.</exception>
    /// <exception cref="CodeCallDepthException">The code nested its calls too deeply.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<TResult> RunAsync<TResult>(Func<TDelegate, Task<TResult>> call, CodeExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CodeRunner.RunAsync(() => call(CreateDelegate()), options ?? CodeExecutionOptions.Default, cancellationToken);
    }

    /// <inheritdoc />
    public override string ToString() => $"{MethodName} ({Hash[..12]})";
}
