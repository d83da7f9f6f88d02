using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Trace.Code;

/// <summary>
/// Compiles trainable C# methods at run time with Roslyn. A piece of code is the full method text (signature and
/// body, as a person would write it, possibly with <c>using</c> directives before it and helper methods or classes
/// around it); it must define a method of the given name that fits the delegate type. Before anything is emitted,
/// the code is checked against the <see cref="SandboxPolicy"/>; then budget checks are injected (see
/// <see cref="CodeExecutionOptions"/>) and it is emitted into its own collectible load context.
/// </summary>
/// <remarks>
/// Results are cached by the SHA-256 of the source and the expected signature, so the same text compiles once;
/// the least recently used entries beyond <see cref="CodeCompilerOptions.CacheCapacity"/> are unloaded. Failures are
/// cached as well. The first compilation in a process takes about a second (the JIT compiles parts of Roslyn; twice
/// that where the build could not make Roslyn ReadyToRun); later ones take milliseconds. Creating a <see cref="TrainableMethod{TDelegate}"/> therefore starts
/// <see cref="StartWarmUp"/> in the background (see <see cref="WarmUpAutomatically"/>), so that by the time an
/// optimizer proposes a body the compiler is usually warm. The class is thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var add = CodeCompiler.Shared.Compile&lt;Func&lt;int, int, int&gt;&gt;("int Add(int a, int b) => a + b;", "Add");
/// int five = add.Run(f =&gt; f(2, 3));
/// </code>
/// </example>
public sealed class CodeCompiler : IDisposable
{
    private readonly CompilationCache _cache;
    private readonly CompilationPipeline _pipeline;
    private long _compilations;
    private bool _disposed;

    /// <summary>Creates a compiler with its own cache.</summary>
    /// <param name="options">How to compile; defaults when null.</param>
    public CodeCompiler(CodeCompilerOptions? options = null)
    {
        Options = options ?? new CodeCompilerOptions();
        _cache = new CompilationCache(Options.CacheCapacity);
        _pipeline = new CompilationPipeline(Options);
    }

    /// <summary>A compiler with the default options, shared by everything that does not bring its own.</summary>
    public static CodeCompiler Shared { get; } = new();

    /// <summary>
    /// Whether creating a <see cref="TrainableMethod{TDelegate}"/> starts <see cref="StartWarmUp"/>. Default: true. Turn
    /// it off where a second of background CPU at start-up matters more than the first compile's latency.
    /// </summary>
    public static bool WarmUpAutomatically { get; set; } = true;

    /// <summary>The options this compiler was made with.</summary>
    public CodeCompilerOptions Options { get; }

    /// <summary>Counters for the cache: how often code was actually compiled, served from the cache, or evicted.</summary>
    public CodeCompilerStatistics Statistics => new(Interlocked.Read(ref _compilations), _cache.Hits, _cache.Evictions, _cache.Count);

    /// <summary>Compiles (or takes from the cache) a method that implements <typeparamref name="TDelegate"/>.</summary>
    /// <typeparam name="TDelegate">The delegate type the method must fit, e.g. <c>Func&lt;int, int, int&gt;</c>.</typeparam>
    /// <param name="source">The method's full text.</param>
    /// <param name="methodName">The method's name.</param>
    /// <returns>The compiled method.</returns>
    /// <exception cref="CodeCompilationException">The code does not compile, breaks the sandbox policy, or lacks the method.</exception>
    /// <exception cref="ArgumentException">The method name is not an identifier, or the delegate type is unsupported.</exception>
    /// <exception cref="ObjectDisposedException">The compiler was disposed.</exception>
    public CompiledMethod<TDelegate> Compile<TDelegate>(string source, string methodName)
        where TDelegate : Delegate =>
        TryCompile<TDelegate>(source, methodName, out var method, out var diagnostics)
            ? method
            : throw new CodeCompilationException(methodName, source, diagnostics);

    /// <summary>Compiles (or takes from the cache) a method, reporting problems instead of throwing.</summary>
    /// <typeparam name="TDelegate">The delegate type the method must fit.</typeparam>
    /// <param name="source">The method's full text.</param>
    /// <param name="methodName">The method's name.</param>
    /// <param name="method">The compiled method, when the code is usable.</param>
    /// <param name="diagnostics">What is wrong, in source order; empty on success.</param>
    /// <returns>Whether the code compiled and passed the sandbox policy.</returns>
    /// <exception cref="ArgumentException">The method name is not an identifier, or the delegate type is unsupported.</exception>
    /// <exception cref="ObjectDisposedException">The compiler was disposed.</exception>
    public bool TryCompile<TDelegate>(string source, string methodName,
        [NotNullWhen(true)] out CompiledMethod<TDelegate>? method, out IReadOnlyList<CodeDiagnostic> diagnostics)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(source);
        ValidateMethodName(methodName);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var shape = DelegateShape.Of(typeof(TDelegate));

        var hash = Hash(source, methodName, shape.DelegateType);
        var outcome = _cache.GetOrCompile(hash, () =>
        {
            Interlocked.Increment(ref _compilations);
            CompilerWarmUp.Default.StepAside();
            return _pipeline.Compile<TDelegate>(source, methodName, shape, hash);
        });
        diagnostics = outcome.Diagnostics;
        method = outcome.Code is null ? null : new CompiledMethod<TDelegate>(outcome.Code);
        return method is not null;
    }

    /// <summary>
    /// Starts compiling, loading and running a small throwaway method on a background thread, once per process, so
    /// that the JIT has compiled Roslyn before the first real compile. Later calls return the same task. A compile that
    /// starts while the warm-up is still running cancels it and goes ahead at once, keeping whatever the JIT has
    /// compiled so far. Nothing is cached and no statistics change; a warm-up that fails is ignored (the real compile
    /// reports the problem).
    /// </summary>
    /// <returns>Completes when the warm-up has finished; never faults.</returns>
    public static Task StartWarmUp() => CompilerWarmUp.Default.Start();

    /// <summary>Unloads every cached piece of code (code still referenced keeps working until it is dropped).</summary>
    public void ClearCache() => _cache.Clear();

    /// <summary>Unloads every cached piece of code; the compiler cannot be used afterwards. <see cref="Shared"/> ignores this.</summary>
    public void Dispose()
    {
        if (!_disposed && !ReferenceEquals(this, Shared))
        {
            _disposed = true;
            _cache.Clear();
        }
    }

    internal static string Hash(string source, string methodName, Type delegateType)
    {
        var text = string.Concat(source, "\0", methodName, "\0", delegateType.AssemblyQualifiedName);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static void ValidateMethodName(string methodName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        if (!SyntaxFacts.IsValidIdentifier(methodName))
        {
            throw new ArgumentException($"'{methodName}' is not a C# identifier.", nameof(methodName));
        }
    }
}
