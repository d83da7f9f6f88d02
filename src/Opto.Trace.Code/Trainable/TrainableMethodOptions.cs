namespace Opto.Trace.Code;

/// <summary>How a <see cref="TrainableMethod{TDelegate}"/> compiles, runs and appears in traces.</summary>
public sealed record TrainableMethodOptions
{
    /// <summary>The compiler (and with it the sandbox policy and cache); <see cref="CodeCompiler.Shared"/> when null.</summary>
    public CodeCompiler? Compiler { get; init; }

    /// <summary>The time budget and call-depth limit of each call; <see cref="CodeExecutionOptions.Default"/> when null.</summary>
    public CodeExecutionOptions? Execution { get; init; }

    /// <summary>The operation's name in traces; the method's name when null.</summary>
    public string? OperationName { get; init; }

    /// <summary>What the method does, shown to optimizers as the operation's documentation.</summary>
    public string? Documentation { get; init; }
}
