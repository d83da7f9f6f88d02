namespace Opto.Cli.Tests.Infrastructure;

/// <summary>What an in-process run of <c>opto</c> returned and wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> OutLines => Out.ReplaceLineEndings("\n").Split('\n');

    public IReadOnlyList<string> ErrorLines => Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}\n--- error ---\n{Error}";
}
