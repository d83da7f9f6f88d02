namespace Opto.Trace;

/// <summary>
/// What is known about a traced operation before it runs: its name, its documentation (shown to optimizers),
/// its argument names, and where available its source text and location. Create one per operation and reuse it
/// (the source generator emits one static table of them per type, an instance per <c>[Bundle]</c> method).
/// </summary>
public sealed class Operation
{
    private Operation? _exceptionCounterpart;

    /// <summary>Describes an operation.</summary>
    /// <param name="name">The name shown in traces, e.g. <c>Route</c> or <c>Agent.Route</c>.</param>
    /// <param name="documentation">What the operation does, in a sentence or two.</param>
    /// <param name="parameterNames">The names of its arguments, in order.</param>
    /// <param name="sourceText">The operation's source code, quoted in error feedback.</param>
    /// <param name="filePath">The file that holds <paramref name="sourceText"/>.</param>
    /// <param name="line">The 1-based line where <paramref name="sourceText"/> starts.</param>
    /// <exception cref="ArgumentException">The name is empty, or two arguments share a name.</exception>
    public Operation(string name, string? documentation = null, IReadOnlyList<string>? parameterNames = null,
        string? sourceText = null, string? filePath = null, int line = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        parameterNames ??= [];
        if (parameterNames.Distinct(StringComparer.Ordinal).Count() != parameterNames.Count)
        {
            throw new ArgumentException($"Operation '{name}' names an argument twice: {string.Join(", ", parameterNames)}.", nameof(parameterNames));
        }

        Name = name;
        Documentation = documentation;
        ParameterNames = parameterNames;
        SourceText = sourceText;
        FilePath = filePath;
        Line = line;
        NameBase = NameText.Sanitize(name);
        Description = string.IsNullOrWhiteSpace(documentation) ? $"[{name}]" : $"[{name}] {documentation.Trim()}";
    }

    /// <summary>The name shown in traces.</summary>
    public string Name { get; }

    /// <summary>What the operation does.</summary>
    public string? Documentation { get; }

    /// <summary>The names of the arguments, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The operation's source code, when known.</summary>
    public string? SourceText { get; }

    /// <summary>The file of <see cref="SourceText"/>, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line where <see cref="SourceText"/> starts, or 0.</summary>
    public int Line { get; }

    /// <summary><c>[name] documentation</c>, the line optimizers see for this operation.</summary>
    public string Description { get; }

    /// <summary>The identifier-like base of the names of this operation's output nodes.</summary>
    internal string NameBase { get; }

    /// <summary>The operation that names and describes the exception nodes of this one.</summary>
    internal Operation ExceptionCounterpart => _exceptionCounterpart ??= new Operation(
        "exception_" + Name,
        $"The operation {Name} threw an exception.",
        ParameterNames,
        SourceText,
        FilePath,
        Line);
}
