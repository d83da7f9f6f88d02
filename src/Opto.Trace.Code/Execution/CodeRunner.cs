using System.Runtime.ExceptionServices;

namespace Opto.Trace.Code;

/// <summary>
/// Runs trainable code on a dedicated thread (see <see cref="CodeThreads"/>) under an <see cref="ExecutionBudget"/>, and waits for it at most the
/// timeout plus a grace period. The caller therefore always gets control back: normally because the injected guard
/// stopped the code, and otherwise (the code is stuck inside a single library call) because its thread is abandoned.
/// </summary>
internal static class CodeRunner
{
    private static long s_abandonedThreads;

    /// <summary>How many runs, since the process started, left their thread behind because the code did not stop.</summary>
    public static long AbandonedThreads => Interlocked.Read(ref s_abandonedThreads);

    public static TResult Run<TResult>(Func<TResult> work, CodeExecutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        // The wait is the same as for asynchronous code; the synchronous caller simply blocks on it.
        return RunAsync(() => Task.FromResult(work()), options, cancellationToken).GetAwaiter().GetResult();
    }

    public static async Task<TResult> RunAsync<TResult>(Func<Task<TResult>> work, CodeExecutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();

        var budget = new ExecutionBudget(options, cancellationToken);
        try
        {
            var running = Start(work, budget, options.ThreadStackSize);
            return await WaitWithinBudgetAsync(running, budget).ConfigureAwait(false);
        }
        catch (TypeInitializationException ex) when (ex.InnerException is CodeTimeoutException or CodeCallDepthException or OperationCanceledException)
        {
            // Stopped inside a static initializer: report the stop itself, not the runtime's wrapper.
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
        finally
        {
            budget.Finish();
            budget.Dispose();
        }
    }

    private static Task<TResult> Start<TResult>(Func<Task<TResult>> work, ExecutionBudget budget, int stackSize)
    {
        var handOff = new TaskCompletionSource<Task<TResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        CodeThreads.Start(() =>
        {
            CodeGuard.Install(budget);
            try
            {
                handOff.SetResult(work());
            }
#pragma warning disable CA1031 // Whatever the code throws is the caller's result, rethrown on the caller's side.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                handOff.SetResult(Task.FromException<TResult>(ex));
            }
            finally
            {
                CodeGuard.Uninstall();
            }
        }, stackSize);
        return handOff.Task.Unwrap();
    }

    private static async Task<TResult> WaitWithinBudgetAsync<TResult>(Task<TResult> running, ExecutionBudget budget)
    {
        // Which finished first decides, never an exception filter: the code may finish in the very moment the budget
        // trips, and then its own outcome (usually the guard's stop exception) is the answer.
        var budgetSpent = Task.Delay(Timeout.Infinite, budget.Token);
        if (await Task.WhenAny(running, budgetSpent).ConfigureAwait(false) != running)
        {
            // Time is up or the caller cancelled: the code stops at its next guard check; give it the grace to get there.
            using var graceOver = new CancellationTokenSource(budget.Options.StopGracePeriod);
            var grace = Task.Delay(Timeout.Infinite, graceOver.Token);
            if (await Task.WhenAny(running, grace).ConfigureAwait(false) != running)
            {
                Interlocked.Increment(ref s_abandonedThreads);
                throw budget.CreateStopException(abandoned: true);
            }
        }

        return await running.ConfigureAwait(false);
    }
}
