namespace Opto.Cli;

/// <summary>The entry point of the <c>opto</c> tool.</summary>
internal static class Program
{
    // Long enough for a child run to record itself as cancelled after Ctrl+C (the launcher waits 10 s before a kill).
    private static readonly TimeSpan TerminationTimeout = TimeSpan.FromSeconds(15);

    public static Task<int> Main(string[] args) => OptoCli.InvokeAsync(args, CliContext.ForProcess(), TerminationTimeout);
}
