using System.Diagnostics.CodeAnalysis;

namespace Opto.Trace.Code;

/// <summary>
/// A method whose body an optimizer may rewrite. Its C# source is the trainable <see cref="Code"/> parameter; each
/// call compiles the current source (once per distinct text, through the compiler's cache), checks it against the
/// sandbox policy, and runs it with a time budget. When the optimizer sets a new source, the next call runs it.
/// </summary>
/// <remarks>
/// <para>Traced calls (<c>Invoke</c> with nodes, inside a <see cref="TraceScope"/>) record a node whose inputs are the
/// arguments and the code parameter, so that feedback on the result reaches the code. A compile error, a sandbox
/// refusal, an exception in the code or a timeout is recorded as an <see cref="ExceptionNode"/> and thrown as
/// <see cref="TraceExecutionException"/>; its <see cref="ExceptionNode.FeedbackText"/> quotes the offending line.
/// Cancellation through the token is not feedback: it propagates as <see cref="OperationCanceledException"/>.</para>
/// <para>Plain calls (<c>Call</c> with values) do the same work without a trace and throw the underlying exceptions
/// (<see cref="CodeCompilationException"/>, <see cref="CodeTimeoutException"/>, …).</para>
/// <para>The typed <c>Invoke</c>/<c>Call</c> overloads are extension methods in <see cref="TrainableMethodExtensions"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// var add = new TrainableMethod&lt;Func&lt;int, int, int&gt;&gt;("int Add(int a, int b) => a - b;", "Add");
/// using (TraceScope.Begin())
/// {
///     var sum = add.Invoke(Node.Input(2), Node.Input(3));
///     sum.Backward(sum.Value == 5 ? "correct" : $"expected 5, got {sum.Value}");
/// }
/// add.Code.Value = "int Add(int a, int b) => a + b;";   // what an optimizer does
/// </code>
/// </example>
/// <typeparam name="TDelegate">The delegate type the method implements, e.g. <c>Func&lt;string, string&gt;</c>.</typeparam>
public sealed class TrainableMethod<TDelegate>
    where TDelegate : Delegate
{
    private const int MaxRememberedOperations = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly Operation _failureOperation;
    private SourceCheck? _lastSourceCheck;

    /// <summary>Creates a trainable method whose code parameter is new, named after the method.</summary>
    /// <param name="source">The method's initial full text, e.g. <c>int Add(int a, int b) =&gt; a + b;</c>.</param>
    /// <param name="methodName">The method's name, which every version must keep.</param>
    /// <param name="options">Compiler, limits and naming; defaults when null.</param>
    /// <exception cref="ArgumentException">The method name is not an identifier, or the delegate type is unsupported.</exception>
    public TrainableMethod(string source, string methodName, TrainableMethodOptions? options = null)
        : this(CodeParameter.Create<TDelegate>(source, methodName, description: options?.Documentation is { } doc ? $"The C# source of {methodName}: {doc}" : null),
            methodName, options)
    {
    }

    /// <summary>Creates a trainable method around an existing code parameter (e.g. one loaded from a parameter file).</summary>
    /// <param name="code">The parameter that holds the method's full text.</param>
    /// <param name="methodName">The method's name, which every version must keep.</param>
    /// <param name="options">Compiler, limits and naming; defaults when null.</param>
    /// <exception cref="ArgumentException">The method name is not an identifier, or the delegate type is unsupported.</exception>
    public TrainableMethod(ParameterNode<string> code, string methodName, TrainableMethodOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(methodName))
        {
            throw new ArgumentException($"'{methodName}' is not a C# identifier.", nameof(methodName));
        }

        var shape = DelegateShape.Of(typeof(TDelegate));
        Code = code;
        MethodName = methodName;
        Compiler = options?.Compiler ?? CodeCompiler.Shared;
        Execution = options?.Execution ?? CodeExecutionOptions.Default;
        OperationName = options?.OperationName ?? methodName;
        Documentation = options?.Documentation;
        Signature = CSharpTypeNames.Signature(shape.Invoke, methodName, withParameterNames: false);
        // A failure has no compiled parameter names; the delegate's own names stand in.
        _failureOperation = new Operation(OperationName, Documentation, shape.ParameterNames);
        if (CodeCompiler.WarmUpAutomatically)
        {
            // Models are created long before an optimizer proposes a body: warm the compiler up meanwhile.
            _ = CodeCompiler.StartWarmUp();
        }
    }

    /// <summary>The parameter that holds the method's C# source; optimizers change its value.</summary>
    public ParameterNode<string> Code { get; }

    /// <summary>The method's name.</summary>
    public string MethodName { get; }

    /// <summary>The signature every version must have, e.g. <c>int Add(int, int)</c>.</summary>
    public string Signature { get; }

    /// <summary>The operation's name in traces.</summary>
    public string OperationName { get; }

    /// <summary>What the method does, as shown to optimizers.</summary>
    public string? Documentation { get; }

    /// <summary>The compiler that compiles each version.</summary>
    public CodeCompiler Compiler { get; }

    /// <summary>The limits of each call.</summary>
    public CodeExecutionOptions Execution { get; }

    /// <summary>The current source (read without recording a dependency in a running trace).</summary>
    public string Source => (string?)Code.BoxedValue ?? "";

    /// <summary>Compiles the current source (or takes it from the cache).</summary>
    /// <returns>The compiled method.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile, breaks the sandbox policy, or lacks the method.</exception>
    public CompiledMethod<TDelegate> Compile() => Compiler.Compile<TDelegate>(Source, MethodName);

    /// <summary>Compiles the current source, reporting problems instead of throwing.</summary>
    /// <param name="method">The compiled method, when the code is usable.</param>
    /// <param name="diagnostics">What is wrong; empty on success.</param>
    /// <returns>Whether the code is usable.</returns>
    public bool TryCompile([NotNullWhen(true)] out CompiledMethod<TDelegate>? method, out IReadOnlyList<CodeDiagnostic> diagnostics) =>
        Compiler.TryCompile(Source, MethodName, out method, out diagnostics);

    /// <summary>
    /// Whether the current source is exactly <paramref name="source"/> (ordinal comparison). The answer is remembered
    /// with the parameter's <see cref="ParameterNode{T}.Version"/>, so while the value does not change a check is two
    /// comparisons and allocates nothing. Generated code uses it to run a method's own compiled body for as long as
    /// the code parameter still holds that body's source.
    /// </summary>
    /// <param name="source">The text to compare with, typically the method's original source.</param>
    /// <returns>Whether the current source equals <paramref name="source"/>.</returns>
    public bool HasSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var version = Code.Version;
        var last = Volatile.Read(ref _lastSourceCheck);
        if (last is not null && last.Version == version && ReferenceEquals(last.Source, source))
        {
            return last.Equal;
        }

        // Read after the version: if the value changes in between, the remembered version is already stale and the
        // next check compares again.
        var equal = string.Equals(Source, source, StringComparison.Ordinal);
        Volatile.Write(ref _lastSourceCheck, new SourceCheck(version, source, equal));
        return equal;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Signature} [{Code.Name}, version {Code.Version}]";

    /// <summary>A traced call: compile, check, run under the budget, and record the result with the code as an input.</summary>
    internal Node<TResult> InvokeTraced<TResult>(Node[] arguments, Func<TDelegate, TResult> call, CancellationToken cancellationToken)
    {
        var source = Source;
        Node[] inputs = [.. arguments, Code];
        if (!Compiler.TryCompile<TDelegate>(source, MethodName, out var method, out var diagnostics))
        {
            var failure = new CodeCompilationException(MethodName, source, diagnostics);
            return Bundle.Invoke<TResult>(_failureOperation, inputs, () => throw failure);
        }

        return Bundle.Invoke(OperationOf(method), inputs, () => method.Run(call, Execution, cancellationToken));
    }

    /// <summary>The asynchronous form of <see cref="InvokeTraced{TResult}"/>.</summary>
    internal Task<Node<TResult>> InvokeTracedAsync<TResult>(Node[] arguments, Func<TDelegate, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var source = Source;
        Node[] inputs = [.. arguments, Code];
        if (!Compiler.TryCompile<TDelegate>(source, MethodName, out var method, out var diagnostics))
        {
            var failure = new CodeCompilationException(MethodName, source, diagnostics);
            return Bundle.InvokeAsync<TResult>(_failureOperation, inputs, _ => throw failure, cancellationToken);
        }

        return Bundle.InvokeAsync(OperationOf(method), inputs, token => method.RunAsync(call, Execution, token), cancellationToken);
    }

    /// <summary>An untraced call.</summary>
    internal TResult CallPlain<TResult>(Func<TDelegate, TResult> call, CancellationToken cancellationToken) =>
        Compile().Run(call, Execution, cancellationToken);

    /// <summary>An untraced asynchronous call.</summary>
    internal Task<TResult> CallPlainAsync<TResult>(Func<TDelegate, Task<TResult>> call, CancellationToken cancellationToken) =>
        Compile().RunAsync(call, Execution, cancellationToken);

    /// <summary>
    /// The operation for one version of the code: it carries that version's source and virtual file, so that an
    /// exception's stack trace inside the code is matched to the line that threw and quoted in the feedback.
    /// </summary>
    private Operation OperationOf(CompiledMethod<TDelegate> method)
    {
        lock (_gate)
        {
            if (!_operations.TryGetValue(method.Hash, out var operation))
            {
                if (_operations.Count >= MaxRememberedOperations)
                {
                    _operations.Clear();
                }

                operation = new Operation(OperationName, Documentation, method.ParameterNames, method.Source, method.SourcePath, line: 1);
                _operations[method.Hash] = operation;
            }

            return operation;
        }
    }

    /// <summary>The last answer of <see cref="HasSource"/>, replaced as a whole so that readers never see half of one.</summary>
    private sealed record SourceCheck(int Version, string Source, bool Equal);
}
