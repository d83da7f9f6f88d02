namespace Opto.Trace.Code;

/// <summary>Where a problem with trainable code was found.</summary>
public enum CodeDiagnosticKind
{
    /// <summary>The C# compiler reported an error.</summary>
    Compiler,

    /// <summary>The sandbox policy refuses an API or a language feature.</summary>
    Sandbox,

    /// <summary>The expected method is missing or has another signature, or the code does not have the shape of class members.</summary>
    Signature,
}

/// <summary>A problem with trainable code, located in the code as the optimizer wrote it.</summary>
/// <param name="Kind">Who found it.</param>
/// <param name="Id">The compiler's id (e.g. <c>CS1525</c>), <c>SANDBOX</c>, <c>SIGNATURE</c> or <c>STRUCTURE</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Line">The 1-based line in the code, or 0 when the problem has no place in it.</param>
/// <param name="Column">The 1-based column, or 0.</param>
/// <param name="SourceLine">The text of that line, or an empty string.</param>
public sealed record CodeDiagnostic(CodeDiagnosticKind Kind, string Id, string Message, int Line, int Column, string SourceLine)
{
    /// <summary>The id of every sandbox refusal.</summary>
    public const string SandboxId = "SANDBOX";

    /// <summary>The id of every signature problem.</summary>
    public const string SignatureId = "SIGNATURE";

    /// <summary>The id of a problem with the code's shape (it closes the class it is placed in).</summary>
    public const string StructureId = "STRUCTURE";

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Id}: {Message}" : $"{Id}: {Message}";
}
