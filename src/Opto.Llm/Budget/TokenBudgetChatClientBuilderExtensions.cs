using Microsoft.Extensions.AI;

namespace Opto.Llm;

/// <summary>Adds <see cref="TokenBudgetChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class TokenBudgetChatClientBuilderExtensions
{
    /// <summary>
    /// Records each call (tokens, latency, cost) in <paramref name="ledger"/> and refuses calls with
    /// <see cref="BudgetExceededException"/>, before sending anything, once the ledger's budget is used up.
    /// Place it outside <c>UseOptoResilience</c> so that a call is recorded once, however many attempts it took.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="ledger">The ledger holding the budget, the prices and the records; it may be shared by several clients.</param>
    /// <param name="source">A name for this client in the records (e.g. <c>optimizer</c>); optional.</param>
    /// <param name="timeProvider">The clock for timestamps and latencies; null uses the system clock.</param>
    /// <returns>The same builder.</returns>
    public static ChatClientBuilder UseTokenBudget(
        this ChatClientBuilder builder, UsageLedger ledger, string? source = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ledger);
        return builder.Use(inner => new TokenBudgetChatClient(inner, ledger, source, timeProvider));
    }
}
