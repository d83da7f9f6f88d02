using System.Runtime.CompilerServices;

namespace Opto.Trace.Code;

/// <summary>
/// The budget checks that <see cref="GuardInjector"/> writes into trainable code before it is compiled: a
/// <see cref="Tick"/> at the start of every loop body and before every <c>goto</c>, <see cref="Enter"/> and
/// <see cref="Exit"/> around every method, local function, lambda and accessor body, and <see cref="MayCatch"/>
/// as a filter on every catch clause. Compiled code reaches this internal class because it is emitted under the
/// assembly name this library grants its internals to; the sandbox policy keeps the code itself from naming it.
/// </summary>
/// <remarks>
/// A thread cannot be killed safely in .NET, so stopping is cooperative: the code stops at its next check. Code
/// blocked inside one library call is not stopped by this; <see cref="CodeRunner"/> then abandons its thread.
/// Outside a run (a delegate called directly), the checks only protect the stack.
/// </remarks>
internal static class CodeGuard
{
    // The code thread finds its budget here without the cost of an AsyncLocal read per iteration;
    // code that continues after an await on a pool thread finds it through the async flow.
    [ThreadStatic]
    private static ExecutionBudget? s_threadBudget;

    private static readonly AsyncLocal<ExecutionBudget?> FlowBudget = new();

    internal static ExecutionBudget? Current => s_threadBudget ?? FlowBudget.Value;

    /// <summary>Makes <paramref name="budget"/> the budget of the current thread and of the async flow started from it.</summary>
    internal static void Install(ExecutionBudget budget)
    {
        s_threadBudget = budget;
        FlowBudget.Value = budget;
    }

    /// <summary>Forgets the budget when a run on a reused code thread is over.</summary>
    internal static void Uninstall()
    {
        s_threadBudget = null;
        FlowBudget.Value = null;
    }

    /// <summary>At the start of every loop iteration: stops the code when its budget is spent.</summary>
    public static void Tick()
    {
        var budget = Current;
        if (budget is not null && budget.MustStop)
        {
            throw budget.Stop();
        }
    }

    /// <summary>On entry to every body: checks the budget, the call depth and the room left on the stack.</summary>
    public static void Enter()
    {
        var budget = Current;
        if (budget is null)
        {
            // Not under a runner: still refuse to overflow the stack, which would end the process.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return;
        }

        if (budget.MustStop)
        {
            throw budget.Stop();
        }

        if (budget.Depth >= budget.Options.MaxCallDepth)
        {
            throw budget.StopForDepth(stackExhausted: false);
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw budget.StopForDepth(stackExhausted: true);
        }

        budget.Depth++;
    }

    /// <summary>On every exit from a body entered with <see cref="Enter"/>.</summary>
    public static void Exit()
    {
        var budget = Current;
        if (budget is not null && budget.Depth > 0)
        {
            budget.Depth--;
        }
    }

    /// <summary>The filter of every catch clause: once the code is being stopped, nothing may catch the stop.</summary>
    public static bool MayCatch() => Current is not { IsStopping: true };
}
