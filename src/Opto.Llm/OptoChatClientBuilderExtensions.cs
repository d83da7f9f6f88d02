using Microsoft.Extensions.AI;

namespace Opto.Llm;

/// <summary>The recommended middleware stack in one call.</summary>
public static class OptoChatClientBuilderExtensions
{
    /// <summary>
    /// Adds, from outside in: telemetry (<c>UseOptoTelemetry</c>), accounting with the ledger's budget
    /// (<c>UseTokenBudget</c>, when a ledger is given) and resilience (<c>UseOptoResilience</c>). One logical call is
    /// then traced once and recorded once, however many attempts it needed.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="ledger">The ledger for usage and budget; null skips accounting.</param>
    /// <param name="resilience">Resilience settings; null uses the defaults.</param>
    /// <param name="source">A name for this client in the ledger's records (e.g. <c>optimizer</c>).</param>
    /// <returns>The same builder.</returns>
    public static ChatClientBuilder UseOptoDefaults(
        this ChatClientBuilder builder, UsageLedger? ledger = null, LlmResilienceOptions? resilience = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseOptoTelemetry();
        if (ledger is not null)
        {
            builder.UseTokenBudget(ledger, source, resilience?.TimeProvider);
        }

        return builder.UseOptoResilience(resilience);
    }
}
