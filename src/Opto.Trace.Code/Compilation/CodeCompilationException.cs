namespace Opto.Trace.Code;

/// <summary>
/// Trainable code that cannot run: it does not compile, the sandbox refuses something it uses, or the expected method
/// is missing. The message quotes the code with each problem at the end of its line, ready to be given to an
/// optimizer as feedback. Nothing of the code was loaded or run.
/// </summary>
public sealed class CodeCompilationException : Exception
{
    /// <summary>Creates the exception for a method that failed to compile.</summary>
    /// <param name="methodName">The expected method's name.</param>
    /// <param name="source">The code as written.</param>
    /// <param name="diagnostics">What is wrong (at least one entry).</param>
    /// <exception cref="ArgumentException">No diagnostics were given.</exception>
    public CodeCompilationException(string methodName, string source, IReadOnlyList<CodeDiagnostic> diagnostics)
        : base(CodeFeedback.Describe(methodName ?? "", source ?? "", Validate(diagnostics)))
    {
        MethodName = methodName ?? "";
        SourceCode = source ?? "";
        Diagnostics = diagnostics;
    }

    /// <summary>The expected method's name.</summary>
    public string MethodName { get; }

    /// <summary>The code as written.</summary>
    public string SourceCode { get; }

    /// <summary>What is wrong, in source order.</summary>
    public IReadOnlyList<CodeDiagnostic> Diagnostics { get; }

    /// <summary>Whether the sandbox refused something (as opposed to the code only failing to compile).</summary>
    public bool IsSandboxViolation => Diagnostics.Any(d => d.Kind == CodeDiagnosticKind.Sandbox);

    private static IReadOnlyList<CodeDiagnostic> Validate(IReadOnlyList<CodeDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("A compilation failure needs at least one diagnostic.", nameof(diagnostics));
        }

        return diagnostics;
    }
}
