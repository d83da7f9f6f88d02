using System.CommandLine;
using Opto.Runs;

namespace Opto.Cli;

/// <summary>
/// Gives every command the same error handling: a known failure prints one line on standard error and exits with 1,
/// Ctrl+C exits with 130, and no stack trace reaches the user for a mistake they can fix.
/// </summary>
internal static class CommandActions
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Cancelled = 130;

    public static void Set(Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Report(context, "cancelled.");
                return Cancelled;
            }
            catch (Exception ex) when (IsExpected(ex))
            {
                Report(context, ex.Message);
                return Failure;
            }
        });

    public static void Set(Command command, CliContext context, Func<ParseResult, CancellationToken, int> action) =>
        Set(command, context, (parseResult, cancellationToken) => Task.FromResult(action(parseResult, cancellationToken)));

    /// <summary>Writes one error line, whatever new lines the message holds.</summary>
    public static void Report(CliContext context, string message)
    {
        context.Error.WriteLine($"opto: {Reporting.ReportFormat.OneLine(message)}");
        context.Error.Flush();
    }

    // KeyNotFoundException comes from the store's queries, whose messages name the runs, steps or parameters that exist.
    private static bool IsExpected(Exception ex) =>
        ex is CliException or RunStoreException or KeyNotFoundException or IOException or UnauthorizedAccessException;
}
