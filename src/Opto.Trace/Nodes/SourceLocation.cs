namespace Opto.Trace;

/// <summary>A place in a source file.</summary>
/// <param name="FilePath">The file, as the compiler saw it.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Member">The method or member, when known.</param>
public sealed record SourceLocation(string FilePath, int Line, string? Member = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Member is null ? $"{Path.GetFileName(FilePath)}:line {Line}" : $"{Member} in {Path.GetFileName(FilePath)}:line {Line}";
}
